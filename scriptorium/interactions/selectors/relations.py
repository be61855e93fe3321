"""Reads about blocking and muting: who blocked whom (the check the comment services use), the lists on the
account pages, the profile buttons' state, and the muted ids listings leave out in their queries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Exists

from scriptorium.accounts.models import User
from scriptorium.interactions.models import Block, Mute

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    Actor = Viewer = User | AnonymousUser

#: The owner's field and the other account's field of each relation.
RELATION_FIELDS = {Block: ("blocker", "blocked"), Mute: ("muter", "muted")}


def blocked_by_any(actor: Actor, blocker_ids: Iterable[int | None]) -> bool:
    """Whether any of ``blocker_ids`` has blocked ``actor`` (never, for a guest)."""
    ids = [pk for pk in blocker_ids if pk is not None]
    if not actor.is_authenticated or not ids:
        return False
    return Block.objects.filter(blocked=actor, blocker_id__in=ids).exists()


def invite_blocked(inviter_id: int, invitee_id: int) -> bool:
    """Whether ``invitee_id`` has blocked ``inviter_id`` (then they cannot be invited as co-creator: registered
    with ``core.consent`` by ``InteractionsConfig.ready``)."""
    return Block.objects.filter(blocker_id=invitee_id, blocked_id=inviter_id).exists()


def relations_list(actor: User, model: type[Block] | type[Mute]) -> list[Block] | list[Mute]:
    """The accounts ``actor`` blocks or mutes, newest first, with their usernames (one query)."""
    owner_field, other_field = RELATION_FIELDS[model]
    return list(model.objects.filter(**{owner_field: actor}).select_related(other_field).order_by("-created_at", "-id"))


def relation_state(viewer: Actor, other: User) -> dict[str, bool]:
    """Whether ``viewer`` blocks and mutes ``other`` (for the buttons on profile pages; one query)."""
    if not viewer.is_authenticated or viewer.pk == other.pk:
        return {"blocked": False, "muted": False}
    row = (
        User.objects.filter(pk=other.pk)
        .annotate(
            is_blocked=Exists(Block.objects.filter(blocker=viewer, blocked=other)),
            is_muted=Exists(Mute.objects.filter(muter=viewer, muted=other)),
        )
        .values("is_blocked", "is_muted")
        .first()
    )
    return {"blocked": bool(row and row["is_blocked"]), "muted": bool(row and row["is_muted"])}


def muted_user_ids(viewer: Viewer) -> tuple[int, ...]:
    """Ids of the accounts ``viewer`` has muted (none for a guest): listings leave their works out in the query."""
    if not viewer.is_authenticated:
        return ()
    return tuple(Mute.objects.filter(muter=viewer).values_list("muted_id", flat=True))
