"""Co-creators by consent in headless Chromium: a writer names a friend as co-creator on the posting form; the
work credits only the writer; the friend logs in, follows the inbox entry to the invitations page and accepts;
then the work page credits both. The invitations and creators pages pass axe at desktop and phone widths."""

from __future__ import annotations

import os
import re

import pytest
from django.core.cache import cache

from tests.browser.conftest import DESKTOP, PHONE, body_text, check_page, log_in
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)

#: Set SCRIPTORIUM_SCREENSHOTS to a directory to keep a screenshot of every page checked.
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")


@pytest.fixture(autouse=True)
def _quiet(settings) -> None:
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": "scriptorium.interactions.spam.SpamCheck"}
    cache.clear()


def _byline(page) -> str:
    return page.locator(".preface .byline").first.inner_text()


def test_an_invited_co_creator_accepts_from_the_inbox_and_is_credited(new_page) -> None:
    UserFactory(username="lamplighter")
    UserFactory(username="ferrywoman")

    writer = new_page()
    log_in(writer, "lamplighter")
    writer.goto("/works/new")
    writer.get_by_label("Title", exact=True).fill("Two Lamps on the Ferry")
    writer.get_by_label("Co-creators").fill("ferrywoman")
    writer.get_by_label("Fandoms").fill("Original Work")
    writer.get_by_label("Rating").select_option("General Audiences")
    writer.get_by_label("No Archive Warnings Apply").check()
    writer.get_by_label("Chapter text").fill("The ferry crossed twice each night, lamps at both ends.")
    writer.get_by_role("button", name="Post", exact=True).click()
    writer.wait_for_load_state()
    work_url = writer.url
    assert "lamplighter" in _byline(writer) and "ferrywoman" not in _byline(writer)

    friend = new_page()
    log_in(friend, "ferrywoman")
    friend.goto("/account/notifications")
    friend.get_by_role("link", name=re.compile("lamplighter invited your pseud ferrywoman")).click()
    friend.wait_for_load_state()
    assert friend.url.split("#")[0].endswith("/account/co-creator-invitations")
    assert "Two Lamps on the Ferry" in body_text(friend)
    friend.get_by_role("button", name=re.compile("^Accept")).click()
    friend.wait_for_load_state()

    assert friend.url == work_url
    byline = _byline(friend)
    assert "lamplighter" in byline and "ferrywoman" in byline
    writer.goto(work_url)
    assert "ferrywoman" in _byline(writer)


def test_the_invitation_and_creators_pages_pass_axe_on_desktop_and_phone(new_page) -> None:
    from scriptorium.works.cocreators import work_creator_invite

    owner = UserFactory(username="harbourmaster")
    invitee = UserFactory(username="netmender")
    work = make_work(creator=owner, title="Nets at Dawn")
    work_creator_invite(actor=owner, work=work, pseud=invitee.default_pseud)
    for who, path in (
        ("netmender", "/account/co-creator-invitations"),
        ("harbourmaster", f"/works/{work.pk}/creators"),
    ):
        for viewport in (DESKTOP, PHONE):
            page = new_page(viewport, bypass_csp=True)
            log_in(page, who)
            check_page(page, path, viewport)
            assert "Nets at Dawn" in body_text(page)
            if SHOTS:
                name = path.strip("/").replace("/", "-")
                page.screenshot(path=f"{SHOTS}/{name}-{viewport['width']}.png", full_page=True)
