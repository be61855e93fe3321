"""Each catalog page filled from the selectors: the root, the navigation feeds (fandoms, tags, languages), the
acquisition feeds (the works listing with facets and pages, a tag's works, the personal shelves)."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse

from scriptorium.core.text import html_to_text
from scriptorium.feeds.atom import EPOCH, TYPE_LABELS, entry_id, work_updated
from scriptorium.kosync.selectors import progression_url
from scriptorium.opds import covers, selectors
from scriptorium.opds.catalog import (
    ACQUISITION,
    NAVIGATION,
    REL_FACET,
    REL_SORT_NEW,
    REL_SORT_POPULAR,
    Addresses,
    Catalog,
    FileLink,
    Image,
    Link,
    NavEntry,
    Person,
    Publication,
    Subject,
)
from scriptorium.opds.selectors import SORTS, Reader, WorkPage
from scriptorium.search.query import Sort
from scriptorium.tags.vocabulary import RATINGS
from scriptorium.transfer.exports import Converter, converter_for, is_available
from scriptorium.transfer.exports.naming import url_slug
from scriptorium.works.bylines import byline_of
from scriptorium.works.languages import LANGUAGES
from scriptorium.works.models import Work

#: The download formats a catalog offers, when this archive can build them.
FORMATS = ("epub", "azw3", "pdf")
SORT_TITLES = {Sort.UPDATED: "Recently updated", Sort.KUDOS: "Most kudos", Sort.HITS: "Most hits", Sort.TITLE: "Title"}
COMPLETION = (("", "All works"), ("complete", "Complete only"), ("in_progress", "In progress only"))
SHELVES = {
    "later": ("Marked for Later", "Works you marked to read later."),
    "subscriptions": ("Subscribed works", "Works you subscribed to, the most recently updated first."),
    "bookmarks": ("Bookmarks", "Works you bookmarked, newest bookmark first."),
    "history": ("History", "Works you read, most recent first."),
}


def _host(addresses: Addresses) -> str:
    return urlsplit(addresses.root()).hostname or "localhost"


def _id(addresses: Addresses, key: str) -> str:
    scope = f"personal/{addresses.token[:8]}/" if addresses.token else ""
    return f"tag:{_host(addresses)},2026:opds/{scope}{key}"


def _day(date: datetime.date | None) -> datetime.datetime | None:
    return datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC) if date else None


def _base_links(addresses: Addresses, *, up: str | None) -> list[Link]:
    links = [Link(rel="start", href=addresses.root(), feed=NAVIGATION, title=settings.SITE_NAME)]
    if up:
        links.append(Link(rel="up", href=up, feed=NAVIGATION))
    if addresses.version == 1:
        links.append(
            Link(
                rel="search",
                href=addresses.url("opensearch"),
                type="application/opensearchdescription+xml",
                title="Search works",
            )
        )
    else:
        links.append(Link(rel="search", href=addresses.url("works") + "{?query}", feed=ACQUISITION, templated=True))
    return links


def available_formats() -> list[Converter]:
    """The converters of FORMATS this archive can build (asked once per feed: it looks for programs)."""
    found = []
    for name in FORMATS:
        converter = converter_for(name)
        if converter is not None and is_available(name):
            found.append(converter)
    return found


def publication(work: Work, addresses: Addresses, formats: list[Converter]) -> Publication:
    """``work`` as a catalog entry (its creators and tags prefetched), with a link per format in ``formats``."""
    absolute = addresses.absolute
    scheme = addresses.once(
        "tags", lambda: absolute(reverse("tags:detail", kwargs={"name": "x"}).rsplit("/", 1)[0] + "/")
    )
    subjects = [Subject(term=work.rating, scheme=f"{scheme}#rating", label=f"Rating: {work.rating}")]
    for tagging in work.taggings.all():
        tag = tagging.tag
        label = f"{TYPE_LABELS.get(tag.type, tag.type)}: {tag.name}"
        subjects.append(Subject(term=tag.name, scheme=f"{scheme}#{tag.type}", label=label))
    slug = url_slug(work.title)
    adult = "?view_adult=true" if work.is_adult else ""
    files = []
    for converter in formats:
        extension = converter.extension
        if addresses.token:  # through the token: the e-reader is not logged in (restricted works too)
            url = addresses.per_work(
                f"download.{extension}",
                lambda **kw: addresses.url("download", extension=extension, **kw),  # noqa: B023 (called at once)
                work.pk,
                slug=slug,
            )
        else:
            url = addresses.per_work(
                f"transfer.{extension}",
                lambda **kw: absolute(reverse("transfer:download_file", kwargs={**kw, "extension": extension})),  # noqa: B023
                work.pk,
                slug=slug,
            )
        files.append(FileLink(href=url + adult, type=converter.content_type, title=converter.label))
    text = covers.cover_text(work)
    version = [("v", text.key[:12])]
    summary = html_to_text(work.summary).strip() if work.summary.strip() else ""
    return Publication(
        id=entry_id(addresses.once("host", lambda: _host(addresses)), work),
        title=work.title,
        updated=work_updated(work),
        issued=work.published_on,
        language=work.language,
        summary=summary,
        page_url=addresses.per_work("page", lambda **kw: absolute(reverse("works:detail", kwargs=kw)), work.pk),
        self_href=addresses.per_work("publication", lambda **kw: addresses.url("publication", **kw), work.pk),
        rating=work.rating,
        words=work.word_count,
        chapters=work.chapters_display,
        complete=work.complete,
        authors=[Person(name=a.name, uri=absolute(a.get_absolute_url())) for a in byline_of(work).authors],
        subjects=subjects,
        files=files,
        cover=Image(
            href=addresses.per_work("cover", lambda **kw: addresses.url("cover", **kw), work.pk)
            + f"?{urlencode(version)}",
            width=covers.FULL[0],
            height=covers.FULL[1],
        ),
        progression=absolute(progression_url(work)) if addresses.token else "",
        thumbnail=Image(
            href=addresses.per_work("thumbnail", lambda **kw: addresses.url("thumbnail", **kw), work.pk)
            + f"?{urlencode(version)}",
            width=covers.THUMBNAIL[0],
            height=covers.THUMBNAIL[1],
        ),
    )


def _updated(reader: Reader) -> datetime.datetime:
    newest = selectors.newest_work(reader)
    return work_updated(newest) if newest else EPOCH


def root(reader: Reader, addresses: Addresses) -> Catalog:
    """The catalog's root navigation feed."""
    updated = _updated(reader)
    title = f"{settings.SITE_NAME}: your catalog" if reader.personal else settings.SITE_NAME
    entries = [
        NavEntry(
            _id(addresses, "recent"),
            "Recently updated",
            addresses.url("works", [("sort", "updated")]),
            ACQUISITION,
            "Works with new chapters or changes, newest first.",
            rel=REL_SORT_NEW,
        ),
        NavEntry(
            _id(addresses, "kudos"),
            "Most kudos",
            addresses.url("works", [("sort", "kudos")]),
            ACQUISITION,
            "The works readers left the most kudos on.",
            rel=REL_SORT_POPULAR,
        ),
        NavEntry(
            _id(addresses, "fandoms"),
            "By fandom",
            addresses.url("fandoms"),
            NAVIGATION,
            "Fandoms, the most used first.",
        ),
        NavEntry(
            _id(addresses, "tags"), "By tag", addresses.url("tags"), NAVIGATION, "Popular tags, the most used first."
        ),
        NavEntry(
            _id(addresses, "complete"),
            "Complete works",
            addresses.url("works", [("complete", "complete")]),
            ACQUISITION,
            "Only works whose every chapter is posted.",
        ),
        NavEntry(
            _id(addresses, "languages"),
            "By language",
            addresses.url("languages"),
            NAVIGATION,
            "Works by the language they are written in.",
        ),
    ]
    if reader.personal:
        entries += [
            NavEntry(_id(addresses, name), title_, addresses.url(name), ACQUISITION, summary)
            for name, (title_, summary) in SHELVES.items()
        ]
    return Catalog(
        id=_id(addresses, "root"),
        title=title,
        kind=NAVIGATION,
        self_href=addresses.root(),
        updated=updated,
        links=_base_links(addresses, up=None),
        entries=entries,
        subtitle="Browse, search and download the works of this archive.",
    )


