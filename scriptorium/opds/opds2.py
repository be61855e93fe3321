"""OPDS 2.0: a catalog page as JSON (``application/opds+json``): metadata, links, navigation, publications with
their metadata, acquisition links and images, facets."""

from __future__ import annotations

import json

from scriptorium.opds.catalog import NAVIGATION, PROGRESSION_TYPE, REL_PROGRESSION, Catalog, Link, Publication

CONTENT_TYPE = "application/opds+json"
PUBLICATION_TYPE = "application/opds-publication+json"


def _link(link: Link) -> dict[str, object]:
    out: dict[str, object] = {"rel": link.rel, "href": link.href, "type": CONTENT_TYPE if link.feed else link.type}
    if link.title:
        out["title"] = link.title
    if link.templated:
        out["templated"] = True
    if link.count is not None:
        out["properties"] = {"numberOfItems": link.count}
    return out


def _publication(item: Publication) -> dict[str, object]:
    metadata: dict[str, object] = {
        "@type": "http://schema.org/Book",
        "identifier": item.id,
        "title": item.title,
        "author": [{"name": p.name, "links": [{"href": p.uri, "type": "text/html"}]} for p in item.authors],
        "language": item.language,
        "modified": item.updated.isoformat(),
        "subject": [{"name": s.label, "code": s.term, "scheme": s.scheme} for s in item.subjects],
    }
    if item.issued is not None:
        metadata["published"] = item.issued.isoformat()
    if item.summary:
        metadata["description"] = item.summary
    links: list[dict[str, object]] = [
        {"rel": "self", "href": item.self_href, "type": PUBLICATION_TYPE},
        {"rel": "alternate", "href": item.page_url, "type": "text/html"},
    ]
    links += [
        {"rel": "http://opds-spec.org/acquisition/open-access", "href": f.href, "type": f.type, "title": f.title}
        for f in item.files
    ]
    if item.progression:
        links.append({"rel": REL_PROGRESSION, "href": item.progression, "type": PROGRESSION_TYPE})
    images = [
        {"href": image.href, "type": image.type, "width": image.width, "height": image.height}
        for image in (item.cover, item.thumbnail)
        if image is not None
    ]
    return {"metadata": metadata, "links": links, "images": images}


def publication_document(item: Publication) -> bytes:
    """One publication alone (``application/opds-publication+json``)."""
    return json.dumps(_publication(item), ensure_ascii=False, indent=1).encode()


def feed_document(catalog: Catalog) -> bytes:
    """The catalog page as OPDS 2.0 JSON (UTF-8 bytes)."""
    metadata: dict[str, object] = {"title": catalog.title, "modified": catalog.updated.isoformat()}
    if catalog.subtitle:
        metadata["subtitle"] = catalog.subtitle
    if catalog.total is not None:
        metadata |= {"numberOfItems": catalog.total, "itemsPerPage": catalog.per_page, "currentPage": catalog.page}
    links = [{"rel": "self", "href": catalog.self_href, "type": CONTENT_TYPE}]
    links += [_link(link) for link in catalog.links if link.rel != "http://opds-spec.org/facet"]
    document: dict[str, object] = {"metadata": metadata, "links": links}
    if catalog.kind == NAVIGATION:
        document["navigation"] = [
            {
                "href": entry.href,
                "title": entry.title,
                "type": CONTENT_TYPE,
                "rel": entry.rel,
                **({"properties": {"numberOfItems": entry.count}} if entry.count is not None else {}),
            }
            for entry in catalog.entries
        ]
    else:
        document["publications"] = [_publication(item) for item in catalog.publications]
    groups: dict[str, list[dict[str, object]]] = {}
    for link in catalog.links:
        if link.facet_group:
            entry = {"href": link.href, "title": link.title, "type": CONTENT_TYPE}
            if link.active:
                entry["rel"] = "self"
            if link.count is not None:
                entry["properties"] = {"numberOfItems": link.count}
            groups.setdefault(link.facet_group, []).append(entry)
    if groups:
        document["facets"] = [{"metadata": {"title": name}, "links": rows} for name, rows in groups.items()]
    return json.dumps(document, ensure_ascii=False, indent=1).encode()
