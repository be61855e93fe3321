"""Who may see which works: the one place these rules live."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User


class WorkQuerySet(models.QuerySet):
    def listed_for(self, user: User | AnonymousUser) -> WorkQuerySet:
        """Works that appear on listings: posted, and restricted ones only for logged-in readers."""
        qs = self.filter(posted=True)
        if not user.is_authenticated:
            qs = qs.filter(restricted=False)
        return qs

    def visible_to(self, user: User | AnonymousUser) -> WorkQuerySet:
        """Works a user may open: what is listed for them, plus their own drafts."""
        if not user.is_authenticated:
            return self.filter(posted=True, restricted=False)
        from scriptorium.works.models import Creatorship

        own = Creatorship.objects.filter(pseud__user=user).values("work_id")
        return self.filter(models.Q(posted=True) | models.Q(pk__in=own))

    def editable_by(self, user: User | AnonymousUser) -> WorkQuerySet:
        """Works a user may change: those credited to one of their pseuds."""
        if not user.is_authenticated:
            return self.none()
        from scriptorium.works.models import Creatorship

        return self.filter(pk__in=Creatorship.objects.filter(pseud__user=user).values("work_id"))