def _navigation(reader: Reader, addresses: Addresses, *, key: str, title: str, kind: str) -> Catalog:
    values = selectors.tag_counts(reader, kind)
    entries = []
    for value in values:
        if kind == "language":
            name = LANGUAGES.get(value.key, value.label)
            href = addresses.url("works", [("language", value.key)])
        else:
            name = value.label
            href = addresses.url("tag", name=value.label)
        noun = "work" if value.count == 1 else "works"
        entries.append(
            NavEntry(
                _id(addresses, f"{key}/{value.key}"),
                name,
                href,
                ACQUISITION,
                f"{value.count:,} {noun}",
                count=value.count,
            )
        )
    return Catalog(
        id=_id(addresses, key),
        title=f"{title} | {settings.SITE_NAME}",
        kind=NAVIGATION,
        self_href=addresses.url(key),
        updated=_updated(reader),
        links=_base_links(addresses, up=addresses.root()),
        entries=entries,
    )


def fandoms(reader: Reader, addresses: Addresses) -> Catalog:
    return _navigation(reader, addresses, key="fandoms", title="Fandoms", kind="fandom")


def tags(reader: Reader, addresses: Addresses) -> Catalog:
    return _navigation(reader, addresses, key="tags", title="Popular tags", kind="additional")


def languages(reader: Reader, addresses: Addresses) -> Catalog:
    return _navigation(reader, addresses, key="languages", title="Languages", kind="language")


