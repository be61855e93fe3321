"""The API's work representation names the external creator a work was archived for, beside the pseuds
credited (the archivist's keeping pseud), and its byline as the page reads it."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from scriptorium.works.models import ExternalCreator
from tests.factories import UserFactory, make_work
from tests.works.archived import archive_work, claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived(db):
    return archive_work(UserFactory(username="openshelf"), "Marigold Vance", title="The Lantern Field")


def test_a_work_carries_its_external_creators_and_byline(archived) -> None:
    author = ExternalCreator.objects.get()
    body = APIClient().get(f"/api/v1/works/{archived.pk}/").json()

    assert body["creators"] == [{"pseud": "openshelf", "username": "openshelf"}]
    assert body["external_creators"] == [
        {
            "id": author.pk,
            "name": "Marigold Vance",
            "url": f"http://testserver/external_authors/{author.pk}",
            "claimed": False,
        }
    ]
    assert body["byline"] == "Marigold Vance [archived by openshelf]"


def test_the_works_list_says_the_same(archived) -> None:
    body = APIClient().get("/api/v1/works/").json()
    listed = next(w for w in body["results"] if w["id"] == archived.pk)
    assert listed["byline"] == "Marigold Vance [archived by openshelf]"


def test_a_claimed_work_reads_as_the_claimers(archived) -> None:
    claim(ExternalCreator.objects.get(), UserFactory(username="marigold").default_pseud)
    body = APIClient().get(f"/api/v1/works/{archived.pk}/").json()
    assert body["byline"] == "marigold"
    assert body["external_creators"][0]["claimed"] is True
    assert body["creators"] == [{"pseud": "marigold", "username": "marigold"}]


def test_a_work_without_external_creators(db) -> None:
    work = make_work(creator=UserFactory(username="lark"))
    body = APIClient().get(f"/api/v1/works/{work.pk}/").json()
    assert body["external_creators"] == [] and body["byline"] == "lark"
