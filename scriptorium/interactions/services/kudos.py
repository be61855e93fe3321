"""Kudos: once per account or guest key, never on one's own work, and only on a posted work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from scriptorium.accounts.selectors import suspension_check
from scriptorium.interactions import events
from scriptorium.interactions.models import Kudos
from scriptorium.interactions.services.common import check_visible, work_counter_bump
from scriptorium.works.selectors import is_creator

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User
    from scriptorium.works.models import Chapter, Work

    Actor = User | AnonymousUser

KUDOS_TWICE = "You have already left kudos here. :)"
KUDOS_OWN_WORK = "You can’t leave kudos on your own work."


def kudos_give(*, actor: Actor, work: Work, chapter: Chapter | None = None, guest_key: str = "") -> Kudos:
    """Leave kudos on ``work`` (or on one of its chapters): once per account, once per guest key."""
    check_visible(actor, work)
    suspension_check(actor)
    if chapter is not None and chapter.work_id != work.pk:
        raise ValidationError("That chapter is not part of this work.")
    if is_creator(actor, work):
        raise ValidationError(KUDOS_OWN_WORK, code="own_work")
    if not work.posted:
        raise ValidationError("Kudos open once the work is posted.", code="draft")
    if actor.is_authenticated:
        mine = {"user": actor}
    elif guest_key:
        mine = {"user": None, "guest_key": guest_key}
    else:
        raise ValidationError("We could not recognise you: please try again.", code="no_guest_key")
    existing = Kudos.objects.filter(work=work, chapter=chapter, **mine)
    if existing.exists():
        raise ValidationError(KUDOS_TWICE, code="twice")
    try:
        with transaction.atomic():
            kudos = Kudos.objects.create(work=work, chapter=chapter, **mine)
            if chapter is None:
                work_counter_bump(work.pk, "kudos_count", 1)
            events.kudos_given.announce(kudos_id=kudos.pk, work_id=work.pk, chapter_id=kudos.chapter_id)
    except IntegrityError:  # the same reader's other request won the race
        raise ValidationError(KUDOS_TWICE, code="twice") from None
    return kudos
