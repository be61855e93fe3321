"""What each catalog lists, for one reader: a guest on the public catalog, or the account behind a private feed
token on its personal catalog. Works are found by ``search``'s own query (the works listing's form, its visibility,
the reader's excluded tags and muted creators), so a catalog lists exactly what the same reader finds on the
pages; the personal shelves (Marked for Later, bookmarks, history) come from the selectors their pages use."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import Http404, QueryDict

from scriptorium.feeds.models import FeedToken
from scriptorium.interactions.selectors import muted_user_ids
from scriptorium.interactions.selectors.bookmarks import bookmarks_of_user
from scriptorium.interactions.selectors.history import history_entries, later_entries
from scriptorium.notifications.models import Subscription
from scriptorium.notifications.models.subscription import SubscriptionKind
from scriptorium.search.backends import get_search_backend
from scriptorium.search.forms import LAST_PAGE, MAX_PAGE, SearchForm
from scriptorium.search.query import FacetValue, QuerySyntaxError, Sort, WorkQuery
from scriptorium.search.selectors import Scope, build_query, reader_exclusions, recent_works, works_for_ids
from scriptorium.tags import selectors as tags
from scriptorium.works import selectors as works
from scriptorium.works.models import Work

if TYPE_CHECKING:
    from scriptorium.accounts.models import User
    from scriptorium.tags.models import Tag

#: Publications per page of an acquisition feed.
PER_PAGE = 25
#: Entries of the "by fandom" and "by tag" navigation feeds (the most used first).
NAVIGATION_SIZE = 100
#: The URL parameters an acquisition feed reads (the works listing's own names); others are ignored.
PARAMETERS = ("q", "rating", "complete", "language", "sort", "page")
#: The sorts offered as facets, in the works listing's own names.
SORTS = (Sort.UPDATED, Sort.KUDOS, Sort.HITS, Sort.TITLE)


@dataclass(frozen=True)
class Reader:
    """Who a catalog is for: a guest (public catalog) or an account (its personal catalog, reached by token)."""

    user: User | AnonymousUser
    token: str = ""

    @property
    def personal(self) -> bool:
        return bool(self.token)


GUEST = Reader(user=AnonymousUser())


def reader_for_token_or_404(token: str) -> Reader:
    """The account whose private feed token this is; 404 for a wrong, renewed-away or inactive one."""
    found = FeedToken.objects.filter(key=token, user__is_active=True).select_related("user").first()
    if found is None or not token:
        raise Http404("No catalog found.")
    return Reader(user=found.user, token=token)


class BadQuery(ValueError):
    """The acquisition feed's parameters cannot be read; ``str(error)`` says why."""


@dataclass
class WorkPage:
    """One page of works and what the feed says around them."""

    works: list[Work]
    total: int
    page: int
    per_page: int = PER_PAGE
    params: list[tuple[str, str]] = field(default_factory=list)  # the search, normalised, without the page
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)

    @property
    def last_page(self) -> int:
        return max(1, min(math.ceil(self.total / self.per_page), MAX_PAGE))


def _form(query: QueryDict) -> SearchForm:
    data = QueryDict(mutable=True)
    if query.get("query") and not query.get("q"):
        data["q"] = query["query"]  # OPDS 2.0's search template names the text "query"
    for key in PARAMETERS:
        values = [v for v in query.getlist(key) if v]
        if values:
            data.setlist(key, values)
    form = SearchForm(data)
    if not form.is_valid():
        messages = [str(m) for errors in form.errors.values() for m in errors]
        raise BadQuery(" ".join(messages))
    return form


def works_page(reader: Reader, query: QueryDict, *, tag: Tag | None = None) -> WorkPage:
    """A page of the works listing as ``reader`` finds it, with the URL's search (text, rating, completion,
    language, sort, page) and, for a tag's feed, the tag (its synonyms and sub tags) as the tag's page does."""
    form = _form(query)
    user = reader.user
    page = 1 if form.page_number == LAST_PAGE else form.page_number
    base = build_query(form, user, Scope(tag=tag), reader_exclusions(user), page=page)
    search = dataclasses.replace(base, per_page=PER_PAGE, facets=("rating", "language"), facet_size=50, snippets=False)
    backend = get_search_backend()
    try:
        result = backend.search(search)
        if result.total and (form.page_number == LAST_PAGE or not result.work_ids):
            last = max(1, min(math.ceil(result.total / PER_PAGE), MAX_PAGE))
            if last != search.page:
                search = dataclasses.replace(search, page=last)
                result = backend.search(search)
    except QuerySyntaxError as error:
        raise BadQuery(str(error)) from error
    return WorkPage(
        works=works_for_ids(user, result.work_ids),
        total=result.total,
        page=search.page,
        params=form.params(),
        facets=result.facets,
    )


