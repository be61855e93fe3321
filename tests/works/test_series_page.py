"""The series page carries AO3's series structure beside its own, read here with the selectors AO3's tools use
(FanFicFare's OTW adapter: tests/interop runs FanFicFare itself against it)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from scriptorium.works.models import Series
from scriptorium.works.services import series_summary_update
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def harbour(user):
    first = make_work(creator=user, title="Low Water", series_title="Estuary")
    make_work(creator=user, title="Not Yet", series_title="Estuary", post=False)
    members = make_work(creator=user, title="Members Tide", series_title="Estuary", restricted=True)
    last = make_work(creator=user, title="High Water", series_title="Estuary")
    series = Series.objects.get(title="Estuary")
    series_summary_update(actor=user, series=series, summary="<p>One river, <em>four</em> tides.</p>")
    return series, first, members, last


def test_series_name_description_and_state_where_ao3_tools_read_them(client, harbour) -> None:
    series, *_ = harbour

    soup = _soup(client.get(f"/series/{series.pk}"))

    assert soup.select_one("div.series-show h2.heading").get_text(strip=True) == "Estuary"
    description = soup.select_one("div.wrapper dd blockquote.userstuff")
    assert description.get_text() == "One river, four tides."
    assert "Complete:No" in soup.select_one("dl.series dl.stats").get_text()
    Series.objects.filter(pk=series.pk).update(complete=True)
    assert "Complete:Yes" in _soup(client.get(f"/series/{series.pk}")).select_one("dl.series dl.stats").get_text()


def test_series_works_in_order_as_ao3_lists_them(client, harbour) -> None:
    series, first, members, last = harbour

    guest = _soup(client.get(f"/series/{series.pk}"))
    client.force_login(UserFactory())
    member = _soup(client.get(f"/series/{series.pk}"))

    def listed(soup: BeautifulSoup) -> list[str]:
        return [a["href"] for a in soup.select("h4.heading a:first-child")]

    assert listed(guest) == [f"/works/{first.pk}", f"/works/{last.pk}"]  # no draft, no restricted work
    assert listed(member) == [f"/works/{first.pk}", f"/works/{members.pk}", f"/works/{last.pk}"]
    # The byline in the same heading, to the pseud's AO3-style address.
    heading = member.select_one(f"li.work.blurb#work_{first.pk} h4.heading")
    assert heading.select_one('a[rel="author"]')["href"].startswith("/users/")
    # Our own blurbs list the same works, in the same order, for people.
    ours = [a["href"] for a in member.select("ol.blurbs .blurb__title a")]
    assert ours == listed(member)


def test_the_machine_copies_are_hidden_from_people(client, harbour) -> None:
    series, *_ = harbour

    soup = _soup(client.get(f"/series/{series.pk}"))

    # Our own h1 names the series and our blurbs list the works; AO3's copies stay out of sight and of the
    # accessibility tree, so a screen reader hears each once.
    assert soup.select_one("h1").get_text(strip=True) == "Estuary"
    assert soup.select_one("div.series-show h2.heading").has_attr("hidden")
    assert soup.select_one("ul.series.work.index").has_attr("hidden")
    assert soup.select_one("dl.series").has_attr("hidden") is False


def test_a_restricted_work_is_marked_as_ao3_marks_it(client, harbour) -> None:
    """A member sees a lock on the restricted work's blurb and page: an image whose alt is "(Restricted)", the
    mark AO3's tools look for, standing for the visible word (which screen readers then skip)."""
    series, first, members, _last = harbour
    client.force_login(UserFactory())

    listing = _soup(client.get(f"/series/{series.pk}"))
    page = _soup(client.get(f"/works/{members.pk}"))

    marked = [img.find_parent("li", class_="blurb")["id"] for img in listing.select('img[alt="(Restricted)"]')]
    assert marked == [f"work-{members.pk}"]
    lock = page.select_one('h1 img[alt="(Restricted)"]')
    assert lock is not None and lock["src"].endswith(".svg")
    assert lock.find_next_sibling("span")["aria-hidden"] == "true"
    assert not _soup(client.get(f"/works/{first.pk}")).select('img[alt="(Restricted)"]')
