"""What each feed lists: the newest works by revision date, found by the same search the matching page runs, for
the same reader. Public feeds are read by anonymous feed readers, so they always list what a guest sees (posted,
not restricted, not hidden); a saved search's feed lists what its owner sees on the saved search's results."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, QueryDict
from django.urls import reverse

from scriptorium.accounts import selectors as accounts
from scriptorium.feeds.models import FeedToken
from scriptorium.search.backends import get_search_backend
from scriptorium.search.forms import SearchForm
from scriptorium.search.listing import autocomplete_url
from scriptorium.search.models import SavedSearch
from scriptorium.search.query import QuerySyntaxError, Sort
from scriptorium.search.selectors import Exclusions, Scope, build_query, reader_exclusions, works_for_ids
from scriptorium.tags import selectors as tags
from scriptorium.works import selectors as works
from scriptorium.works.models import Work

if TYPE_CHECKING:
    from scriptorium.accounts.models import Pseud, User
    from scriptorium.tags.models import Tag
    from scriptorium.works.models import Series

#: Entries per feed (the newest by revision date).
FEED_SIZE = 25
GUEST = AnonymousUser()


@dataclass(frozen=True)
class FeedSource:
    """What one feed is about: its title, the page it mirrors (path) and its works, newest first."""

    key: str  # stable and unique per feed: part of the feed's id and its ETag
    title: str
    page_path: str
    works: list[Work]
    private: bool = False


def _searched(user: User | AnonymousUser, query_string: str = "", *, scope: Scope | None = None) -> list[Work]:
    form = SearchForm(QueryDict(query_string), autocomplete_url=autocomplete_url())
    if not form.is_valid():
        return []
    exclusions = reader_exclusions(user) if user.is_authenticated else Exclusions()
    query = build_query(form, user, scope or Scope(), exclusions, page=1)
    query = dataclasses.replace(
        query, sort=Sort.UPDATED, descending=True, page=1, per_page=FEED_SIZE, facets=(), snippets=False
    )
    try:
        result = get_search_backend().search(query)
    except QuerySyntaxError:
        return []
    return works_for_ids(user, result.work_ids)


def tag_feed_or_404(name: str) -> FeedSource:
    """The works a guest finds on the tag's works page (its synonyms and sub tags through the filter table); 404
    for a tag a guest may not learn of, like the page."""
    tag: Tag | None = tags.tag_named(name, shown_with=works.works_visible(GUEST))
    if tag is None:
        raise Http404("No tag found.")
    canonical = tag.merger or tag
    return FeedSource(
        key=f"tag:{canonical.pk}",
        title=f"Works in {canonical.name}",
        page_path=canonical.get_absolute_url(),
        works=_searched(GUEST, scope=Scope(tag=canonical)),
    )


def _pseud_ids(pseuds: list[Pseud]) -> tuple[int, ...]:
    return tuple(p.pk for p in pseuds) or (-1,)


def user_feed_or_404(username: str) -> FeedSource:
    owner = accounts.user_active_or_404(username)
    pseuds = accounts.pseuds_of(owner)
    return FeedSource(
        key=f"user:{owner.pk}",
        title=f"Works by {owner.username}",
        page_path=reverse("accounts:user", kwargs={"username": owner.username}),
        works=_searched(GUEST, scope=Scope(pseud_ids=_pseud_ids(pseuds))),
    )


def pseud_feed_or_404(username: str, pseud: str) -> FeedSource:
    owner = accounts.user_active_or_404(username)
    found = accounts.pseud_of_or_404(owner, pseud)
    return FeedSource(
        key=f"pseud:{found.pk}",
        title=f"Works by {found.name} ({owner.username})",
        page_path=found.get_absolute_url(),
        works=_searched(GUEST, scope=Scope(pseud_ids=(found.pk,))),
    )


def series_feed_or_404(series_id: int) -> FeedSource:
    """A series' works a guest may see, newest revision first; 404 when it has none, like the page."""
    found = works.series_for_reading(GUEST, series_id)
    if found is None:
        raise Http404("No series found.")
    series: Series = found.series
    newest = sorted(found.works, key=lambda w: (w.revised_on, w.pk), reverse=True)[:FEED_SIZE]
    return FeedSource(
        key=f"series:{series.pk}", title=f"Series: {series.title}", page_path=series.get_absolute_url(), works=newest
    )


def saved_search_feed_or_404(saved_id: int, token: str) -> FeedSource:
    """A saved search's works as its owner finds them (restricted works, their exclusions and mutes), asked with
    the owner's feed token: a wrong token, or a saved search of another account, is 404."""
    saved = (
        SavedSearch.objects.filter(pk=saved_id, user__feed_token__key=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    if saved is None or not token:
        raise Http404("No feed found.")
    return FeedSource(
        key=f"saved:{saved.pk}",
        title=f"Saved search: {saved.name}",
        page_path=f"{reverse('search:works')}?{saved.query_string}",
        works=_searched(saved.user, saved.query_string),
        private=True,
    )


def feed_token_of(user: User) -> FeedToken | None:
    return FeedToken.objects.filter(user=user).first()


def saved_searches_of(user: User) -> list[SavedSearch]:
    return list(SavedSearch.objects.filter(user=user))
