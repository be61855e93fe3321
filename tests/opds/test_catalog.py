"""The public catalog as an e-reader browses it: the root, each navigation feed, a fandom's works, facets and
pages, search through the OpenSearch description, conditional GET, bad input; OPDS 2.0 alongside."""

from __future__ import annotations

import pytest
from django.test import Client

from scriptorium.opds.selectors import PER_PAGE
from tests.factories import UserFactory, make_work
from tests.opds.conftest import (
    NS,
    OPDS,
    THR,
    atom,
    entry_titles,
    href,
    links,
    opds2,
    path_of,
    publication_titles,
)

pytestmark = pytest.mark.django_db

FACET = "http://opds-spec.org/facet"
ACQ = "application/atom+xml;profile=opds-catalog;kind=acquisition"
NAV = "application/atom+xml;profile=opds-catalog;kind=navigation"


@pytest.fixture
def shelf(db):
    writer = UserFactory(username="quill")
    make_work(creator=writer, title="Harbour Lights", fandoms=("Moby Dick",), additional_tags=("Sea",))
    make_work(
        creator=writer, title="Storm Warning", fandoms=("Moby Dick",), rating="Explicit", additional_tags=("Sea",)
    )
    make_work(creator=writer, title="Tea Leaves", fandoms=("Hamlet",), expected_chapters=1, language="fr")
    return writer


def _nav(feed) -> dict[str, tuple[str, str]]:
    """Entry title → (href, type) of a navigation feed."""
    rows = {}
    for entry in feed.findall("atom:entry", NS):
        (link,) = links(entry)
        rows[entry.findtext("atom:title", namespaces=NS)] = (link.get("href"), link.get("type"))
    return rows


def test_the_root_leads_to_every_way_of_browsing(guest, shelf) -> None:
    root = atom(guest, "/opds", kind="navigation")
    assert href(root, "self") == "http://testserver/opds"
    assert href(root, "start") == "http://testserver/opds"
    assert href(root, "search") == "http://testserver/opds/opensearch.xml"
    nav = _nav(root)
    assert list(nav) == ["Recently updated", "Most kudos", "By fandom", "By tag", "Complete works", "By language"]
    assert nav["By fandom"] == ("http://testserver/opds/fandoms", NAV)
    assert nav["Most kudos"] == ("http://testserver/opds/works?sort=kudos", ACQ)
    # A guest's root has no personal shelves.
    assert "Marked for Later" not in nav

    recent = entry_titles(atom(guest, path_of(nav["Recently updated"][0])))
    assert sorted(recent) == ["Harbour Lights", "Storm Warning", "Tea Leaves"]
    assert entry_titles(atom(guest, path_of(nav["Complete works"][0]))) == ["Tea Leaves"]


def test_fandoms_with_counts_lead_to_the_fandoms_works(guest, shelf) -> None:
    fandoms = atom(guest, "/opds/fandoms", kind="navigation")
    nav = _nav(fandoms)
    assert list(nav) == ["Moby Dick", "Hamlet"]  # the most used first
    counts = [links(e)[0].get(f"{THR}count") for e in fandoms.findall("atom:entry", NS)]
    assert counts == ["2", "1"]
    assert [e.findtext("atom:content", namespaces=NS) for e in fandoms.findall("atom:entry", NS)] == [
        "2 works",
        "1 work",
    ]
    url, kind = nav["Moby Dick"]
    assert kind == ACQ
    feed = atom(guest, path_of(url), kind="acquisition")
    assert sorted(entry_titles(feed)) == ["Harbour Lights", "Storm Warning"]
    assert href(feed, "up") == "http://testserver/opds"


def test_tags_and_languages_navigation(guest, shelf) -> None:
    tags = _nav(atom(guest, "/opds/tags", kind="navigation"))
    assert list(tags) == ["Sea"]
    assert sorted(entry_titles(atom(guest, path_of(tags["Sea"][0])))) == ["Harbour Lights", "Storm Warning"]
    languages = _nav(atom(guest, "/opds/languages", kind="navigation"))
    assert len(languages) == 2
    french = next(url for url, _ in languages.values() if url.endswith("language=fr"))
    assert entry_titles(atom(guest, path_of(french))) == ["Tea Leaves"]