def _with(params: list[tuple[str, str]], key: str, value: str) -> list[tuple[str, str]]:
    rest = [(k, v) for k, v in params if k != key]
    return [*rest, (key, value)] if value else rest


def _facets(found: WorkPage, here: str) -> list[Link]:
    params = found.params
    current = dict(params)
    links: list[Link] = []

    def add(group: str, title: str, key: str, value: str, *, active: bool, count: int | None = None) -> None:
        href = f"{here}?{urlencode(_with(params, key, value))}" if _with(params, key, value) else here
        links.append(
            Link(
                rel=REL_FACET,
                href=href,
                feed=ACQUISITION,
                title=title,
                facet_group=group,
                active=active,
                count=count,
            )
        )

    sort = current.get("sort") or ("" if current.get("q") else Sort.UPDATED.value)
    for choice in SORTS:
        add("Sort", SORT_TITLES[choice], "sort", choice.value, active=sort == choice.value)
    counts = {v.key: v.count for v in found.facets.get("rating", [])}
    chosen = [v for k, v in params if k == "rating"]
    add("Rating", "All ratings", "rating", "", active=not chosen)
    for rating in RATINGS:
        add("Rating", rating, "rating", rating, active=chosen == [rating], count=counts.get(rating, 0))
    for value, title in COMPLETION:
        add("Completion", title, "complete", value, active=current.get("complete", "") == value)
    language = current.get("language", "")
    add("Language", "All languages", "language", "", active=not language)
    shown = found.facets.get("language", [])[:12]
    if language and language not in {v.key for v in shown}:
        add("Language", LANGUAGES.get(language, language), "language", language, active=True)
    for value in shown:
        add(
            "Language",
            LANGUAGES.get(value.key, value.key),
            "language",
            value.key,
            active=value.key == language,
            count=value.count,
        )
    return links


