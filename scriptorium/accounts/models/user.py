from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """An account. Its public names are its pseuds; the username is only the login and the URL."""

    about = models.TextField(blank=True, max_length=2000)
    #: "Don't ask again" on the adult-content notice.
    view_adult = models.BooleanField(default=False)
    #: Accounts the archive itself uses (the import account); they cannot log in.
    is_system = models.BooleanField(default=False)
    #: Set by a moderator (``scriptorium.moderation``): until then the account can read but not post, comment,
    #: leave kudos or bookmark publicly. ``suspension_reason`` is what the account is told.
    suspended_until = models.DateTimeField(null=True, blank=True)
    suspension_reason = models.TextField(blank=True)
    #: A ban also turns ``is_active`` off (the account cannot log in); the time and reason are kept here.
    banned_at = models.DateTimeField(null=True, blank=True)
    ban_reason = models.TextField(blank=True)

    class Meta:
        db_table = "accounts_user"

    @property
    def default_pseud(self):
        return self.pseuds.filter(is_default=True).first() or self.pseuds.order_by("id").first()
