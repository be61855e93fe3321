"""One wrangling action applied to many tags at once (the fandom bins' bulk form)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from scriptorium.tags.filters import filters_refresh_for_tags
from scriptorium.tags.models import FilterRefresh, Tag
from scriptorium.tags.wrangling import _check_wrangler, _make_canonical, _make_synonym, _parent_add, _unwrangle

if TYPE_CHECKING:
    from scriptorium.accounts.models import User

#: Bulk actions, and whether each needs a target tag.
BULK_ACTIONS: dict[str, tuple[str, bool]] = {
    "canonical": ("Make canonical", False),
    "synonym": ("Make synonyms of…", True),
    "parent": ("Add parent tag…", True),
    "unwrangle": ("Unwrangle", False),
}


@dataclass
class BulkResult:
    done: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    refresh: FilterRefresh | None = None


def _action(action: str, target: Tag | None, actor: User) -> Callable[[Tag], set[int]]:
    if action == "canonical":
        return lambda tag: _make_canonical(tag, actor=actor)
    if action == "unwrangle":
        return lambda tag: _unwrangle(tag, actor=actor)
    assert target is not None
    if action == "synonym":
        return lambda tag: _make_synonym(tag, target, actor=actor)
    return lambda tag: _parent_add(tag, target, actor=actor)


@transaction.atomic
def tags_bulk_wrangle(*, actor: User, tags: Sequence[Tag], action: str, target: Tag | None = None) -> BulkResult:
    """Apply ``action`` to each of ``tags``; a tag the action does not fit is reported and left as it was, the
    others are changed. The works concerned are refreshed once, at the end (in the background when many)."""
    _check_wrangler(actor)
    if action not in BULK_ACTIONS:
        raise ValidationError(f"Unknown action “{action}”.")
    if BULK_ACTIONS[action][1] and target is None:
        raise ValidationError("Name the tag this action needs.")
    if not tags:
        raise ValidationError("Select at least one tag.")
    apply = _action(action, target, actor)
    result = BulkResult()
    affected: set[int] = set()
    for tag in tags:
        try:
            with transaction.atomic():
                affected |= apply(tag)
        except ValidationError as exc:
            result.errors.extend(f"{tag.name}: {message}" for message in exc.messages)
        else:
            result.done.append(tag.name)
    if affected:
        label = BULK_ACTIONS[action][0].rstrip("…")
        description = f"{label} ({len(result.done)} tags){f' → “{target.name}”' if target else ''}"
        result.refresh = filters_refresh_for_tags(tag_ids=affected, description=description, actor=actor)
    return result
