"""Atom feeds and OPDS entries of works archived on their authors' behalf name the author (with the author's
page as the address), not the archivist who keeps the work."""

from __future__ import annotations

import pytest

from scriptorium.works.models import ExternalCreator
from tests.factories import UserFactory
from tests.feeds.conftest import read_feed
from tests.opds.conftest import NS, atom
from tests.works.archived import archive_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived(db):
    return archive_work(UserFactory(username="openshelf"), "Marigold Vance", title="The Lantern Field")


def test_an_atom_entry_names_the_external_author(client, archived) -> None:
    author = ExternalCreator.objects.get()
    entry = read_feed(client, "/users/openshelf/feed.atom").entries[0]  # the keeper's feed lists the work

    assert [a.name for a in entry.authors] == ["Marigold Vance"]
    assert entry.authors[0].href == f"http://testserver/external_authors/{author.pk}"
    assert "Marigold Vance" in entry.content[0].value


def test_an_opds_entry_names_the_external_author(client, archived, settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path  # the catalog's covers
    feed = atom(client, "/opds/works?q=Lantern")
    authors = [a.findtext("atom:name", namespaces=NS) for a in feed.find("atom:entry", NS).findall("atom:author", NS)]
    assert authors == ["Marigold Vance"]
    publication = client.get("/opds/v2/works?q=Lantern").json()["publications"][0]
    assert [a["name"] for a in publication["metadata"]["author"]] == ["Marigold Vance"]
