"""What a works search asks for and what it gets back: the contract between the search page and the backends.

The page (``scriptorium.search.forms``) turns the URL into a :class:`WorkQuery`; a backend
(``scriptorium.search.backends``) answers it with a :class:`SearchResult`. Visibility is part of the query
(``viewer_id``/``include_restricted``), so every backend applies the same rules as
``Work.objects.listed_for``: posted works only, restricted ones only for logged-in readers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from scriptorium.blocklists.rules import Blocklist


class Sort(StrEnum):
    RELEVANCE = "relevance"  # best match; without text it falls back to UPDATED
    UPDATED = "updated"  # Work.revised_on
    POSTED = "posted"  # Work.published_on
    WORDS = "words"
    KUDOS = "kudos"
    HITS = "hits"
    BOOKMARKS = "bookmarks"
    COMMENTS = "comments"
    TITLE = "title"
    CREATOR = "creator"  # first creator's pseud name
    KUDOS_RATIO = "kudos_ratio"  # kudos per hit; works with fewer than RATIO_MIN_HITS hits sort last


#: A kudos/hits ratio means little over a handful of readers: below this many hits a work sorts after every work
#: that has a ratio, whichever the direction (then by hits, most first).
RATIO_MIN_HITS = 100


class Crossover(StrEnum):
    INCLUDE = "include"  # crossovers and single-fandom works (no filter)
    EXCLUDE = "exclude"  # no crossovers
    ONLY = "only"  # only crossovers: works found under two or more fandoms that are not meta/sub of each other


#: Facets a search can ask for: tag types (counted through the filter table) plus "rating" and "language".
FACET_TYPES = ("rating", "warning", "category", "fandom", "relationship", "character", "additional", "language")


@dataclass(frozen=True)
class WorkQuery:
    """One works search. Tag ids are *filter* tag ids (``Tag.filter_tag_id``: a synonym's canonical tag), so
    synonyms, meta tags and sub tags count. Warnings and categories are tags like any other."""

    text: str = ""  # the ``q`` parameter, in the syntax of docs/search.md (parsed by the backend)
    #: (a clause's words, the words of the canonical tag it names): the clause also matches works whose tags have
    #: that name, so a synonym typed in the search box finds its canonical tag's works (``search.tagtext``)
    text_tags: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    include_tags: tuple[int, ...] = ()  # every one must match
    exclude_tags: tuple[int, ...] = ()  # none may match (the reader's permanent exclusions are added here)
    ratings: tuple[str, ...] = ()  # any of these Work.rating values; empty = all
    exclude_ratings: tuple[str, ...] = ()
    crossover: Crossover = Crossover.INCLUDE
    complete: bool | None = None  # True = complete only, False = in progress only
    single_chapter: bool = False
    words_min: int | None = None
    words_max: int | None = None
    posted_from: datetime.date | None = None
    posted_to: datetime.date | None = None
    updated_from: datetime.date | None = None
    updated_to: datetime.date | None = None
    language: str = ""
    pseud_ids: tuple[int, ...] = ()  # works credited to any of these pseuds (a pseud's or a user's page)
    #: works credited to any of these external creators (an external author's page, ``works.models.external``)
    external_creator_ids: tuple[int, ...] = ()
    exclude_user_ids: tuple[int, ...] = ()  # works credited to these accounts are left out (muted creators)
    #: works this account put on its ``shelf_status`` shelf (interactions' ShelfEntry): a reader's shelf page
    shelf_user_id: int | None = None
    shelf_status: str = ""
    blocklist: Blocklist | None = None  # the reader's blocklist rules and allow-list (``search.blocking``)
    include_restricted: bool = False  # True for logged-in readers
    sort: Sort = Sort.RELEVANCE
    descending: bool = True
    page: int = 1  # 1-based
    per_page: int = 20
    facets: tuple[str, ...] = ()  # which of FACET_TYPES to count
    facet_size: int = 10  # top values per facet
    snippets: bool = True  # highlighted passages when there is text


@dataclass(frozen=True)
class FacetValue:
    key: str  # the tag id as a string for tag facets; the rating or language code otherwise
    label: str
    count: int


@dataclass
class SearchResult:
    work_ids: list[int]  # this page, in order
    total: int  # all matches, for pagination and "N works found"
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    #: work id -> HTML-safe snippet (text escaped, matches wrapped in <mark>) from the chapter text, title or summary
    snippets: dict[int, str] = field(default_factory=dict)
    #: False when the matches were too many to count facets over all of them: the facet counts then cover a
    #: sample of ``facets_sampled`` recent matches, whatever the sort (the page labels them as approximate).
    facets_exact: bool = True
    #: False when counting every match exactly would be slow (more than the backend's COUNT_EXACT_LIMIT matches
    #: with conditions beyond one index range): ``total`` is then an estimate (the page says "about").
    total_exact: bool = True
    facets_sampled: int = 0
    #: Set when the text matched too many works to rank them all: the best matches shown are the best among
    #: this many most recently updated matches (the page says so); 0 when every match was ranked.
    rank_window: int = 0


class QuerySyntaxError(ValueError):
    """The ``q`` text cannot be understood; ``str(error)`` is a message for the reader."""
