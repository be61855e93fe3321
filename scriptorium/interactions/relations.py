"""Blocking and muting: the writes (at most ``RELATIONS_MAX`` of each per account) and the checks others use.

A blocked account cannot comment on the blocker's works or reply to the blocker's comments (``services``
checks this; gifting bookmarks does not exist on this archive yet, so there is nothing else to refuse). A
muted account's comments and works disappear for the muter, inside the queries that list them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from scriptorium.accounts.models import User
from scriptorium.interactions.models import RELATIONS_MAX, Block, Mute

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    Actor = User | AnonymousUser

_WORDS = {
    Block: {"verb": "block", "done": "blocked", "undo": "unblock"},
    Mute: {"verb": "mute", "done": "muted", "undo": "unmute"},
}
_FIELDS = {Block: ("blocker", "blocked"), Mute: ("muter", "muted")}


def _target(username: str) -> User:
    name = username.strip().lstrip("@")
    target = User.objects.filter(username__iexact=name, is_active=True).first() if name else None
    if target is None:
        raise ValidationError(
            {
                "username": [
                    f"There is no account called “{name}”." if name else "Please give the username of the account."
                ]
            },
            code="no_user",
        )
    return target


def _add(model: type[Block] | type[Mute], actor: Actor, username: str) -> Block | Mute:
    if not actor.is_authenticated:
        raise PermissionDenied("Please log in first.")
    words = _WORDS[model]
    owner_field, other_field = _FIELDS[model]
    target = _target(username)
    if target.pk == actor.pk:
        raise ValidationError({"username": [f"You can’t {words['verb']} yourself."]}, code="self")
    with transaction.atomic():
        # Lock the account's row: two requests at once cannot both pass the limit check.
        User.objects.select_for_update().filter(pk=actor.pk).values_list("pk", flat=True).get()
        mine = model.objects.filter(**{owner_field: actor})
        if mine.filter(**{other_field: target}).exists():
            raise ValidationError({"username": [f"You have already {words['done']} {target.username}."]}, code="twice")
        if mine.count() >= RELATIONS_MAX:
            raise ValidationError(
                {
                    "username": [
                        f"You have {words['done']} {RELATIONS_MAX:,} accounts, the most allowed. "
                        f"Please {words['undo']} someone before you {words['verb']} another account."
                    ]
                },
                code="limit",
            )
        try:
            with transaction.atomic():
                return model.objects.create(**{owner_field: actor, other_field: target})
        except IntegrityError:
            raise ValidationError(
                {"username": [f"You have already {words['done']} {target.username}."]}, code="twice"
            ) from None


def _remove(model: type[Block] | type[Mute], actor: Actor, user_id: int) -> bool:
    if not actor.is_authenticated:
        raise PermissionDenied("Please log in first.")
    owner_field, other_field = _FIELDS[model]
    deleted, _ = model.objects.filter(**{owner_field: actor, f"{other_field}_id": user_id}).delete()
    return bool(deleted)


def block_add(*, actor: Actor, username: str) -> Block:
    """Block the account called ``username`` (not oneself; at most ``RELATIONS_MAX``)."""
    return _add(Block, actor, username)


def block_remove(*, actor: Actor, user_id: int) -> bool:
    return _remove(Block, actor, user_id)


def mute_add(*, actor: Actor, username: str) -> Mute:
    """Mute the account called ``username`` (not oneself; at most ``RELATIONS_MAX``)."""
    return _add(Mute, actor, username)


def mute_remove(*, actor: Actor, user_id: int) -> bool:
    return _remove(Mute, actor, user_id)


def blocked_by_any(actor: Actor, blocker_ids: Iterable[int | None]) -> bool:
    """Whether any of ``blocker_ids`` has blocked ``actor`` (never, for a guest)."""
    ids = [pk for pk in blocker_ids if pk is not None]
    if not actor.is_authenticated or not ids:
        return False
    return Block.objects.filter(blocked=actor, blocker_id__in=ids).exists()


def relations_list(actor: User, model: type[Block] | type[Mute]) -> list[Block] | list[Mute]:
    """The accounts ``actor`` blocks or mutes, newest first, with their usernames (one query)."""
    owner_field, other_field = _FIELDS[model]
    return list(model.objects.filter(**{owner_field: actor}).select_related(other_field).order_by("-created_at", "-id"))


def relation_state(viewer: Actor, other: User) -> dict[str, bool]:
    """Whether ``viewer`` blocks and mutes ``other`` (for the buttons on profile pages; one query)."""
    if not viewer.is_authenticated or viewer.pk == other.pk:
        return {"blocked": False, "muted": False}
    from django.db.models import Exists

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
