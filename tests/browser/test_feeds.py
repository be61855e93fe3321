"""Browser test for the feeds (issue 17): a reader finds "Subscribe to this feed" on a tag's works page, and makes
the private feed addresses of their saved searches, whose feed then lists the search's works. The pages pass axe
and do not scroll sideways on a phone."""

from __future__ import annotations

import os

import feedparser
import pytest

from scriptorium.search.services import saved_search_create
from tests.browser.conftest import DESKTOP, PHONE, assert_fits, log_in
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_reader_subscribes_to_a_tag_and_to_a_saved_search(new_page, live_server, viewport) -> None:
    make_work(title="Lantern Walk", additional_tags=("Night Markets",))
    reader = UserFactory(username="lamplighter")
    saved_search_create(user=reader, name="Markets at night", query_string="include=Night+Markets")
    page = new_page(viewport, bypass_csp=True)

    page.goto("/tags/Night Markets/works")
    assert_fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/feeds-tag-{viewport['width']}.png", full_page=True)
    link = page.get_by_role("link", name="Subscribe to this feed")
    assert link.get_attribute("href") == "/tags/Night%20Markets/feed.atom"
    feed = page.request.get(link.get_attribute("href"))
    assert feed.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert [e.title for e in feedparser.parse(feed.body()).entries] == ["Lantern Walk"]

    log_in(page, "lamplighter")
    page.goto("/works/search/saved")
    page.get_by_role("link", name="Follow these searches in a feed reader").click()
    page.get_by_role("button", name="Make my feed addresses").click()
    page.wait_for_load_state()
    assert_fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/feeds-private-{viewport['width']}.png", full_page=True)
    address = page.get_by_label("Feed address of Markets at night").input_value()
    assert address.startswith(live_server.url) and address.endswith("/feed.atom")
    private = feedparser.parse(page.request.get(address).body())
    assert private.bozo == 0 and [e.title for e in private.entries] == ["Lantern Walk"]
