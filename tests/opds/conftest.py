"""Helpers for the OPDS tests: fetch a catalog page as an e-reader does and read it (Atom through ElementTree,
JSON through json), covers kept in a data directory of the test's own."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "opds": "http://opds-spec.org/2010/catalog",
    "dc": "http://purl.org/dc/terms/",
    "opensearch": "http://a9.com/-/spec/opensearch/1.1/",
    "thr": "http://purl.org/syndication/thread/1.0",
}
OPDS = "{http://opds-spec.org/2010/catalog}"
THR = "{http://purl.org/syndication/thread/1.0}"


@pytest.fixture(autouse=True)
def _covers_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def guest() -> Client:
    return Client()


def atom(client: Client, url: str, *, kind: str | None = None) -> ET.Element:
    """The feed's root element; fails unless it answered 200 with an OPDS catalog media type."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    content_type = response["Content-Type"]
    assert content_type.startswith("application/atom+xml;profile=opds-catalog;kind="), content_type
    if kind:
        assert f"kind={kind}" in content_type, content_type
    return ET.fromstring(response.content)  # noqa: S314 (our own server's output)


def opds2(client: Client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/opds+json"
    return json.loads(response.content)


def entry_titles(feed: ET.Element) -> list[str]:
    return [e.findtext("atom:title", namespaces=NS) for e in feed.findall("atom:entry", NS)]


def links(element: ET.Element, rel: str | None = None) -> list[ET.Element]:
    found = element.findall("atom:link", NS)
    return [link for link in found if rel is None or link.get("rel") == rel]


def href(element: ET.Element, rel: str) -> str:
    (link,) = links(element, rel)
    return link.get("href")


def path_of(url: str) -> str:
    """An absolute address as the test client asks for it."""
    return url.removeprefix("http://testserver")


def publication_titles(feed: dict) -> list[str]:
    return [p["metadata"]["title"] for p in feed.get("publications", [])]
