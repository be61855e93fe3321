"""Reads for the works search page and every listing built on it (all works, a tag's, a pseud's, a user's).

``works_listing(...)`` runs one search through the configured backend and gathers what the page shows: the
works of this page (blurbs, prefetched as ``works.selectors`` does), the total, facet values as links that add
to the URL, the active filters as links that take them away, and the reader's standing exclusions, which are
part of the query itself so totals and pages stay right.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from scriptorium.blocklists.rules import EMPTY, Blocklist
from scriptorium.blocklists.selectors import blocklist_of
from scriptorium.interactions.selectors import muted_user_ids, reader_signals_mark
from scriptorium.search.backends import get_search_backend
from scriptorium.search.forms import LAST_PAGE, MAX_PAGE, SearchForm
from scriptorium.search.models import ExcludedTag, SavedSearch
from scriptorium.search.query import FACET_TYPES, FacetValue, QuerySyntaxError, SearchResult, Sort, WorkQuery
from scriptorium.search.tagtext import SPELLING_BELOW, SpellingHint, TagHint, TagText, spelling_hint, tag_text
from scriptorium.tags.models import Tag, TagType, WorkFilter
from scriptorium.tags.vocabulary import NOT_RATED
from scriptorium.works.adult import adult_notice_due
from scriptorium.works.languages import LANGUAGES
from scriptorium.works.models import Work
from scriptorium.works.selectors import blurb_queryset, is_creator

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User

    Viewer = User | AnonymousUser

FACET_TITLES = {
    "rating": "Ratings",
    "warning": "Warnings",
    "category": "Categories",
    "fandom": "Fandoms",
    "relationship": "Relationships",
    "character": "Characters",
    "additional": "Additional tags",
    "language": "Languages",
}
#: URL parameter a facet value of each type is added under (include, exclude); language has no exclusion.
FACET_PARAMS: dict[str, tuple[str, str | None]] = {
    "rating": ("rating", "exclude_rating"),
    "warning": ("warning", "exclude_warning"),
    "category": ("category", "exclude_category"),
    "language": ("language", None),
}
CHIP_LABELS = {
    "q": "Text",
    "include": "Tag",
    "exclude": "Not",
    "rating": "Rating",
    "exclude_rating": "Not rated",
    "warning": "Warning",
    "exclude_warning": "Not warned",
    "category": "Category",
    "exclude_category": "Not category",
    "crossover": "Crossovers",
    "complete": "Completion",
    "single_chapter": "Single chapter",
    "words_from": "Words from",
    "words_to": "Words to",
    "posted_from": "Posted from",
    "posted_to": "Posted to",
    "updated_from": "Updated from",
    "updated_to": "Updated to",
    "language": "Language",
}
#: The URL parameter that lifts the reader's blocklist for one page ("show them this time").
SHOW_BLOCKED = "show_blocked"
#: A rating no work has: a rating tag's page asked for another rating finds nothing.
NO_RATING = "-"


@dataclass(frozen=True)
class Scope:
    """What a listing page is about: filters fixed by the page, not carried in the URL."""

    tag: Tag | None = None
    pseud_ids: tuple[int, ...] = ()
    external_creator_ids: tuple[int, ...] = ()
    #: a reader's shelf: the works this account put on the ``shelf_status`` shelf
    shelf_user_id: int | None = None
    shelf_status: str = ""


@dataclass(frozen=True)
class Exclusions:
    """The reader's standing exclusions: tags they never want to see, the creators they muted, and their
    blocklist (``blocklists``; applied unless the reader asked to see what it hides this time)."""

    tag_ids: tuple[int, ...] = ()
    ratings: tuple[str, ...] = ()
    user_ids: tuple[int, ...] = ()
    blocklist: Blocklist = EMPTY

    @property
    def active(self) -> bool:
        return bool(self.tag_ids or self.ratings or self.user_ids)

    @property
    def query_blocklist(self) -> Blocklist | None:
        """The blocklist as a ``WorkQuery`` takes it: None when it hides nothing."""
        return self.blocklist if self.blocklist.active else None


def reader_exclusions(user: Viewer, *, blocklist: bool = True) -> Exclusions:
    """Excluded tags (as filter tag ids; a rating as the rating), muted accounts and (unless ``blocklist`` is
    False) the blocklist. Three queries; none for a guest."""
    if not user.is_authenticated:
        return Exclusions()
    tag_ids: list[int] = []
    ratings: list[str] = []
    rows = ExcludedTag.objects.filter(user=user).values_list("tag_id", "tag__merger_id", "tag__type", "tag__name")
    for tag_id, merger_id, tag_type, name in rows:
        if tag_type == TagType.RATING:
            ratings.append(name)
        else:
            tag_ids.append(merger_id or tag_id)
    return Exclusions(
        tag_ids=tuple(tag_ids),
        ratings=tuple(ratings),
        user_ids=muted_user_ids(user),
        blocklist=blocklist_of(user) if blocklist else EMPTY,
    )


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    include_url: str
    exclude_url: str | None
    active: bool  # already part of the search


@dataclass(frozen=True)
class FacetGroup:
    key: str
    title: str
    values: list[FacetLink]


@dataclass(frozen=True)
class Chip:
    """One active filter and the link that takes it away."""

    label: str
    value: str
    remove_url: str


@dataclass
class Listing:
    form: SearchForm
    page: Page | None = None
    facets: list[FacetGroup] = field(default_factory=list)
    chips: list[Chip] = field(default_factory=list)
    exclusions: Exclusions = field(default_factory=Exclusions)
    notes: list[str] = field(default_factory=list)
    query_string: str = ""  # the search as a URL query, without the page (what a saved search keeps)
    #: "Did you mean the tag …?" for the search text's clauses that are tag names, and a spelling fix
    tag_hints: list[TagHint] = field(default_factory=list)
    spelling: SpellingHint | None = None
    facets_sampled: int = 0  # when not 0, facet counts cover only this many recent matches
    total_exact: bool = True  # False: the backend stopped counting at ``total``
    base_path: str = ""
    #: How many works the reader's blocklist hid from this listing (None: no rule is active, or not counted);
    #: ``hidden_exact`` False when the totals it comes from were estimates.
    hidden: int | None = None
    hidden_exact: bool = True
    show_blocked: bool = False  # the reader asked to see what the blocklist hides, this time

    @property
    def total(self) -> int:
        return self.page.paginator.count if self.page is not None else 0

    @property
    def range_label(self) -> str:
        """ "21 – 40 of 57", or "57" when one page holds them all; "more than 10,000" when the backend stopped
        counting (AO3's listing count, honest about estimates)."""
        if self.page is None:
            return ""
        paginator = self.page.paginator
        count = f"{paginator.count:,}" if self.total_exact else f"more than {paginator.count:,}"
        if paginator.num_pages <= 1 and self.total_exact:
            return count
        return f"{self.page.start_index():,} – {self.page.end_index():,} of {count}"

    @property
    def failed(self) -> bool:
        return self.page is None

    @property
    def sort_params(self) -> list[tuple[str, str]]:
        """The search's parameters other than sorting: the hidden fields of the sort control."""
        pairs = [(k, v) for k, v in self.form.params() if k not in ("sort", "order")]
        return [*pairs, (SHOW_BLOCKED, "1")] if self.show_blocked else pairs

    @property
    def show_blocked_url(self) -> str:
        """This listing with the blocklist lifted, this time."""
        return _url(self.base_path, [*self.form.params(), (SHOW_BLOCKED, "1")])

    @property
    def hide_blocked_url(self) -> str:
        return _url(self.base_path, self.form.params())

    @property
    def filtered(self) -> bool:
        return bool(self.chips)


class _Found(Sequence):
    """One page of works standing in for all ``total`` results, so Django's Paginator can number the pages."""

    def __init__(self, works: list[Work], total: int) -> None:
        self.works = works
        self.total = total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        return self.works


def _url(path: str, pairs: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(pairs)}" if pairs else path


def works_for_ids(user: Viewer, ids: list[int]) -> list[Work]:
    """The works with these ids in this order, ready for blurbs (a constant number of queries), each with the
    reader's own signal (``interactions.selectors.reader_signals_mark``). Works the viewer may no longer see (an
    index a moment behind an edit) are left out."""
    if not ids:
        return []
    by_id = {w.pk: w for w in blurb_queryset(Work.objects.listed_for(user).filter(pk__in=ids))}
    return reader_signals_mark(user, [by_id[i] for i in ids if i in by_id])


def _scoped(query: WorkQuery, scope: Scope) -> dict[str, object]:
    changes: dict[str, object] = {}
    if scope.tag is not None:
        if scope.tag.type == TagType.RATING:
            wanted = query.ratings
            changes["ratings"] = (scope.tag.name,) if not wanted or scope.tag.name in wanted else (NO_RATING,)
        else:
            changes["include_tags"] = (*query.include_tags, scope.tag.filter_tag_id)
    if scope.pseud_ids:
        changes["pseud_ids"] = scope.pseud_ids
    if scope.external_creator_ids:
        changes["external_creator_ids"] = scope.external_creator_ids
    if scope.shelf_user_id is not None:
        changes["shelf_user_id"], changes["shelf_status"] = scope.shelf_user_id, scope.shelf_status
    return changes


def build_query(form: SearchForm, user: Viewer, scope: Scope, exclusions: Exclusions, *, page: int) -> WorkQuery:
    base = form.work_query(
        include_restricted=user.is_authenticated,
        per_page=settings.SCRIPTORIUM_WORKS_PER_PAGE,
        facets=FACET_TYPES,
        page=page,
    )
    return WorkQuery(
        **{
            **base.__dict__,
            **_scoped(base, scope),
            "exclude_tags": tuple(dict.fromkeys((*base.exclude_tags, *exclusions.tag_ids))),
            "exclude_ratings": tuple(dict.fromkeys((*base.exclude_ratings, *exclusions.ratings))),
            "exclude_user_ids": exclusions.user_ids,
            "blocklist": exclusions.query_blocklist,
        }
    )


def works_listing(
    user: Viewer,
    form: SearchForm,
    *,
    path: str,
    scope: Scope | None = None,
    adult_agreed: frozenset[int] = frozenset(),
    show_blocked: bool = False,
) -> Listing:
    """Run the search the (bound) form describes for ``user`` on the page at ``path``. ``adult_agreed``: the
    adult works whose notice this visitor passed (``works.adult.adult_agreed_ids``), whose text may show.
    ``show_blocked``: the reader's blocklist is lifted for this page (the listing still counts what it hides)."""
    scope = scope or Scope()
    listing = Listing(form=form, base_path=path)
    if not form.is_valid():
        return listing
    params = form.params()
    listing.query_string = urlencode(params)
    exclusions = reader_exclusions(user)
    blocklist = exclusions.blocklist
    listing.show_blocked = show_blocked and blocklist.active
    listing.exclusions = replace(exclusions, blocklist=EMPTY) if listing.show_blocked else exclusions
    if form.page_note:
        listing.notes.append(form.page_note)
    backend = get_search_backend()
    last_wanted = form.page_number == LAST_PAGE
    text = form.cleaned_data.get("q") or ""
    named = tag_text(text, user, path=path, params=params) if text else TagText()
    listing.tag_hints = named.hints
    query = build_query(form, user, scope, listing.exclusions, page=1 if last_wanted else form.page_number)
    if named.text_tags:
        query = WorkQuery(**{**query.__dict__, "text_tags": named.text_tags})
    try:
        result = backend.search(query)
        if result.total and (last_wanted or not result.work_ids):
            last = min(math.ceil(result.total / query.per_page), MAX_PAGE)
            if last != query.page:
                query = WorkQuery(**{**query.__dict__, "page": last})
                result = backend.search(query)
    except QuerySyntaxError as error:
        form.add_error("q", str(error))
        return listing
    listing.page = _page(user, result, query, adult_agreed)
    if text and result.total < SPELLING_BELOW:
        listing.spelling = spelling_hint(text, named.parsed, path=path, params=params)
    listing.total_exact = result.total_exact
    if blocklist.active:
        listing.hidden, listing.hidden_exact = _hidden(backend, query, result, blocklist, shown=listing.show_blocked)
    if result.rank_window:
        listing.notes.append(
            f"So many works match that the best matches are picked from the {result.rank_window:,} newest of"
            " them. Add words or filters to narrow the search."
        )
    listing.facets = _facets(result, params, path, scope)
    if not result.facets_exact:
        listing.facets_sampled = result.facets_sampled
    listing.chips = _chips(params, path)
    return listing


def _hidden(
    backend: object, query: WorkQuery, result: SearchResult, blocklist: Blocklist, *, shown: bool
) -> tuple[int, bool]:
    """How many of the listing's matches the blocklist hides: the same search counted the other way (with the
    rules when they were lifted, without them otherwise), a count and no page, facets or snippets."""
    other = backend.search(
        replace(query, blocklist=None if not shown else blocklist, page=1, per_page=1, facets=(), snippets=False)
    )
    without, with_rules = (result, other) if shown else (other, result)
    return max(without.total - with_rules.total, 0), without.total_exact and with_rules.total_exact


def withheld_snippet(work: Work) -> str:
    """What a result says instead of a passage of an adult work's text the reader has not agreed to see."""
    if work.rating == NOT_RATED:
        return mark_safe("Text matches; this work is not rated.")
    return format_html("Text matches; this work is rated {}.", work.rating)


def _page(user: Viewer, result: SearchResult, query: WorkQuery, adult_agreed: frozenset[int]) -> Page:
    works = works_for_ids(user, result.work_ids)
    for work in works:
        snippet = result.snippets.get(work.pk)
        if snippet and adult_notice_due(user, work, creator=is_creator(user, work), agreed=adult_agreed):
            work.search_snippet = withheld_snippet(work)  # the text waits behind the adult notice
            continue
        # The backends' contract: snippets are escaped text with <mark> around the matches.
        work.search_snippet = mark_safe(snippet) if snippet else ""  # noqa: S308
    paginator = Paginator(_Found(works, result.total), query.per_page)
    number = min(query.page, max(paginator.num_pages, 1))
    return paginator.page(number)


def _facet_params(kind: str, value: FacetValue) -> tuple[str, str | None, str]:
    include, exclude = FACET_PARAMS.get(kind, ("include", "exclude"))
    param_value = value.key if kind in ("rating", "language") else value.label
    return include, exclude, param_value


def _is_scope(kind: str, value: FacetValue, scope: Scope) -> bool:
    """Whether the value is what the page is about (a tag page's own tag): every result has it."""
    if scope.tag is None:
        return False
    if kind == "rating":
        return scope.tag.type == TagType.RATING and value.key == scope.tag.name
    return value.key == str(scope.tag.filter_tag_id)


def _facets(result: SearchResult, params: list[tuple[str, str]], path: str, scope: Scope) -> list[FacetGroup]:
    present = {(k, v.casefold()) for k, v in params}
    groups = []
    for kind in FACET_TYPES:
        values = result.facets.get(kind) or []
        links = []
        for value in values:
            if _is_scope(kind, value, scope):
                continue
            include, exclude, param_value = _facet_params(kind, value)
            active = (include, param_value.casefold()) in present
            if exclude and (exclude, param_value.casefold()) in present:
                continue
            if include == "language":
                include_pairs = [(k, v) for k, v in params if k != "language"] + [("language", param_value)]
            else:
                include_pairs = [*params, (include, param_value)]
            label = LANGUAGES.get(value.key, value.label) if kind == "language" else value.label
            links.append(
                FacetLink(
                    label=label,
                    count=value.count,
                    include_url=_url(path, include_pairs),
                    exclude_url=_url(path, [*params, (exclude, param_value)]) if exclude else None,
                    active=active,
                )
            )
        if links:
            groups.append(FacetGroup(key=kind, title=FACET_TITLES[kind], values=links))
    return groups


def _chips(params: list[tuple[str, str]], path: str) -> list[Chip]:
    chips = []
    for index, (key, value) in enumerate(params):
        if key in ("sort", "order"):
            continue
        shown = LANGUAGES.get(value, value) if key == "language" else value
        if key == "single_chapter":
            shown = "yes"
        elif key == "complete":
            shown = "complete only" if value == "complete" else "in progress only"
        elif key == "crossover":
            shown = {"only": "crossovers only", "exclude": "left out"}.get(value, value)
        rest = params[:index] + params[index + 1 :]
        chips.append(Chip(label=CHIP_LABELS.get(key, key), value=shown, remove_url=_url(path, rest)))
    return chips


def recent_works(user: Viewer, *, count: int) -> list[Work]:
    """The ``count`` most recently updated works listed for ``user``, their exclusions, mutes and blocklist
    applied."""
    exclusions = reader_exclusions(user)
    query = WorkQuery(
        include_restricted=user.is_authenticated,
        exclude_tags=exclusions.tag_ids,
        exclude_ratings=exclusions.ratings,
        exclude_user_ids=exclusions.user_ids,
        blocklist=exclusions.query_blocklist,
        sort=Sort.UPDATED,
        per_page=count,
        snippets=False,
    )
    return works_for_ids(user, get_search_backend().search(query).work_ids)


def works_count_under_tag(user: Viewer, tag: Tag) -> int:
    """How many works listed for ``user`` are found under ``tag`` (through the filter table: its synonyms and sub
    tags too; a rating tag counts the works with that rating). Hidden works are not counted."""
    listed = Work.objects.listed_for(user)
    if tag.type == TagType.RATING:
        return listed.filter(rating=tag.name).count()
    return listed.filter(pk__in=WorkFilter.objects.filter(tag_id=tag.filter_tag_id).values("work_id")).count()


def excluded_tags_of(user: User) -> list[ExcludedTag]:
    """The reader's excluded tags, by tag name."""
    return list(ExcludedTag.objects.filter(user=user).select_related("tag").order_by("tag__name"))


def saved_searches_of(user: User) -> list[SavedSearch]:
    """The reader's saved searches, in their default order."""
    return list(SavedSearch.objects.filter(user=user))
