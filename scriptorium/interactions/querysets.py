"""Who sees which kudos and comments. The work itself is always found through ``Work.objects.visible_to``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User
    from scriptorium.works.models import Work


class KudosQuerySet(models.QuerySet):
    def on_work(self, work: Work | int) -> KudosQuerySet:
        """Kudos on the work as a whole (not on one of its chapters)."""
        return self.filter(work=work, chapter__isnull=True)

    def from_accounts(self) -> KudosQuerySet:
        return self.filter(user__isnull=False)

    def from_guests(self) -> KudosQuerySet:
        return self.filter(user__isnull=True)


class CommentQuerySet(models.QuerySet):
    def on_visible_works(self, user: User | AnonymousUser) -> CommentQuerySet:
        """Comments on works ``user`` may open (the one visibility rule for works applies)."""
        from scriptorium.works.models import Work

        return self.filter(work__in=Work.objects.visible_to(user).values("pk"))

    def shown_to(self, user: User | AnonymousUser, *, creator: bool) -> CommentQuerySet:
        """Comments a reader of the work sees: published ones (deleted ones stay as placeholders), and held ones
        only to the work's creators and to their own author."""
        from scriptorium.interactions.models import CommentState

        published = models.Q(state=CommentState.PUBLISHED)
        if creator:
            return self.filter(published | models.Q(state=CommentState.HELD, deleted=False))
        if user.is_authenticated:
            return self.filter(published | models.Q(state=CommentState.HELD, deleted=False, user=user))
        return self.filter(published)

    def counted(self) -> CommentQuerySet:
        """Comments that count in ``Work.comments_count``: published and not deleted."""
        from scriptorium.interactions.models import CommentState

        return self.filter(state=CommentState.PUBLISHED, deleted=False)
