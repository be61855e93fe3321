"""Wrangling in real headless Chromium: a wrangler makes an unwrangled tag a synonym and its works move."""

from __future__ import annotations

import re

import pytest

from scriptorium.tags.models import Tag
from scriptorium.tags.wranglers import wranglers_group
from tests.browser.conftest import PHONE, check_page, log_in
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def wrangler(db):
    user = UserFactory(username="tagwrangler")
    user.groups.add(wranglers_group())  # transactional tests empty the tables: the group is made again
    return user


def test_a_wrangler_makes_a_synonym_and_sees_its_works_under_the_canonical_tag(new_page, wrangler) -> None:
    steve = Tag.objects.create(name="Steve Rogers", type="character", canonical=True)
    make_work(title="Shield Day", characters=("Cap",))
    make_work(title="Brooklyn Winter", characters=("Steve Rogers",))

    page = new_page()
    log_in(page, wrangler.username)
    page.goto("/tags/Steve Rogers/works")
    assert "Brooklyn Winter" in page.locator("main").inner_text()
    assert "Shield Day" not in page.locator("main").inner_text()

    page.goto("/tags/Cap/wrangle")
    target = page.get_by_label("Make it a synonym of")
    target.press_sequentially("stev", delay=30)
    option = page.get_by_role("option", name=re.compile("^Steve Rogers"))
    option.click()  # tag autocomplete fills the canonical name
    assert target.input_value() == "Steve Rogers"
    page.get_by_role("button", name="Make synonym").click()
    page.wait_for_load_state()
    assert "is now a synonym of “Steve Rogers”" in page.locator("main").inner_text()
    assert Tag.objects.get(name="Cap").merger == steve

    page.goto("/tags/Steve Rogers/works")
    listing = page.locator("main").inner_text()
    assert "Shield Day" in listing and "Brooklyn Winter" in listing
    page.goto("/tags/Cap/works")  # the synonym's listing is the canonical tag's
    assert page.url.endswith("/tags/Steve%20Rogers/works")


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_wrangling_pages_pass_axe(new_page, wrangler, viewport) -> None:
    mcu = Tag.objects.create(name="Marvel Cinematic Universe", type="fandom", canonical=True)
    Tag.objects.create(name="Steve Rogers", type="character", canonical=True)
    make_work(title="Shield Day", fandoms=(mcu.name,), characters=("Cap", "Stevie"), relationships=("Steve/Tony",))
    page = new_page(viewport, bypass_csp=True)
    log_in(page, wrangler.username)
    page.goto("/tags/Cap/wrangle")
    page.get_by_label("Make it a synonym of").fill("Steve Rogers")
    page.get_by_role("button", name="Make synonym").click()
    page.wait_for_load_state()
    for path in (
        "/wrangling/",
        "/wrangling/fandoms/Marvel Cinematic Universe",
        "/wrangling/log",
        "/tags/Steve Rogers/wrangle",
        "/tags/Steve*s*Tony/wrangle",
        "/tags/Marvel Cinematic Universe",
        "/tags/Marvel Cinematic Universe/works",
    ):
        check_page(page, path, viewport)
