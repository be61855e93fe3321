"""An external author's page (AO3's ``/external_authors/ID``): their works as each reader may list them, and a
404 for an author whose name no listed work shows."""

from __future__ import annotations

import pytest

from scriptorium.works.external import external_creator_get_or_create, work_external_creators_set
from scriptorium.works.models import ExternalCreator, Work
from tests.factories import UserFactory, make_work
from tests.works.archived import archive_work, claim
from tests.works.test_external_bylines import byline
from tests.works.test_selectors import _get_ok, count_queries

pytestmark = pytest.mark.django_db


def titles(page: str) -> list[str]:
    import re

    return re.findall(r'<h\d class="blurb__title"><a href="/works/\d+"[^>]*>([^<]+)</a>', page)


@pytest.fixture
def archivist(db):
    return UserFactory(username="openshelf")


@pytest.fixture
def shelf(archivist):
    """Marigold's works in each state, and one work of another author."""
    works = {
        "public": archive_work(archivist, "Marigold Vance", title="Lantern Field"),
        "restricted": archive_work(archivist, "Marigold Vance", title="Members Orchard", restricted=True),
        "draft": archive_work(archivist, "Marigold Vance", title="Unposted Meadow", post=False),
        "hidden": archive_work(archivist, "Marigold Vance", title="Taken Down Hill"),
        "other": archive_work(archivist, "Someone Else", title="Not Hers"),
    }
    Work.objects.filter(pk=works["hidden"].pk).update(hidden=True)
    return works


def marigold() -> ExternalCreator:
    return ExternalCreator.objects.get(name="Marigold Vance")


def test_a_guest_sees_the_public_works_only(client, shelf) -> None:
    response = client.get(f"/external_authors/{marigold().pk}")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Marigold Vance</h1>" in page
    assert titles(page) == ["Lantern Field"]


def test_a_logged_in_reader_also_sees_restricted_works(client, shelf) -> None:
    client.force_login(UserFactory())
    page = client.get(f"/external_authors/{marigold().pk}").content.decode()
    assert sorted(titles(page)) == ["Lantern Field", "Members Orchard"]


def test_the_listing_takes_the_search_filters(client, shelf) -> None:
    client.force_login(UserFactory())
    page = client.get(f"/external_authors/{marigold().pk}?q=Orchard").content.decode()
    assert titles(page) == ["Members Orchard"]


def test_an_author_with_no_listed_work_is_not_found(client, archivist) -> None:
    archive_work(archivist, "Draft Only", post=False)
    author = ExternalCreator.objects.get(name="Draft Only")

    assert client.get(f"/external_authors/{author.pk}").status_code == 404
    assert client.get("/external_authors/999999").status_code == 404
    client.force_login(UserFactory())
    assert client.get(f"/external_authors/{author.pk}").status_code == 404
    client.force_login(archivist)  # the archivist knows the name already
    assert client.get(f"/external_authors/{author.pk}").status_code == 200


def test_a_name_only_on_restricted_works_is_hidden_from_guests(client, archivist) -> None:
    archive_work(archivist, "Members Only Author", restricted=True)
    author = ExternalCreator.objects.get(name="Members Only Author")
    assert client.get(f"/external_authors/{author.pk}").status_code == 404
    client.force_login(UserFactory())
    assert client.get(f"/external_authors/{author.pk}").status_code == 200


def test_a_claimed_author_points_to_the_claimers_pseud(client, shelf) -> None:
    claimer = UserFactory(username="marigold")
    claim(marigold(), claimer.default_pseud)
    page = client.get(f"/external_authors/{marigold().pk}").content.decode()

    assert 'href="/users/marigold/pseuds/marigold/"' in page
    assert "claimed by their author" in page
    assert titles(page) == ["Lantern Field"]
    assert byline(client.get(f"/works/{shelf['public'].pk}").content.decode())[0] == "by marigold"


def test_the_page_costs_no_query_per_work(client, archivist) -> None:
    author = external_creator_get_or_create(archivist=archivist, name="Prolific")

    def add(count: int) -> None:
        for i in range(count):
            work = make_work(creator=archivist, title=f"Piece {i}", additional_tags=(f"T{i}",))
            work_external_creators_set(work=work, external_creators=[author])

    add(2)
    url = f"/external_authors/{author.pk}"
    _get_ok(client, url)()
    with_two = count_queries(_get_ok(client, url))
    add(8)
    assert count_queries(_get_ok(client, url)) == with_two
