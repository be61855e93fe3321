"""External creators in the works search: their names are found like pseuds' (``creator:``, plain words, the
creator sort), the index follows a credit changed through ``work_revised``, and a claimed name is no longer
indexed."""

from __future__ import annotations

import re

import pytest

from scriptorium.search.backends import get_search_backend
from scriptorium.works.external import external_creator_get_or_create, work_external_creators_set
from scriptorium.works.models import ExternalCreator, Work
from tests.factories import UserFactory, make_work
from tests.works.archived import archive_work, claim

pytestmark = pytest.mark.django_db


def index(*works: Work) -> None:
    get_search_backend().index_works([w.pk for w in works])


def titles(client, query: str, **params: str) -> list[str]:
    response = client.get("/works/search", {"q": query, **params})
    assert response.status_code == 200
    return re.findall(r'<h\d class="blurb__title"><a href="/works/\d+"[^>]*>([^<]+)</a>', response.content.decode())


@pytest.fixture
def archivist(db):
    return UserFactory(username="openshelf")


@pytest.fixture
def shelf(archivist):
    works = {
        "lantern": archive_work(archivist, "Marigold Vance", title="Lantern Field"),
        "orchard": archive_work(archivist, "Quentin Ashby", title="Orchard Wall"),
        "own": make_work(creator=UserFactory(username="zinnia"), title="Own Garden"),
    }
    index(*works.values())
    return works


def test_creator_search_finds_an_external_name(client, shelf) -> None:
    assert titles(client, 'creator:"Marigold Vance"') == ["Lantern Field"]
    assert titles(client, "creator:quentin") == ["Orchard Wall"]
    assert titles(client, "Marigold") == ["Lantern Field"]


def test_the_archivist_name_finds_the_works_it_keeps(client, shelf) -> None:
    assert sorted(titles(client, "creator:openshelf")) == ["Lantern Field", "Orchard Wall"]


def test_sorting_by_creator_uses_the_authors_name_not_the_archivist(client, shelf) -> None:
    found = titles(client, "", sort="creator", order="asc")
    assert found == ["Lantern Field", "Orchard Wall", "Own Garden"]  # Marigold, Quentin, zinnia


def test_a_new_external_credit_reaches_the_index_through_work_revised(
    client, archivist, django_capture_on_commit_callbacks
) -> None:
    work = make_work(creator=archivist, title="Quiet Harbour")
    index(work)
    assert titles(client, "creator:Halloran") == []

    with django_capture_on_commit_callbacks(execute=True):
        author = external_creator_get_or_create(archivist=archivist, name="Ines Halloran")
        work_external_creators_set(work=work, external_creators=[author])

    assert titles(client, "creator:Halloran") == ["Quiet Harbour"]


def test_a_claimed_name_leaves_the_index_and_the_claimers_pseud_comes_in(
    client, shelf, django_capture_on_commit_callbacks
) -> None:
    claimer = UserFactory(username="marigold_v")
    with django_capture_on_commit_callbacks(execute=True):
        claim(ExternalCreator.objects.get(name="Marigold Vance"), claimer.default_pseud)

    assert titles(client, 'creator:"Marigold Vance"') == []
    assert titles(client, "creator:marigold_v") == ["Lantern Field"]


def test_renaming_an_external_creator_reindexes_its_works(client, shelf) -> None:
    author = ExternalCreator.objects.get(name="Quentin Ashby")
    author.name = "Quentin Ashgrove"
    author.save()

    assert titles(client, "creator:Ashgrove") == ["Orchard Wall"]
    assert titles(client, "creator:Ashby") == []
