"""OPDS 1.2: a catalog page as an Atom feed (RFC 4287) with the OPDS, Dublin Core, OpenSearch and threading
extensions, and the OpenSearch description document. Every string goes through the XML writer, which escapes it."""

from __future__ import annotations

import datetime
import io

from django.template.defaultfilters import pluralize
from django.utils.feedgenerator import rfc3339_date
from django.utils.xmlutils import SimplerXMLGenerator

from scriptorium.feeds.atom import write_people_and_categories
from scriptorium.opds.catalog import (
    PROGRESSION_TYPE,
    REL_IMAGE,
    REL_OPEN_ACCESS,
    REL_PROGRESSION,
    REL_THUMBNAIL,
    Catalog,
    Link,
    Publication,
)

ATOM = "http://www.w3.org/2005/Atom"
NAMESPACES = {
    "xmlns": ATOM,
    "xmlns:opds": "http://opds-spec.org/2010/catalog",
    "xmlns:dc": "http://purl.org/dc/terms/",
    "xmlns:opensearch": "http://a9.com/-/spec/opensearch/1.1/",
    "xmlns:thr": "http://purl.org/syndication/thread/1.0",
}
PROFILE = "application/atom+xml;profile=opds-catalog"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"
ENTRY_TYPE = "application/atom+xml;type=entry;profile=opds-catalog"
OPENSEARCH_TYPE = "application/opensearchdescription+xml; charset=utf-8"


def feed_type(kind: str) -> str:
    """The media type of a link to a catalog feed of this kind (OPDS 1.2: it MUST carry profile and kind)."""
    return f"{PROFILE};kind={kind}"


def response_type(kind: str) -> str:
    return f"{feed_type(kind)}; charset=utf-8"


def _link(handler: SimplerXMLGenerator, link: Link) -> None:
    attrs = {"rel": link.rel, "href": link.href, "type": feed_type(link.feed) if link.feed else link.type}
    if link.title:
        attrs["title"] = link.title
    if link.facet_group:
        attrs["opds:facetGroup"] = link.facet_group
    if link.active:
        attrs["opds:activeFacet"] = "true"
    if link.count is not None:
        attrs["thr:count"] = str(link.count)
    handler.addQuickElement("link", "", attrs)


def _date(value: datetime.datetime) -> str:
    return rfc3339_date(value)


def _publication(handler: SimplerXMLGenerator, item: Publication, attrs: dict[str, str] | None = None) -> None:
    handler.startElement("entry", attrs or {})
    handler.addQuickElement("title", item.title)
    handler.addQuickElement("id", item.id)
    handler.addQuickElement("updated", _date(item.updated))
    write_people_and_categories(handler, item.authors, item.subjects)
    handler.addQuickElement("dc:language", item.language)
    if item.issued is not None:
        handler.addQuickElement("dc:issued", item.issued.isoformat())
    complete = ", complete" if item.complete else ""
    stats = f"{item.rating}. {item.words:,} word{pluralize(item.words)}, chapters {item.chapters}{complete}."
    handler.addQuickElement("summary", item.summary or stats, {"type": "text"})
    handler.addQuickElement("content", stats, {"type": "text"})
    for image, rel in ((item.cover, REL_IMAGE), (item.thumbnail, REL_THUMBNAIL)):
        if image is not None:
            handler.addQuickElement("link", "", {"rel": rel, "href": image.href, "type": image.type})
    handler.addQuickElement("link", "", {"rel": "alternate", "href": item.page_url, "type": "text/html"})
    handler.addQuickElement("link", "", {"rel": "alternate", "href": item.self_href, "type": ENTRY_TYPE})
    if item.progression:
        handler.addQuickElement(
            "link", "", {"rel": REL_PROGRESSION, "href": item.progression, "type": PROGRESSION_TYPE}
        )
    for file in item.files:
        attrs = {"rel": REL_OPEN_ACCESS, "href": file.href, "type": file.type, "title": file.title}
        handler.addQuickElement("link", "", attrs)
    handler.endElement("entry")


def feed_document(catalog: Catalog, *, site: str, site_url: str) -> bytes:
    """The catalog page as an Atom feed (UTF-8 bytes)."""
    out = io.StringIO()
    handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
    handler.startDocument()
    handler.startElement("feed", NAMESPACES)
    handler.addQuickElement("id", catalog.id)
    handler.addQuickElement("title", catalog.title)
    if catalog.subtitle:
        handler.addQuickElement("subtitle", catalog.subtitle)
    handler.addQuickElement("updated", _date(catalog.updated))
    handler.startElement("author", {})
    handler.addQuickElement("name", site)
    handler.addQuickElement("uri", site_url)
    handler.endElement("author")
    handler.addQuickElement("link", "", {"rel": "self", "href": catalog.self_href, "type": feed_type(catalog.kind)})
    for link in catalog.links:
        _link(handler, link)
    if catalog.total is not None:
        handler.addQuickElement("opensearch:totalResults", str(catalog.total))
        handler.addQuickElement("opensearch:itemsPerPage", str(catalog.per_page))
        handler.addQuickElement("opensearch:startIndex", str(((catalog.page or 1) - 1) * (catalog.per_page or 0) + 1))
    for entry in catalog.entries:
        handler.startElement("entry", {})
        handler.addQuickElement("title", entry.title)
        handler.addQuickElement("id", entry.id)
        handler.addQuickElement("updated", _date(catalog.updated))
        attrs = {"rel": entry.rel, "href": entry.href, "type": feed_type(entry.feed)}
        if entry.count is not None:
            attrs["thr:count"] = str(entry.count)
        handler.addQuickElement("link", "", attrs)
        handler.addQuickElement("content", entry.summary, {"type": "text"})
        handler.endElement("entry")
    for item in catalog.publications:
        _publication(handler, item)
    handler.endElement("feed")
    return out.getvalue().encode()


def entry_document(item: Publication) -> bytes:
    """One catalog entry alone (an OPDS Catalog Entry Document)."""
    out = io.StringIO()
    handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
    handler.startDocument()
    _publication(handler, item, NAMESPACES)
    return out.getvalue().encode()


def opensearch_document(*, site: str, template: str) -> bytes:
    """The OpenSearch 1.1 description of the catalog's search: its results are an acquisition feed."""
    out = io.StringIO()
    handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
    handler.startDocument()
    handler.startElement("OpenSearchDescription", {"xmlns": "http://a9.com/-/spec/opensearch/1.1/"})
    handler.addQuickElement("ShortName", site[:16])
    handler.addQuickElement("Description", f"Search the works of {site}: words, tags, creators.")
    handler.addQuickElement("InputEncoding", "UTF-8")
    handler.addQuickElement("OutputEncoding", "UTF-8")
    handler.addQuickElement("Url", "", {"type": feed_type("acquisition"), "template": template})
    handler.addQuickElement(
        "Url", "", {"type": "application/opds+json", "template": template.replace("/opds/", "/opds/v2/", 1)}
    )
    handler.addQuickElement("Query", "", {"role": "example", "searchTerms": "rain"})
    handler.endElement("OpenSearchDescription")
    return out.getvalue().encode()
