"""Browser test for the spam defences (issue 14): a writer posts a work that is nothing but links from the posting
form, without JavaScript; the archive holds it for review, says so on posting and on the work page, and a guest
gets 'not found'. A bookmark of links is kept private and its owner told. The pages pass axe and do not scroll
sideways on a phone."""

from __future__ import annotations

import os

import pytest
from django.test import Client

from scriptorium.works.models import Work
from tests.browser.conftest import DESKTOP, PHONE, assert_fits, body_text
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)

LINK_FARM = "Cheap essays " + " ".join(f"https://essays{n}.example.com" for n in range(6))
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")


def _logged_in(new_page, live_server, user, viewport):
    client = Client()
    client.force_login(user)
    page = new_page(viewport, bypass_csp=True)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_link_farm_is_held_for_review_and_its_writer_told(new_page, live_server, viewport) -> None:
    writer = UserFactory(username="essay_seller")
    page = _logged_in(new_page, live_server, writer, viewport)
    page.goto("/works/new")
    page.locator("#id_title").fill("Essays for sale")
    page.locator("[name=fandoms]").fill("Original Work")
    page.locator("[name=rating]").select_option("General Audiences")
    page.locator("[name=warnings][value='No Archive Warnings Apply']").check()
    page.locator("textarea[name=text]").fill(LINK_FARM)
    page.locator("button[name=action][value=post]").click()
    page.wait_for_load_state()

    text = body_text(page)
    assert "“Essays for sale” is posted, but the archive’s spam check held the work for review" in text
    assert "Waiting for review." in text and "more than 3 links" in text
    assert_fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/held-work-{viewport['width']}.png", full_page=True)
    work = Work.objects.get()
    guest = new_page(viewport)
    assert guest.goto(f"/works/{work.pk}").status == 404


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_bookmark_of_links_is_kept_private_and_its_owner_told(new_page, live_server, viewport) -> None:
    work = make_work(creator=UserFactory())
    reader = UserFactory(username="link_dropper")
    page = _logged_in(new_page, live_server, reader, viewport)
    page.goto(f"/works/{work.pk}/bookmark")
    page.locator("textarea[name=notes]").fill(LINK_FARM)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()

    assert "saved as private: only you can see it" in body_text(page)
    assert_fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/held-bookmark-{viewport['width']}.png", full_page=True)
