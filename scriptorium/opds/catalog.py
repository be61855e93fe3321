"""A catalog page as plain data, the same for OPDS 1.2 (Atom) and OPDS 2.0 (JSON): its links (start, up, search,
pages, facets), its navigation entries and its publications. ``opds1`` and ``opds2`` write it; ``pages`` fills it.

Addresses are absolute: an e-reader keeps them. A personal catalog's links all stay under its token's address, so
a reader browsing it never falls back to the guest's view."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

#: The kinds of catalog feed (OPDS 1.2's ``kind`` parameter).
NAVIGATION = "navigation"
ACQUISITION = "acquisition"

REL_FACET = "http://opds-spec.org/facet"
REL_OPEN_ACCESS = "http://opds-spec.org/acquisition/open-access"
REL_IMAGE = "http://opds-spec.org/image"
REL_THUMBNAIL = "http://opds-spec.org/image/thumbnail"
REL_SORT_NEW = "http://opds-spec.org/sort/new"
REL_SORT_POPULAR = "http://opds-spec.org/sort/popular"
REL_PROGRESSION = "http://www.cantook.com/api/progression"
PROGRESSION_TYPE = "application/vnd.readium.progression+json"


@dataclass(frozen=True)
class Link:
    """A link of the feed itself. ``feed`` names the kind of catalog feed it leads to ("" for anything else, whose
    media type is ``type``)."""

    rel: str
    href: str
    feed: str = ""
    type: str = ""
    title: str = ""
    facet_group: str = ""
    active: bool = False
    count: int | None = None
    templated: bool = False


@dataclass(frozen=True)
class NavEntry:
    """One entry of a navigation feed: a title leading to another feed."""

    id: str
    title: str
    href: str
    feed: str
    summary: str
    rel: str = "subsection"
    count: int | None = None


@dataclass(frozen=True)
class Person:
    name: str
    uri: str


@dataclass(frozen=True)
class Subject:
    term: str
    scheme: str
    label: str


@dataclass(frozen=True)
class FileLink:
    href: str
    type: str
    title: str


@dataclass(frozen=True)
class Image:
    href: str
    width: int
    height: int
    type: str = "image/png"


@dataclass
class Publication:
    """A work as a catalog entry."""

    id: str
    title: str
    updated: datetime.datetime
    issued: datetime.date | None
    language: str
    summary: str  # plain text
    page_url: str  # the work's page (text/html)
    self_href: str  # the entry alone: an OPDS 1.2 entry document or an OPDS 2.0 publication
    rating: str
    words: int
    chapters: str  # "3/5" or "3/?"
    complete: bool
    authors: list[Person] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)
    files: list[FileLink] = field(default_factory=list)
    cover: Image | None = None
    thumbnail: Image | None = None
    progression: str = ""  # the reader's OPDS Progression document (personal catalogs)


@dataclass
class Catalog:
    """One catalog page, ready to be written in either version."""

    id: str  # stable and unique per feed with its parameters (a tag: URI)
    title: str
    kind: str  # NAVIGATION or ACQUISITION
    self_href: str
    updated: datetime.datetime
    links: list[Link] = field(default_factory=list)
    entries: list[NavEntry] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    total: int | None = None
    per_page: int | None = None
    page: int | None = None
    subtitle: str = ""


#: A work id no work has, put in an address once and replaced by each work's own (see ``Addresses.per_work``).
_MARK = 987654321


class Addresses:
    """Absolute addresses inside one catalog: a version (1: Atom, 2: JSON) and, for a personal catalog, a token.

    A catalog page holds ten or so addresses per work; ``per_work`` reverses each kind once per page and fills in
    each work's id (and slug or extension), which keeps a page of 25 works fast."""

    def __init__(self, *, version: int, token: str, absolute: Callable[[str], str]) -> None:
        self.version = version
        self.token = token
        self._origin = absolute("/").rstrip("/")
        self._templates: dict[str, str] = {}

    def absolute(self, path: str) -> str:
        """``path`` (from ``reverse``: already escaped) as an absolute address on the host the request named."""
        return self._origin + path

    def url(self, route: str, params: list[tuple[str, str]] | None = None, **kwargs: object) -> str:
        prefix = f"p{self.version}_" if self.token else f"v{self.version}_"
        if self.token:
            kwargs["token"] = self.token
        path = reverse(f"opds:{prefix}{route}", kwargs=kwargs or None)
        query = f"?{urlencode(params)}" if params else ""
        return self.absolute(path) + query

    def root(self) -> str:
        return self.url("root")

    def once(self, name: str, build: Callable[[], str]) -> str:
        """An address that is the same for every work of the page, built once."""
        if name not in self._templates:
            self._templates[name] = build()
        return self._templates[name]

    def per_work(self, name: str, build: Callable[..., str], work_id: int, **values: str) -> str:
        """``build(work_id=..., **values)`` for this work, reversed once per page: ``values`` are URL-safe words
        (a slug, an extension), put where markers were (``~name~``: no token or host has a tilde)."""
        template = self._templates.get(name)
        if template is None:
            template = build(work_id=_MARK, **{key: f"~{key}~" for key in values})
            self._templates[name] = template
        url = template.replace(f"/{_MARK}", f"/{work_id}", 1)
        for key, value in values.items():
            url = url.replace(f"~{key}~", value, 1)
        return url
