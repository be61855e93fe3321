"""Blocking and muting: the writes (at most ``RELATIONS_MAX`` of each per account). The reads and the checks
others use are in ``selectors.relations``.

A blocked account cannot comment on the blocker's works or reply to the blocker's comments (``services.comments``
checks this; gifting bookmarks does not exist on this archive yet, so there is nothing else to refuse). A
muted account's comments and works disappear for the muter, inside the queries that list them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from scriptorium.accounts.models import User
from scriptorium.interactions.models import RELATIONS_MAX, Block, Mute
from scriptorium.interactions.selectors.relations import RELATION_FIELDS

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    Actor = User | AnonymousUser

_WORDS = {
    Block: {"verb": "block", "done": "blocked", "undo": "unblock"},
    Mute: {"verb": "mute", "done": "muted", "undo": "unmute"},
}


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
    owner_field, other_field = RELATION_FIELDS[model]
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
    owner_field, other_field = RELATION_FIELDS[model]
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
