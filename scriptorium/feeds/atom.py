"""The Atom document (RFC 4287) of a feed: ``django.utils.feedgenerator.Atom1Feed`` with what it lacks (several
authors per entry, categories with a scheme and label, the entry's content beside its summary, a fixed
``updated`` for an empty feed). Every string goes through the XML writer, which escapes it."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, rfc3339_date

from scriptorium.core.sanitize import display_html
from scriptorium.tags.models import TagType
from scriptorium.works.bylines import byline_of
from scriptorium.works.models import Work

#: When an empty feed was last "updated" (an empty feed has no newest work): a constant, so ETags stay stable.
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
TYPE_LABELS = dict(TagType.choices)


@dataclass(frozen=True)
class Author:
    name: str
    uri: str


@dataclass(frozen=True)
class Category:
    term: str
    scheme: str
    label: str


@dataclass
class EntryParts:
    authors: list[Author] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    content: str = ""


class ArchiveAtomFeed(Atom1Feed):
    """Atom 1.0 with several authors and labelled categories per entry, and HTML content."""

    def add_root_elements(self, handler) -> None:
        handler.addQuickElement("title", self.feed["title"])
        handler.addQuickElement("link", "", {"rel": "alternate", "type": "text/html", "href": self.feed["link"]})
        handler.addQuickElement("link", "", {"rel": "self", "href": self.feed["feed_url"]})
        handler.addQuickElement("id", self.feed["id"])
        handler.addQuickElement("updated", rfc3339_date(self.feed["updated"]))
        handler.addQuickElement("generator", self.feed["generator"], {"uri": self.feed["link"]})
        if self.feed.get("subtitle"):
            handler.addQuickElement("subtitle", self.feed["subtitle"])

    def add_item_elements(self, handler, item) -> None:
        parts: EntryParts = item["parts"]
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("link", "", {"rel": "alternate", "type": "text/html", "href": item["link"]})
        handler.addQuickElement("id", item["unique_id"])
        handler.addQuickElement("published", rfc3339_date(item["pubdate"]))
        handler.addQuickElement("updated", rfc3339_date(item["updateddate"]))
        write_people_and_categories(handler, parts.authors, parts.categories)
        if item["description"]:
            handler.addQuickElement("summary", item["description"], {"type": "html"})
        handler.addQuickElement("content", parts.content, {"type": "html"})


def _day(date: datetime.date | None, fallback: datetime.datetime) -> datetime.datetime:
    if date is None:
        return fallback
    return datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC)


def work_updated(work: Work) -> datetime.datetime:
    """The entry's ``updated``: the work's revision date (the day of its last new chapter)."""
    return _day(work.revised_on or work.published_on, work.created_at)


def entry_id(host: str, work: Work) -> str:
    """A tag: URI (RFC 4151) that stays the work's whatever its title or place: the host and the day it was made."""
    return f"tag:{host},{work.created_at:%Y-%m-%d}:works/{work.pk}"


def _parts(work: Work, absolute) -> EntryParts:
    taggings = [t.tag for t in work.taggings.all()]
    pseuds = byline_of(work).authors  # pseuds, or the external creator a work was archived for
    scheme = absolute(reverse("tags:detail", kwargs={"name": "x"}).rsplit("/", 1)[0] + "/")
    categories = [Category(term=work.rating, scheme=f"{scheme}#rating", label=f"Rating: {work.rating}")]
    categories += [
        Category(
            term=tag.name, scheme=f"{scheme}#{tag.type}", label=f"{TYPE_LABELS.get(tag.type, tag.type)}: {tag.name}"
        )
        for tag in taggings
    ]
    by_type: dict[str, list[str]] = {}
    for tag in taggings:
        by_type.setdefault(tag.type, []).append(tag.name)
    content = render_to_string(
        "feeds/entry.html",
        {
            "work": work,
            "work_url": absolute(work.get_absolute_url()),
            "authors": [(p.name, absolute(p.get_absolute_url())) for p in pseuds],
            "rows": [(TYPE_LABELS.get(t, t), names) for t, names in by_type.items()],
            "summary": display_html(work.summary),
        },
    )
    authors = [Author(name=p.name, uri=absolute(p.get_absolute_url())) for p in pseuds]
    return EntryParts(authors=authors, categories=categories, content=content)


def feed_document(
    *, title: str, page_url: str, feed_url: str, feed_id: str, host: str, works: list[Work], absolute, site: str
) -> str:
    """The feed as an XML string (UTF-8 declared)."""
    updated = max((work_updated(w) for w in works), default=EPOCH)
    feed = ArchiveAtomFeed(
        title=title,
        link=page_url,
        description="",
        feed_url=feed_url,
        id=feed_id,
        updated=updated,
        generator=site,
        subtitle=f"The newest works on {site}, by revision date",
    )
    for work in works:
        feed.add_item(
            title=work.title,
            link=absolute(work.get_absolute_url()),
            description=str(display_html(work.summary)) if work.summary.strip() else "",
            unique_id=entry_id(host, work),
            pubdate=_day(work.published_on, work.created_at),
            updateddate=work_updated(work),
            parts=_parts(work, absolute),
        )
    return feed.writeString("utf-8")


def etag_of(key: str, works: list[Work]) -> str:
    """Changes when a work enters or leaves the feed, or one of its works changes (a new revision)."""
    state = ";".join(f"{w.pk}.{w.revision}.{w.modified_at.timestamp()}" for w in works)
    return '"' + hashlib.sha256(f"{key}|{state}".encode()).hexdigest()[:32] + '"'


def last_modified_of(works: list[Work]) -> datetime.datetime | None:
    return max((w.modified_at for w in works), default=None)


def write_people_and_categories(handler, authors, categories) -> None:
    """An entry's ``author`` elements (name and uri) and ``category`` elements (term, scheme, label): the Atom feeds'
    and the OPDS 1.2 catalogs' entries alike."""
    for author in authors:
        handler.startElement("author", {})
        handler.addQuickElement("name", author.name)
        handler.addQuickElement("uri", author.uri)
        handler.endElement("author")
    for category in categories:
        handler.addQuickElement(
            "category", "", {"term": category.term, "scheme": category.scheme, "label": category.label}
        )
