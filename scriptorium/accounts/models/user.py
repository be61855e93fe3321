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

    class Meta:
        db_table = "accounts_user"

    @property
    def default_pseud(self):
        return self.pseuds.filter(is_default=True).first() or self.pseuds.order_by("id").first()
