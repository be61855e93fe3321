"""What the interactions services share: moving a work's counters, and the visibility check they start with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F
from django.db.models.functions import Greatest

from scriptorium.interactions import events
from scriptorium.works.models import Work

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User

    Actor = User | AnonymousUser


def work_counter_bump(work_id: int, field: str, delta: int) -> None:
    """Move one of the work's counters in the database itself (no read, so concurrent writes add up); never
    below 0."""
    value = F(field) + delta if delta > 0 else Greatest(F(field) + delta, 0)
    Work.objects.filter(pk=work_id).update(**{field: value})
    work_interactions_changed(work_id)


def work_interactions_changed(work_id: int) -> None:
    """Announce (after commit) that what the work's readers see of kudos, comments or bookmarks changed."""
    events.work_interactions_changed.announce(work_id=work_id)


def check_visible(actor: Actor, work: Work) -> None:
    """A work the actor may not open answers as a missing one (the view turns this into the same 404)."""
    if not Work.objects.visible_to(actor).filter(pk=work.pk).exists():
        raise Work.DoesNotExist("No work found.")