def test_an_entry_carries_what_a_reader_app_shows(guest, shelf) -> None:
    feed = atom(guest, "/opds/works?q=Storm")
    (entry,) = feed.findall("atom:entry", NS)
    assert entry.findtext("atom:title", namespaces=NS) == "Storm Warning"
    author = entry.find("atom:author", NS)
    assert author.findtext("atom:name", namespaces=NS) == "quill"
    assert author.findtext("atom:uri", namespaces=NS) == "http://testserver/users/quill/pseuds/quill/"
    labels = {c.get("label") for c in entry.findall("atom:category", NS)}
    assert {"Rating: Explicit", "Fandom: Moby Dick", "Additional Tags: Sea"} <= labels
    assert entry.findtext("dc:language", namespaces=NS) == "en"
    assert entry.findtext("dc:issued", namespaces=NS)
    acquisitions = {
        link.get("type"): link.get("href")
        for link in links(entry)
        if link.get("rel") == "http://opds-spec.org/acquisition/open-access"
    }
    epub = acquisitions["application/epub+zip"]
    # An adult work's file is asked for with the adult notice already agreed, as AO3 tools ask for it.
    assert epub.endswith(".epub?view_adult=true")
    response = guest.get(path_of(epub))
    assert response.status_code in (200, 202), response.status_code  # a file, or "being prepared"
    images = {link.get("rel"): link.get("href") for link in links(entry) if "image" in link.get("rel")}
    assert set(images) == {"http://opds-spec.org/image", "http://opds-spec.org/image/thumbnail"}
    assert guest.get(path_of(images["http://opds-spec.org/image"]))["Content-Type"] == "image/png"


def test_facets_say_which_is_active_and_narrow_the_feed(guest, shelf) -> None:
    feed = atom(guest, "/opds/works?rating=Explicit")
    facets = [link for link in links(feed) if link.get("rel") == FACET]
    groups = {link.get(f"{OPDS}facetGroup") for link in facets}
    assert groups == {"Sort", "Rating", "Completion", "Language"}
    active = {
        (link.get(f"{OPDS}facetGroup"), link.get("title"))
        for link in facets
        if link.get(f"{OPDS}activeFacet") == "true"
    }
    assert active == {
        ("Sort", "Recently updated"),
        ("Rating", "Explicit"),
        ("Completion", "All works"),
        ("Language", "All languages"),
    }
    assert entry_titles(feed) == ["Storm Warning"]
    # Each facet link keeps the other choices: "Complete only" with Explicit finds nothing here.
    complete = next(link for link in facets if link.get("title") == "Complete only")
    assert "rating=Explicit" in complete.get("href") and "complete=complete" in complete.get("href")
    assert entry_titles(atom(guest, path_of(complete.get("href")))) == []
    by_title = next(link for link in facets if link.get("title") == "Title")
    assert entry_titles(atom(guest, "/opds/works?sort=title")) == ["Harbour Lights", "Storm Warning", "Tea Leaves"]
    assert "sort=title" in by_title.get("href")
    # Counts are of the works the other choices leave: without a rating chosen, each rating's own number.
    unfiltered = [link for link in links(atom(guest, "/opds/works")) if link.get("rel") == FACET]
    counts = {
        link.get("title"): link.get(f"{THR}count") for link in unfiltered if link.get(f"{OPDS}facetGroup") == "Rating"
    }
    assert counts["Explicit"] == "1" and counts["General Audiences"] == "2" and counts["Mature"] == "0"


