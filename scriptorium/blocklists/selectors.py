"""Reads: a reader's rules for their settings page and export, and the compiled :class:`Blocklist` every listing
applies inside its query (one query; none for a guest)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from scriptorium.blocklists.models import BlockRule, RuleKind
from scriptorium.blocklists.rules import EMPTY, Blocklist, years_ago

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User

    Viewer = User | AnonymousUser


def rules_of(user: User) -> list[BlockRule]:
    """The reader's rules with what they name (tags, pseuds, external creators), by kind then age."""
    return list(
        BlockRule.objects.filter(user=user)
        .select_related("tag", "unless_tag", "pseud", "external_creator")
        .order_by("kind", "id")
    )


def blocklist_of(user: Viewer) -> Blocklist:
    """The reader's rules as the queries apply them; the empty list for a guest."""
    if not user.is_authenticated:
        return EMPTY
    rows = BlockRule.objects.filter(user=user).values_list(
        "kind", "tag_id", "tag__merger_id", "unless_tag_id", "unless_tag__merger_id", "pseud_id",
        "external_creator_id", "text", "low", "high",
    )  # fmt: skip
    if not rows:
        return EMPTY
    parts: dict[str, list] = {}
    max_fandoms: int | None = None
    stale_years: int | None = None
    for kind, tag_id, merger_id, unless_id, unless_merger_id, pseud_id, external_id, text, low, high in rows:
        tag = (merger_id or tag_id) if tag_id else None
        if kind == RuleKind.TAG:
            parts.setdefault("tags", []).append((tag, (unless_merger_id or unless_id) if unless_id else None))
        elif kind == RuleKind.WORDS:
            parts.setdefault("words", []).append(text.casefold())
        elif kind in (RuleKind.CREATOR, RuleKind.ALLOW_CREATOR):
            prefix = "allow_" if kind == RuleKind.ALLOW_CREATOR else ""
            if pseud_id:
                parts.setdefault(f"{prefix}pseud_ids", []).append(pseud_id)
            if external_id:
                parts.setdefault(f"{prefix}external_creator_ids", []).append(external_id)
        elif kind == RuleKind.WORD_COUNT:
            parts.setdefault("word_ranges", []).append((low, high))
        elif kind == RuleKind.CHAPTER_COUNT:
            parts.setdefault("chapter_ranges", []).append((low, high))
        elif kind == RuleKind.FANDOMS:
            max_fandoms = low if max_fandoms is None else min(max_fandoms, low)
        elif kind == RuleKind.STALE:
            stale_years = low if stale_years is None else min(stale_years, low)
        elif kind == RuleKind.LANGUAGE:
            parts.setdefault("languages", []).append(text)
        elif kind == RuleKind.ALLOW_TAG:
            parts.setdefault("allow_tags", []).append(tag)
    return Blocklist(
        **{key: tuple(sorted(set(values), key=str)) for key, values in parts.items()},
        max_fandoms=max_fandoms,
        stale_before=years_ago(stale_years, timezone.localdate()) if stale_years is not None else None,
    )
