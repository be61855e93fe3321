"""A saved search's private feed: its owner's view of the search (restricted works, their excluded tags and mutes),
reached through the owner's feed token; a wrong or renewed-away token answers 404. The alternate links and the
visible "Subscribe to this feed" links on the pages."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from scriptorium.feeds.services import feed_token_renew
from scriptorium.interactions.services.relations import mute_add
from scriptorium.search.models import ExcludedTag
from scriptorium.search.services import saved_search_create
from scriptorium.tags.models import Tag
from scriptorium.works.models import Series
from tests.factories import UserFactory, make_work
from tests.feeds.conftest import read_feed, titles

pytestmark = pytest.mark.django_db


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reader_setup(db):
    reader = UserFactory(username="reader")
    writer, muted = UserFactory(username="scribe"), UserFactory(username="noisy")
    make_work(creator=writer, title="Harbour Lights", additional_tags=("Harbour",))
    make_work(creator=writer, title="Harbour For Members", restricted=True, additional_tags=("Harbour",))
    make_work(creator=writer, title="Harbour Draft", post=False, additional_tags=("Harbour",))
    make_work(creator=writer, title="Harbour Storm", additional_tags=("Harbour", "Shipwreck"))
    make_work(creator=muted, title="Harbour Noise", additional_tags=("Harbour",))
    mute_add(actor=reader, username="noisy")
    ExcludedTag.objects.create(user=reader, tag=Tag.objects.get(name="Shipwreck"))
    saved = saved_search_create(user=reader, name="Harbours", query_string="include=Harbour")
    return reader, saved


def test_the_saved_search_feed_lists_exactly_what_its_results_page_shows_its_owner(reader_setup) -> None:
    reader, saved = reader_setup
    token = feed_token_renew(user=reader)
    parsed = read_feed(Client(), f"/works/search/saved/{saved.pk}/{token.key}/feed.atom")
    assert set(titles(parsed)) == {"Harbour Lights", "Harbour For Members"}

    page = _logged_in(reader).get(f"/works/search?{saved.query_string}").content.decode()
    for title in ("Harbour Lights", "Harbour For Members", "Harbour Storm", "Harbour Noise", "Harbour Draft"):
        assert (title in page) == (title in titles(parsed)), title


def test_a_wrong_or_renewed_token_or_another_accounts_search_is_404(reader_setup) -> None:
    reader, saved = reader_setup
    old = feed_token_renew(user=reader).key
    other = feed_token_renew(user=UserFactory()).key
    url = "/works/search/saved/{}/{}/feed.atom"
    assert Client().get(url.format(saved.pk, old)).status_code == 200
    assert Client().get(url.format(saved.pk, other)).status_code == 404
    assert Client().get(url.format(saved.pk, "guess")).status_code == 404
    new = feed_token_renew(user=reader).key
    assert new != old
    assert Client().get(url.format(saved.pk, old)).status_code == 404
    assert Client().get(url.format(saved.pk, new)).status_code == 200
    # The private feed is not kept by shared caches.
    assert "private" in Client().get(url.format(saved.pk, new))["Cache-Control"]


def test_the_private_feeds_page_makes_and_renews_the_addresses(reader_setup) -> None:
    reader, saved = reader_setup
    assert Client().get("/account/feeds").status_code == 302  # to log in
    client = _logged_in(reader)
    assert "/feed.atom" not in client.get("/account/feeds").content.decode()
    assert client.post("/account/feeds").status_code == 302
    page = client.get("/account/feeds").content.decode()
    first = re.search(r'value="(http://testserver/works/search/saved/\d+/[^"]+/feed.atom)"', page).group(1)
    assert titles(read_feed(Client(), first))
    client.post("/account/feeds")
    assert Client().get(first).status_code == 404
    assert "Follow these searches in a feed reader" in client.get("/works/search/saved").content.decode()


def test_pages_link_their_feeds_in_the_head_and_visibly(client) -> None:
    writer = UserFactory(username="gannet")
    work = make_work(creator=writer, title="Cliffs", additional_tags=("Seabirds",))
    series = Series.objects.create(title="Coast")
    series.creators.add(writer.default_pseud)
    work.series_parts.create(series=series, position=1)
    for page, feed in (
        ("/tags/Seabirds/works", "/tags/Seabirds/feed.atom"),
        ("/users/gannet/", "/users/gannet/feed.atom"),
        ("/users/gannet/pseuds/gannet/", "/users/gannet/pseuds/gannet/feed.atom"),
        (f"/series/{series.pk}", f"/series/{series.pk}/feed.atom"),
    ):
        html = client.get(page).content.decode()
        assert '<link rel="alternate" type="application/atom+xml"' in html, page
        assert f'href="{feed}"' in html, page
        assert "Subscribe to this feed" in html, page
        assert client.get(feed).status_code == 200