def test_pages_follow_one_another(guest) -> None:
    writer = UserFactory()
    for number in range(PER_PAGE + 3):
        make_work(creator=writer, title=f"Part {number:02}")
    first = atom(guest, "/opds/works?sort=title")
    assert len(entry_titles(first)) == PER_PAGE
    assert first.findtext("opensearch:totalResults", namespaces=NS) == str(PER_PAGE + 3)
    assert first.findtext("opensearch:itemsPerPage", namespaces=NS) == str(PER_PAGE)
    assert not links(first, "previous")
    second = atom(guest, path_of(href(first, "next")))
    assert entry_titles(second) == ["Part 25", "Part 26", "Part 27"]
    assert second.findtext("opensearch:startIndex", namespaces=NS) == str(PER_PAGE + 1)
    assert not links(second, "next")
    assert href(second, "last") == href(first, "last")
    assert entry_titles(atom(guest, path_of(href(second, "previous")))) == entry_titles(first)
    assert entry_titles(atom(guest, path_of(href(second, "first")))) == entry_titles(first)


def test_search_through_the_opensearch_description(guest, shelf) -> None:
    response = guest.get("/opds/opensearch.xml")
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    body = response.content.decode()
    template = body.split('template="')[1].split('"')[0]
    assert 'type="application/atom+xml;profile=opds-catalog;kind=acquisition"' in body
    url = template.replace("{searchTerms}", "Harbour")
    assert entry_titles(atom(guest, path_of(url), kind="acquisition")) == ["Harbour Lights"]
    # OPDS 2.0 names the text "query" in its templated link.
    feed = opds2(guest, "/opds/v2")
    search = next(link for link in feed["links"] if link["rel"] == "search")
    assert search["templated"] is True and search["href"].endswith("/opds/v2/works{?query}")
    assert publication_titles(opds2(guest, "/opds/v2/works?query=Leaves")) == ["Tea Leaves"]


def test_bad_input_is_a_400_and_unknown_tags_404(guest, shelf) -> None:
    assert guest.get("/opds/works?rating=Nonsense").status_code == 400
    assert guest.get("/opds/v2/works?sort=nonsense").status_code == 400
    assert guest.get('/opds/works?q="unclosed').status_code in (200, 400)
    assert guest.get("/opds/tags/No Such Tag").status_code == 404
    assert guest.get("/opds/works?page=999").status_code == 200  # past the end: the last page
    assert guest.post("/opds").status_code == 405


def test_conditional_get_answers_304_until_the_catalog_changes(guest, shelf) -> None:
    for url in ("/opds", "/opds/works", "/opds/v2/works", "/opds/fandoms"):
        first = guest.get(url)
        etag = first["ETag"]
        assert first["Last-Modified"]
        assert guest.get(url, headers={"if-none-match": etag}).status_code == 304, url
    etag = guest.get("/opds/works")["ETag"]
    make_work(creator=shelf, title="A New One")
    changed = guest.get("/opds/works", headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert "A New One" in entry_titles(atom(Client(), "/opds/works"))


def test_opds2_mirrors_the_atom_catalog(guest, shelf) -> None:
    root = opds2(guest, "/opds/v2")
    titles = [n["title"] for n in root["navigation"]]
    assert titles == ["Recently updated", "Most kudos", "By fandom", "By tag", "Complete works", "By language"]
    fandoms = opds2(guest, "/opds/v2/fandoms")
    moby = next(n for n in fandoms["navigation"] if n["title"] == "Moby Dick")
    assert moby["properties"]["numberOfItems"] == 2
    works = opds2(guest, moby["href"].removeprefix("http://testserver"))
    assert sorted(publication_titles(works)) == ["Harbour Lights", "Storm Warning"]
    publication = works["publications"][0]
    assert {link["type"] for link in publication["links"]} >= {"application/epub+zip", "text/html"}
    assert [image["width"] for image in publication["images"]] == [600, 200]
    facets = {f["metadata"]["title"]: f["links"] for f in works["facets"]}
    assert set(facets) == {"Sort", "Rating", "Completion", "Language"}
    assert [link["title"] for link in facets["Sort"] if link.get("rel") == "self"] == ["Recently updated"]
    assert works["metadata"]["numberOfItems"] == 2
