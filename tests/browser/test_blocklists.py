"""A reader sets three blocklist rules and an allow-list on the blocklist page, without JavaScript tricks (plain
forms), then sees the right works and totals in the works listing, shows the hidden ones once and hides them
again. The blocklist page and the listing pass axe and fit at desktop and phone widths (screenshots kept)."""

from __future__ import annotations

import os

import pytest

from scriptorium.search.backends import get_search_backend
from scriptorium.tags.models import Tag, TagType
from tests.browser.conftest import DESKTOP, PHONE, assert_fits, body_text, log_in
from tests.factories import PseudFactory, UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)

LONG = " ".join(["evening"] * 120)
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")  # a directory: screenshots are kept there when set


@pytest.fixture
def shelf():
    writer = UserFactory(username="quill")
    friend = PseudFactory(user=UserFactory(username="kindly"), name="Kind Pen")
    Tag.objects.create(name="Found Family", type=TagType.ADDITIONAL, canonical=True)
    works = [
        make_work(creator=writer, title="Slow Burn Tea", additional_tags=("Slow Burn",), chapters=[LONG]),
        make_work(
            creator=writer, title="Slow Burn Family", additional_tags=("Slow Burn", "Found Family"), chapters=[LONG]
        ),
        make_work(creator=writer, title="Zombie Picnic", chapters=[LONG]),
        make_work(creator=writer, title="Short Note"),
        make_work(creator=friend, title="Zombie Friends", chapters=[LONG]),
        make_work(creator=writer, title="Plain Long One", chapters=[LONG]),
        make_work(creator=writer, title="Plain Long Two", chapters=[LONG]),
    ]
    get_search_backend().index_works([w.pk for w in works])
    return UserFactory(username="reader")


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _titles(page) -> set[str]:
    return set(page.locator(".blurb__title a").all_inner_texts())


def _add(page, section: str, fields: dict[str, str]) -> None:
    form = page.locator(f"section#{section} form.blocklist__add")
    for label, value in fields.items():
        box = form.get_by_label(label, exact=True)
        if box.evaluate("el => el.tagName") == "SELECT":
            box.select_option(value)
        else:
            box.fill(value)
            box.press("Escape")  # close the tag suggestions, if any
    form.get_by_role("button").click()
    page.wait_for_load_state()
    assert "Rule added." in body_text(page), body_text(page)[:500]


def test_three_rules_and_an_allow_list(new_page, shelf) -> None:
    page = new_page(DESKTOP, bypass_csp=True)
    log_in(page, "reader")
    page.goto("/account/preferences")
    page.get_by_role("link", name="Blocklist").first.click()
    page.wait_for_url("**/account/blocklist")

    _add(page, "tag", {"Tag": "Slow Burn", "Unless the work also has": "Found Family"})
    _add(page, "words", {"Words": "zombie"})
    _add(page, "word_count", {"To (words)": "50"})
    _add(page, "allow_creator", {"Creator to always show": "Kind Pen"})
    text = body_text(page)
    assert "“Slow Burn” unless also “Found Family”" in text and "50 words or fewer" in text
    assert "You have 4 rules" in text
    assert_fits(page)
    _shot(page, "blocklist-desktop")

    page.goto("/works/")
    assert _titles(page) == {"Slow Burn Family", "Zombie Friends", "Plain Long One", "Plain Long Two"}
    text = body_text(page)
    assert "4 Works" in text  # the heading counts what the reader sees
    assert "Your blocklist hid 3 works here." in text
    assert_fits(page)
    _shot(page, "listing-desktop")

    page.get_by_role("link", name="Show them this time").click()
    page.wait_for_url("**show_blocked=1")
    assert len(_titles(page)) == 7
    assert "Showing 3 works your blocklist would hide." in body_text(page)
    page.get_by_role("link", name="Hide them again").click()
    page.wait_for_load_state()
    assert len(_titles(page)) == 4

    phone = new_page(PHONE, bypass_csp=True)
    log_in(phone, "reader")
    for path, name in (("/account/blocklist", "blocklist-phone"), ("/works/", "listing-phone")):
        phone.goto(path)
        assert_fits(phone)
        _shot(phone, name)
