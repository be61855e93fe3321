"""The reading-status shelf: an account puts a work it can open on one of its shelves (reading, to read,
finished, dropped), moves it to another, or takes it off. Private: only the account sees its shelves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from scriptorium.interactions.models import ShelfEntry, ShelfStatus
from scriptorium.works.models import Work

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User

    Actor = User | AnonymousUser


def shelf_set(*, actor: Actor, work_id: int, status: str) -> ShelfEntry | None:
    """Put the work on the ``status`` shelf ("" takes it off every shelf); answers the entry, or None when the work
    is on no shelf now. A work the reader could not find in a listing answers as missing."""
    if not actor.is_authenticated:
        raise PermissionDenied("Please log in first.")
    if status and status not in ShelfStatus.values:
        raise ValidationError({"status": "Choose one of the shelves."})
    with transaction.atomic():
        if not status:
            ShelfEntry.objects.filter(user=actor, work_id=work_id).delete()
            return None
        if not Work.objects.listed_for(actor).filter(pk=work_id).exists():
            raise Work.DoesNotExist("No work found.")
        entry, _ = ShelfEntry.objects.update_or_create(user=actor, work_id=work_id, defaults={"status": status})
    return entry
