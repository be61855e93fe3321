"""A reader's blocklist (``blocklists.rules.Blocklist``) as SQL over the search index, so every listing applies
it inside its query and counts and pages stay exact.

``shown_condition`` is what the search statements add (``sqlbuild``: on the document row ``d``);
``works_hidden_q`` is the same rule for listings built with the ORM (bookmarks, series): the works the rules
hide, as a subquery of the index. A work not in the index (a draft) is never hidden by it.
"""

# SQL here is assembled from constant table/column names and %s placeholders; every value is a parameter.
# ruff: noqa: S608
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from scriptorium.blocklists.rules import Blocklist, Range
from scriptorium.blocklists.selectors import blocklist_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from scriptorium.accounts.models import User

    Viewer = User | AnonymousUser

DOC = "search_searchdocument"
TAGS = "search_searchtag"
WORK = "works_work"
CREATORSHIP = "works_creatorship"
EXTERNAL_CREATORSHIP = "works_externalcreatorship"


def _in(values: tuple) -> str:
    return ", ".join("%s" for _ in values)


def _like(word: str) -> str:
    escaped = word.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


def _ranges(column: str, ranges: tuple[Range, ...], parts: list[str], params: list[object]) -> None:
    for low, high in ranges:
        bounds = []
        if low is not None:
            bounds.append(f"{column} >= %s")
            params.append(low)
        if high is not None:
            bounds.append(f"{column} <= %s")
            params.append(high)
        parts.append("(" + " AND ".join(bounds or ["1 = 1"]) + ")")


def _tagged(alias: str, tag_ids: tuple[int, ...]) -> str:
    return (
        f"EXISTS (SELECT 1 FROM {TAGS} {alias} WHERE {alias}.work_id = d.work_id"
        f" AND {alias}.tag_id IN ({_in(tag_ids)}))"
    )


def _credited(pseud_ids: tuple[int, ...], external_ids: tuple[int, ...], params: list[object]) -> list[str]:
    parts = []
    if pseud_ids:
        parts.append(
            f"EXISTS (SELECT 1 FROM {CREATORSHIP} bc WHERE bc.work_id = d.work_id"
            f" AND bc.pseud_id IN ({_in(pseud_ids)}))"
        )
        params.extend(pseud_ids)
    if external_ids:
        parts.append(
            f"EXISTS (SELECT 1 FROM {EXTERNAL_CREATORSHIP} be WHERE be.work_id = d.work_id"
            f" AND be.external_creator_id IN ({_in(external_ids)}))"
        )
        params.extend(external_ids)
    return parts


def hidden_condition(blocklist: Blocklist) -> tuple[str, list[object]]:
    """SQL true for the works the rules match (allow-list not applied), on the document row ``d``."""
    b = blocklist
    parts: list[str] = []
    params: list[object] = []
    plain = tuple(tag for tag, unless in b.tags if unless is None)
    if plain:
        parts.append(_tagged("bt", plain))
        params.extend(plain)
    for tag, unless in b.tags:
        if unless is not None:
            parts.append(f"({_tagged('bt', (tag,))} AND NOT {_tagged('bu', (unless,))})")
            params.extend((tag, unless))
    if b.words:
        likes = " OR ".join(
            "LOWER(bw.title) LIKE %s ESCAPE '!' OR LOWER(bw.summary) LIKE %s ESCAPE '!'" for _ in b.words
        )
        parts.append(f"EXISTS (SELECT 1 FROM {WORK} bw WHERE bw.id = d.work_id AND ({likes}))")
        for word in b.words:
            params.extend((_like(word), _like(word)))
    parts.extend(_credited(b.pseud_ids, b.external_creator_ids, params))
    _ranges("d.word_count", b.word_ranges, parts, params)
    _ranges("d.chapter_count", b.chapter_ranges, parts, params)
    if b.max_fandoms is not None:
        parts.append("d.fandom_count > %s")
        params.append(b.max_fandoms)
    if b.stale_before is not None:
        parts.append("(d.complete = %s AND d.updated_on < %s)")
        params.extend((False, b.stale_before))
    if b.languages:
        parts.append(f"d.language IN ({_in(b.languages)})")
        params.extend(b.languages)
    return ("(" + " OR ".join(parts) + ")" if parts else "1 = 0"), params


def allowed_condition(blocklist: Blocklist) -> tuple[str, list[object]]:
    """SQL true for the works the allow-list keeps whatever the rules say; None-like ``1 = 0`` when empty."""
    b = blocklist
    parts: list[str] = []
    params: list[object] = []
    if b.allow_tags:
        parts.append(_tagged("ba", b.allow_tags))
        params.extend(b.allow_tags)
    parts.extend(_credited(b.allow_pseud_ids, b.allow_external_creator_ids, params))
    return ("(" + " OR ".join(parts) + ")" if parts else "1 = 0"), params


def shown_condition(blocklist: Blocklist) -> tuple[str, list[object]]:
    """SQL true for the works the blocklist lets through, on the document row ``d``."""
    hidden, params = hidden_condition(blocklist)
    if not blocklist.allows:
        return f"NOT {hidden}", params
    allowed, allowed_params = allowed_condition(blocklist)
    return f"({allowed} OR NOT {hidden})", [*allowed_params, *params]


def works_shown_q(blocklist: Blocklist, field: str = "pk") -> Q:
    """A filter (``Q``) true for the rows whose work (``field``) the blocklist does *not* hide: for ORM listings.
    Empty for an inactive blocklist."""
    if not blocklist.active:
        return Q()
    shown, params = shown_condition(blocklist)
    hidden = RawSQL(f"SELECT d.work_id FROM {DOC} d WHERE NOT {shown}", params)  # noqa: S611 (values are params)
    return ~Q(**{f"{field}__in": hidden})


@dataclass
class PageBlocking:
    """A reader's blocklist on a page listed with the ORM (bookmarks, a series): the filter to apply, and what
    the page says about it (the same words as the works listings: ``search/_blocked.html``)."""

    blocklist: Blocklist
    show_blocked: bool  # lifted for this page ("show them this time")
    path: str
    params: list[tuple[str, str]]
    hidden: int | None = None
    hidden_exact: bool = True

    def shown_q(self, field: str) -> Q:
        return Q() if self.show_blocked else works_shown_q(self.blocklist, field)

    def count(self, everything: QuerySet, field: str) -> None:
        """How many rows of ``everything`` (the page's rows before the blocklist) it hides (one count)."""
        if self.blocklist.active:
            self.hidden = everything.exclude(works_shown_q(self.blocklist, field)).count()

    @property
    def show_blocked_url(self) -> str:
        pairs = [*self.params, ("show_blocked", "1")]
        return f"{self.path}?{urlencode(pairs)}"

    @property
    def hide_blocked_url(self) -> str:
        return f"{self.path}?{urlencode(self.params)}" if self.params else self.path


def page_blocking(request: HttpRequest, user: Viewer) -> PageBlocking:
    """The viewer's blocklist on this page (one query; nothing for a guest), lifted by ``?show_blocked=1``."""
    blocklist = blocklist_of(user)
    params = [(k, v) for k, v in request.GET.items() if k not in ("show_blocked", "page")]
    return PageBlocking(
        blocklist=blocklist,
        show_blocked=blocklist.active and request.GET.get("show_blocked") == "1",
        path=request.path,
        params=params,
    )
