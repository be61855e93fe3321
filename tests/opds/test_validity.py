"""Every catalog document is valid and read by real clients' code, with awkward text in it (markup characters,
quotes, non-Latin letters), public and personal:

- OPDS 1.2: our RELAX NG grammar (tests/opds/opds.rnc, over tests/feeds/atom.rnc) with jing, and Readium's
  r2-opds-js (the parser inside Thorium Reader) through tests/opds/r2_parse.js;
- OPDS 2.0: our JSON Schema (tests/opds/opds2.schema.json) with jsonschema, and the Palace Project's
  palace-opds models."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.test import Client
from jsonschema import Draft202012Validator, FormatChecker
from palace.opds.opds2 import Feed as PalaceFeed
from palace.opds.opds2 import Publication, PublicationFeed

from scriptorium.feeds.services import feed_token_renew
from scriptorium.interactions.services.history import later_mark
from tests.factories import UserFactory, make_work
from tests.opds.conftest import NS, links

HERE = Path(__file__).parent
JING = shutil.which("jing")
NODE = shutil.which("node")
R2 = HERE.parent.parent / "node_modules" / "r2-opds-js"
ACQUISITION = "http://opds-spec.org/acquisition"

pytestmark = [pytest.mark.django_db, pytest.mark.validators]
needs_jing = pytest.mark.skipif(JING is None, reason="jing is not installed (apt-get install jing)")
needs_r2 = pytest.mark.skipif(
    NODE is None or not R2.exists(), reason="node or r2-opds-js missing (npm ci installs package.json's tools)"
)


@pytest.fixture
def catalog(db) -> list[str]:
    """An archive with awkward works; every kind of catalog page (OPDS 1.2 addresses), public and personal."""
    writer = UserFactory(username="ibis")
    quoted = make_work(
        creator=writer,
        title='"Quotes" & <brackets> — 雨の日',
        summary="<p>Five <strong>words</strong> &amp; one <a href='https://example.org/'>link</a>.</p>",
        rating="Mature",
        fandoms=("Original Work",),
        additional_tags=("Rain & Tea",),
        language="ja",
    )
    members = make_work(creator=writer, title="Members <only>", restricted=True, fandoms=("Original Work",))
    make_work(creator=writer, title="Plain", expected_chapters=1)
    reader = UserFactory(username="reader")
    later_mark(actor=reader, work=members)
    token = feed_token_renew(user=reader).key
    public = [
        "/opds",
        "/opds/works",
        "/opds/works?sort=title&rating=Mature&complete=in_progress&language=ja&page=1",
        "/opds/works?q=rain",
        "/opds/works?q=nothing-matches-this",
        "/opds/fandoms",
        "/opds/tags",
        "/opds/languages",
        "/opds/tags/Rain *a* Tea",
    ]
    personal = [
        f"/opds/personal/{token}",
        f"/opds/personal/{token}/works",
        f"/opds/personal/{token}/later",
        f"/opds/personal/{token}/subscriptions",
        f"/opds/personal/{token}/bookmarks",
        f"/opds/personal/{token}/history",
    ]
    entries = [f"/opds/works/{quoted.pk}", f"/opds/personal/{token}/works/{members.pk}"]
    return [*public, *personal, *entries]


def _jing(tmp_path: Path, name: str, body: bytes) -> str:
    path = tmp_path / f"{name}.xml"
    path.write_bytes(body)
    schema = HERE / "opds.rnc"
    run = subprocess.run([JING, "-c", str(schema), str(path)], capture_output=True, text=True, timeout=120)
    return run.stdout.strip()  # jing prints each error on stdout; nothing when valid


@needs_jing
def test_the_grammar_catches_what_opds_forbids(tmp_path) -> None:
    head = (
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/">'
        "<id>urn:x</id><title>t</title><updated>2026-01-01T00:00:00Z</updated><author><name>a</name></author>"
    )
    self_link = '<link rel="self" href="/o" type="application/atom+xml;profile=opds-catalog;kind=acquisition"/>'
    no_profile = head + '<link rel="start" href="/o" type="application/atom+xml"/></feed>'
    assert "opds-catalog" in _jing(tmp_path, "profile", no_profile.encode())
    facet = (
        head
        + self_link
        + '<link rel="http://opds-spec.org/facet" href="/o" type="'
        + ('application/atom+xml;profile=opds-catalog;kind=acquisition"/></feed>')
    )
    assert "facetGroup" in _jing(tmp_path, "facet", facet.encode())
    search = head + self_link + '<link rel="search" href="/s" type="application/atom+xml"/></feed>'
    assert "opensearchdescription" in _jing(tmp_path, "search", search.encode())
    entry = (
        head + self_link + "<entry><id>urn:e</id><title>w</title><updated>2026-01-01T00:00:00Z</updated>"
        "<author><name>a</name></author><summary>s</summary>"
        '<link rel="http://opds-spec.org/acquisition" href="/f.epub" type="application/epub+zip"/></entry></feed>'
    )
    assert 'element "entry" incomplete' in _jing(tmp_path, "language", entry.encode())  # no dc:language
    assert _jing(tmp_path, "fixed", entry.replace("<summary>", "<dc:language>en</dc:language><summary>").encode()) == ""


@needs_jing
def test_every_catalog_document_is_valid(catalog, tmp_path) -> None:
    client = Client()
    for number, url in enumerate(catalog):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _jing(tmp_path, f"doc{number}", response.content) == "", url
        document = ET.fromstring(response.content)  # noqa: S314 (our own server's output)
        for entry in [document] if document.tag.endswith("entry") else document.findall("atom:entry", NS):
            rels = [link.get("rel") for link in links(entry)]
            if "application/atom+xml;profile=opds-catalog" not in " ".join(link.get("type") for link in links(entry)):
                # An acquisition entry: at least one acquisition link (RELAX NG cannot count it).
                assert any(rel.startswith(ACQUISITION) for rel in rels), (url, rels)
    opensearch = client.get("/opds/opensearch.xml").content
    assert _jing(tmp_path, "opensearch", opensearch) == ""


def _r2(tmp_path: Path, body: bytes) -> dict:
    path = tmp_path / "feed.xml"
    path.write_bytes(body)
    run = subprocess.run(
        [NODE, str(HERE / "r2_parse.js"), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=HERE.parent.parent,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@needs_r2
def test_readiums_parser_reads_the_catalog(catalog, tmp_path) -> None:
    client = Client()
    root = _r2(tmp_path, client.get("/opds").content)["opds2"]
    assert [n["title"] for n in root["navigation"]][:2] == ["Recently updated", "Most kudos"]
    assert root["navigation"][2]["type"] == "application/atom+xml;profile=opds-catalog;kind=navigation"

    parsed = _r2(tmp_path, client.get("/opds/works?sort=title").content)
    assert parsed["opds1"]["totalResults"] == 2
    works = parsed["opds2"]
    titles = [p["metadata"]["title"] for p in works["publications"]]
    assert titles == ['"Quotes" & <brackets> — 雨の日', "Plain"]
    first = works["publications"][0]
    assert first["metadata"]["author"]["name"] == "ibis"
    assert first["metadata"]["language"] == "ja"
    acquisitions = [link for link in first["links"] if link["rel"].startswith(ACQUISITION)]
    assert "application/epub+zip" in {link["type"] for link in acquisitions}
    assert {image["rel"] for image in first["images"]} == {
        "http://opds-spec.org/image",
        "http://opds-spec.org/image/thumbnail",
    }
    facets = {f["metadata"]["title"]: [link["title"] for link in f["links"]] for f in works["facets"]}
    assert facets["Sort"] == ["Recently updated", "Most kudos", "Most hits", "Title"]
    assert set(facets) == {"Sort", "Rating", "Completion", "Language"}
    for url in catalog:
        assert _r2(tmp_path, client.get(url).content), url


def _v2(url: str) -> str:
    return url.replace("/opds", "/opds/v2", 1)


def test_opds2_documents_meet_the_json_schema_and_palace_reads_them(catalog) -> None:
    schema = json.loads((HERE / "opds2.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    client = Client()
    for url in catalog:
        response = client.get(_v2(url))
        assert response.status_code == 200, url
        document = json.loads(response.content)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
        assert errors == [], (url, errors)
        if "publications" in document and not document.get("navigation"):
            PublicationFeed.model_validate_json(response.content)
        elif "metadata" in document and "links" in document and "images" in document:
            Publication.model_validate_json(response.content)
        else:
            PalaceFeed.model_validate_json(response.content)
    feed = PalaceFeed.model_validate_json(client.get("/opds/v2/works?sort=title").content)
    assert [p.metadata.title for p in feed.publications] == ['"Quotes" & <brackets> — 雨の日', "Plain"]
    facets = [f.metadata.title for f in feed.facets]  # language maps, equal to their one string
    assert len(facets) == 4
    assert all(any(title == name for title in facets) for name in ("Sort", "Rating", "Completion", "Language"))


def test_the_json_schema_catches_a_publication_without_a_file() -> None:
    schema = json.loads((HERE / "opds2.schema.json").read_text())
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    publication = {
        "metadata": {"title": "t"},
        "links": [{"rel": "self", "href": "https://example.org/p", "type": "application/opds-publication+json"}],
        "images": [{"href": "https://example.org/c.png", "type": "image/png"}],
    }
    assert not validator.is_valid(publication)
    publication["links"].append(
        {"rel": "http://opds-spec.org/acquisition/open-access", "href": "https://example.org/f.epub"}
    )
    assert validator.is_valid(publication)
    assert not validator.is_valid({"metadata": {"title": "f"}, "links": [], "publications": []})  # no self link