def _pages(found: WorkPage, here: str, params: list[tuple[str, str]]) -> list[Link]:
    def at(number: int) -> str:
        pairs = [*params, ("page", str(number))] if number > 1 else params
        return f"{here}?{urlencode(pairs)}" if pairs else here

    links = [Link(rel="first", href=at(1), feed=ACQUISITION)]
    if found.page > 1:
        links.append(Link(rel="previous", href=at(found.page - 1), feed=ACQUISITION))
    if found.page < found.last_page:
        links.append(Link(rel="next", href=at(found.page + 1), feed=ACQUISITION))
    links.append(Link(rel="last", href=at(found.last_page), feed=ACQUISITION))
    return links


def _acquisition(
    found: WorkPage, addresses: Addresses, *, key: str, title: str, here: str, facets: bool, subtitle: str = ""
) -> Catalog:
    params = found.params
    self_href = here
    pairs = [*params, ("page", str(found.page))] if found.page > 1 else params
    if pairs:
        self_href = f"{here}?{urlencode(pairs)}"
    links = _base_links(addresses, up=addresses.root())
    if facets:
        links += _facets(found, here)
    links += _pages(found, here, params)
    updated = max((work_updated(w) for w in found.works), default=EPOCH)
    formats = available_formats()
    return Catalog(
        id=_id(addresses, f"{key}?{urlencode(pairs)}" if pairs else key),
        title=f"{title} | {settings.SITE_NAME}",
        kind=ACQUISITION,
        self_href=self_href,
        updated=updated,
        links=links,
        publications=[publication(w, addresses, formats) for w in found.works],
        total=found.total,
        per_page=found.per_page,
        page=found.page,
        subtitle=subtitle,
    )


def _works_title(params: list[tuple[str, str]]) -> str:
    current = dict(params)
    if current.get("q"):
        return f"Search: {current['q']}"
    parts = ["Works"]
    if current.get("complete") == "complete":
        parts = ["Complete works"]
    if current.get("language"):
        parts.append(f"in {LANGUAGES.get(current['language'], current['language'])}")
    sort = current.get("sort")
    if sort in {s.value for s in SORTS}:
        parts.append(f"({SORT_TITLES[Sort(sort)].lower()})")
    return " ".join(parts)


def works(reader: Reader, addresses: Addresses, query: QueryDict) -> Catalog:
    """The works listing as an acquisition feed: search text, facets (sort, rating, completion, language), pages."""
    found = selectors.works_page(reader, query)
    return _acquisition(
        found, addresses, key="works", title=_works_title(found.params), here=addresses.url("works"), facets=True
    )


def tag_works(reader: Reader, addresses: Addresses, name: str, query: QueryDict) -> Catalog:
    """A tag's works (its synonyms and sub tags), as its works page finds them."""
    tag = selectors.tag_or_404(reader, name)
    found = selectors.works_page(reader, query, tag=tag)
    return _acquisition(
        found,
        addresses,
        key=f"tags/{tag.pk}",
        title=f"Works in {tag.name}",
        here=addresses.url("tag", name=tag.name),
        facets=True,
    )


SHELF_SELECTORS = {
    "later": selectors.later_page,
    "subscriptions": selectors.subscriptions_page,
    "bookmarks": selectors.bookmarks_page,
    "history": selectors.history_page,
}


def single(reader: Reader, addresses: Addresses, work_id: int) -> Publication:
    """One work's entry (404 unless ``reader`` finds it in listings)."""
    return publication(selectors.cover_work_or_404(reader, work_id), addresses, available_formats())


def shelf(reader: Reader, addresses: Addresses, name: str, query: QueryDict) -> Catalog:
    """One of the account's own shelves (personal catalog only)."""
    found = SHELF_SELECTORS[name](reader, query)
    title, summary = SHELVES[name]
    return _acquisition(
        found, addresses, key=name, title=title, here=addresses.url(name), facets=False, subtitle=summary
    )