def newest_work(reader: Reader) -> Work | None:
    """The most recently updated work ``reader`` finds (what a navigation feed's ``updated`` follows)."""
    found = recent_works(reader.user, count=1)
    return found[0] if found else None


def tag_counts(reader: Reader, kind: str, *, size: int = NAVIGATION_SIZE) -> list[FacetValue]:
    """The tags of one type (``fandom``, ``additional``…) or the languages most used by the works ``reader``
    finds, with how many of them each has (the search's own facet counts)."""
    user = reader.user
    exclusions = reader_exclusions(user)
    query = WorkQuery(
        include_restricted=user.is_authenticated,
        exclude_tags=exclusions.tag_ids,
        exclude_ratings=exclusions.ratings,
        exclude_user_ids=exclusions.user_ids,
        blocklist=exclusions.query_blocklist,
        sort=Sort.UPDATED,
        per_page=1,
        facets=(kind,),
        facet_size=size,
        snippets=False,
    )
    return get_search_backend().search(query).facets.get(kind, [])


def tag_or_404(reader: Reader, name: str) -> Tag:
    """The tag (its canonical one for a synonym), or 404 for a tag this reader may not learn of, as the tag's
    page and feed answer."""
    tag = tags.tag_named(name, shown_with=works.works_visible(reader.user))
    if tag is None:
        raise Http404("No tag found.")
    return tag.merger or tag


def cover_work_or_404(reader: Reader, work_id: int) -> Work:
    """A work whose cover ``reader`` may see (the works they may open), with its creators and tags."""
    found = works_for_ids(reader.user, [work_id])
    if not found:
        raise Http404("No work found.")
    return found[0]


# --- the personal shelves --------------------------------------------------------------------------------------


def _paged(rows, page_number: int, pick) -> WorkPage:
    page = Paginator(rows, PER_PAGE).get_page(page_number)
    found = [work for work in (pick(row) for row in page.object_list) if work is not None]
    return WorkPage(works=found, total=page.paginator.count, page=page.number)


def _page_number(query: QueryDict) -> int:
    try:
        return max(1, min(int(query.get("page") or 1), MAX_PAGE))
    except ValueError:
        return 1


def _available(work: Work | None) -> Work | None:
    return work if work is not None and getattr(work, "available", False) else None


def later_page(reader: Reader, query: QueryDict) -> WorkPage:
    """The account's Marked for Later, most recently marked first (works it may no longer open left out)."""
    return _paged(later_entries(reader.user), _page_number(query), lambda r: _available(r.work) if r.work_id else None)


def history_page(reader: Reader, query: QueryDict) -> WorkPage:
    """The account's reading history, most recently read first."""
    return _paged(
        history_entries(reader.user), _page_number(query), lambda r: _available(r.work) if r.work_id else None
    )


def bookmarks_page(reader: Reader, query: QueryDict) -> WorkPage:
    """The works the account bookmarked, newest bookmark first (series and outside works have no file here)."""
    rows = bookmarks_of_user(reader.user, reader.user).filter(work__isnull=False)
    return _paged(rows, _page_number(query), lambda b: _available(b.work))


def subscriptions_page(reader: Reader, query: QueryDict) -> WorkPage:
    """The works the account subscribed to (to hear of their new chapters), the most recently updated first;
    muted creators' works left out as in its listings."""
    user = reader.user
    ids = list(
        Subscription.objects.filter(user=user, kind=SubscriptionKind.WORK, work__isnull=False).values_list(
            "work_id", flat=True
        )
    )
    muted = set(muted_user_ids(user))
    found = [w for w in works_for_ids(user, ids) if not any(c.pseud.user_id in muted for c in w.creatorships.all())]
    found.sort(key=lambda w: (w.revised_on or w.created_at.date(), w.pk), reverse=True)
    return _paged(found, _page_number(query), lambda w: w)
