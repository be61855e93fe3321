"""A reader's blocklist (``blocklists.rules.Blocklist``) as SQL over the search index, so every listing applies
it inside its query and counts and pages stay exact.

``hidden_works_sql`` is the set of works the rules hide, built from index ranges (tags, creators) and single
passes (the document table for numbers and languages), the text index for words, less the allow-list;
``shown_condition`` is what the search statements add (``sqlbuild``: the listed work not in that set), and
``works_shown_q`` the same rule for listings built with the ORM (bookmarks, series).
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
CREATORSHIP = "works_creatorship"
EXTERNAL_CREATORSHIP = "works_externalcreatorship"


def _in(values: tuple) -> str:
    return ", ".join("%s" for _ in values)


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


def _credited(
    pseud_ids: tuple[int, ...], external_ids: tuple[int, ...], selects: list[str], params: list[object]
) -> None:
    if pseud_ids:
        selects.append(f"SELECT work_id FROM {CREATORSHIP} WHERE pseud_id IN ({_in(pseud_ids)})")
        params.extend(pseud_ids)
    if external_ids:
        selects.append(f"SELECT work_id FROM {EXTERNAL_CREATORSHIP} WHERE external_creator_id IN ({_in(external_ids)})")
        params.extend(external_ids)


def _matched(blocklist: Blocklist) -> tuple[list[str], list[object]]:
    """One SELECT of work ids per group of rules, each read where it is cheapest: a tag's or a creator's index
    range, one pass over the narrow document table for the numbers and languages, the text index for words."""
    b = blocklist
    selects: list[str] = []
    params: list[object] = []
    plain = tuple(tag for tag, unless in b.tags if unless is None)
    if plain:
        selects.append(f"SELECT work_id FROM {TAGS} WHERE tag_id IN ({_in(plain)})")
        params.extend(plain)
    for tag, unless in b.tags:
        if unless is not None:
            selects.append(
                f"SELECT bt.work_id FROM {TAGS} bt WHERE bt.tag_id = %s AND NOT EXISTS"
                f" (SELECT 1 FROM {TAGS} bu WHERE bu.work_id = bt.work_id AND bu.tag_id = %s)"
            )
            params.extend((tag, unless))
    if b.words:
        from scriptorium.search.backends import get_search_backend  # the backends import this module

        word_selects, word_params = get_search_backend().title_or_summary_sql(b.words)
        selects.extend(word_selects)
        params.extend(word_params)
    _credited(b.pseud_ids, b.external_creator_ids, selects, params)
    numbers: list[str] = []
    _ranges("word_count", b.word_ranges, numbers, params)
    _ranges("chapter_count", b.chapter_ranges, numbers, params)
    if b.max_fandoms is not None:
        numbers.append("fandom_count > %s")
        params.append(b.max_fandoms)
    if b.stale_before is not None:
        numbers.append("(complete = %s AND updated_on < %s)")
        params.extend((False, b.stale_before))
    if b.languages:
        numbers.append(f"language IN ({_in(b.languages)})")
        params.extend(b.languages)
    if numbers:
        selects.append(f"SELECT work_id FROM {DOC} WHERE {' OR '.join(numbers)}")
    return selects, params


def hidden_works_sql(blocklist: Blocklist) -> tuple[str, list[object]]:
    """A SELECT of the work ids the blocklist hides: what any rule matches, less what the allow-list keeps. It
    does not depend on the outer row, so each database reads it once per statement (SQLite as a temporary
    index, PostgreSQL as a hashed subplan) and tests each listed work against it in one lookup."""
    selects, params = _matched(blocklist)
    if not selects:
        return f"SELECT work_id FROM {DOC} WHERE 1 = 0", []
    b = blocklist
    allowed: list[str] = []
    if b.allow_tags:
        allowed.append(f"SELECT work_id FROM {TAGS} WHERE tag_id IN ({_in(b.allow_tags)})")
        params.extend(b.allow_tags)
    _credited(b.allow_pseud_ids, b.allow_external_creator_ids, allowed, params)
    # UNION and EXCEPT group from the left on both databases: (rule ∪ rule ∪ …) − allowed − allowed…
    return " UNION ".join(selects) + "".join(f" EXCEPT {a}" for a in allowed), params


def shown_condition(blocklist: Blocklist, w: str = "d.work_id") -> tuple[str, list[object]]:
    """SQL true for the works (their id ``w``) the blocklist lets through."""
    hidden, params = hidden_works_sql(blocklist)
    return f"{w} NOT IN ({hidden})", params


def works_shown_q(blocklist: Blocklist, field: str = "pk") -> Q:
    """A filter (``Q``) true for the rows whose work (``field``) the blocklist does *not* hide: for ORM listings.
    Empty for an inactive blocklist."""
    if not blocklist.active:
        return Q()
    hidden, params = hidden_works_sql(blocklist)
    return ~Q(**{f"{field}__in": RawSQL(hidden, params)})  # noqa: S611 (every value is a parameter)


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
