"""Who may see which works, and who counts as a work's creator or as staff: the one place these rules live."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from scriptorium.accounts.moderators import moderator_exists

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User


def is_staff(user: User | AnonymousUser) -> bool:
    """Whether ``user`` is one of the archive's staff (who may moderate any work's comments and see any work's
    statistics). The one staff rule: every check goes through here."""
    return bool(user.is_authenticated and user.is_staff)


class WorkQuerySet(models.QuerySet):
    def public(self) -> WorkQuerySet:
        """Works the archive shows the world at all: posted and not hidden by a moderator (what the search
        index, listings, counts and announcements to subscribers start from)."""
        return self.filter(posted=True, hidden=False)

    def listed_for(self, user: User | AnonymousUser) -> WorkQuerySet:
        """Works that appear on listings: posted, not hidden by a moderator, and restricted ones only for
        logged-in readers."""
        qs = self.public()
        if not user.is_authenticated:
            qs = qs.filter(restricted=False)
        return qs

    def members_only(self) -> WorkQuerySet:
        """Works any logged-in reader may open but a guest may not: posted, not hidden, restricted. A guest who
        asks for one is told to log in (drafts and hidden works stay as missing)."""
        return self.public().filter(restricted=True)

    def visible_to(self, user: User | AnonymousUser) -> WorkQuerySet:
        """Works a user may open: what is listed for them, plus their own drafts and hidden works, plus (for a
        moderator) every hidden work. One query whoever asks: the moderator check is a subquery."""
        if not user.is_authenticated:
            return self.filter(posted=True, restricted=False, hidden=False)
        return self.filter(
            models.Q(posted=True, hidden=False)
            | models.Q(pk__in=_credited_work_ids(user))
            | (models.Q(posted=True, hidden=True) & moderator_exists(user))
        )

    def created_by(self, user: User | AnonymousUser) -> WorkQuerySet:
        """Works credited to one of ``user``'s pseuds (a co-creator counts; a guest has none). The one rule for
        "a creator of the work"."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=_credited_work_ids(user))

    def editable_by(self, user: User | AnonymousUser) -> WorkQuerySet:
        """Works a user may change: those they are a creator of."""
        return self.created_by(user)

    def moderated_by(self, user: User | AnonymousUser) -> WorkQuerySet:
        """Works whose comments ``user`` may moderate and whose statistics they may see: their own, every
        work for staff."""
        return self.all() if is_staff(user) else self.created_by(user)


def _credited_work_ids(user: User) -> models.QuerySet:
    from scriptorium.works.models import Creatorship

    return Creatorship.objects.filter(pseud__user=user).values("work_id")
