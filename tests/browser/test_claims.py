"""A claim through real email in real Chromium (issue 15): works archived on their author's behalf (credited to an
external creator with an address), the archivist sends the claim invitation from their page, the message arrives
on the loopback SMTP server, the author opens its link as a guest, signs up, comes back to the claim page, accepts,
and the works' pages now credit the author's pseud (no "archived by"). The claim page passes axe-core and fits a
phone; both pages are screenshot at 1280 and 390 px when SCRIPTORIUM_SCREENSHOTS names a folder."""

from __future__ import annotations

import os
import re

import pytest

from scriptorium.accounts.models import User
from scriptorium.works.external import external_creator_get_or_create, work_external_creators_set
from tests.browser.conftest import DESKTOP, PHONE, assert_fits, body_text, log_in
from tests.factories import UserFactory, make_work
from tests.smtp import link, text_part

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = "fennel@example.org"
PASSWORD = "a tide table for the north pier"
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")


def _shot(page, name: str, viewport: dict[str, int]) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/claims-{name}-{viewport['width']}.png", full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_author_claims_their_archived_works_through_the_emailed_link(
    new_page, live_server, smtp_server, settings, viewport
) -> None:
    settings.SCRIPTORIUM_BASE_URL = live_server.url
    archivist = UserFactory(username="keeper_kit")
    author = external_creator_get_or_create(archivist=archivist, name="Fennel Marsh", email=ADDRESS, source="test")
    works = [make_work(creator=archivist, title=title) for title in ("Harbour Lights", "The Ferryman's Almanac")]
    for work in works:
        work_external_creators_set(work=work, external_creators=[author])

    # The archivist invites the author from their page.
    keeper = new_page(viewport, bypass_csp=True)
    log_in(keeper, "keeper_kit")
    keeper.goto("/account/archived-creators")
    assert_fits(keeper)
    _shot(keeper, "archived-creators", viewport)
    keeper.get_by_label("Fennel Marsh").check()
    keeper.get_by_role("button", name="Send claim invitations to the selected creators").click()
    keeper.wait_for_load_state()
    assert "1 claim invitation sent." in body_text(keeper)
    assert "invited, no answer yet" in body_text(keeper).lower()  # a pill, in capitals

    # The email lists the works and carries the link.
    message = smtp_server.wait_for(ADDRESS, "Works archived under your name")
    assert "Harbour Lights" in text_part(message) and "The Ferryman's Almanac" in text_part(message)
    claim_url = link(message, "/claims/")

    # The author opens it as a guest: the works, and "sign up or log in".
    reader = new_page(viewport, bypass_csp=True)
    reader.goto(claim_url)
    assert reader.get_by_role("heading", level=1).inner_text() == "Works archived under the name “Fennel Marsh”"
    assert reader.get_by_role("link", name="Harbour Lights").is_visible()
    assert_fits(reader)
    _shot(reader, "claim-guest", viewport)
    reader.get_by_role("link", name="Sign up to claim them").click()
    reader.wait_for_load_state()
    reader.get_by_label("Username").fill("fennel")
    reader.get_by_label("Email").fill(ADDRESS)
    reader.get_by_label("Password", exact=True).fill(PASSWORD)
    reader.get_by_label("Password again").fill(PASSWORD)
    reader.get_by_role("button", name="Create account").click()
    reader.wait_for_load_state()

    # Back on the claim page, signed in: pick the pseud and accept.
    assert "/claims/" in reader.url
    assert reader.get_by_label("Credit them to").input_value() == str(
        User.objects.get(username="fennel").default_pseud.pk
    )
    assert_fits(reader)
    _shot(reader, "claim-signed-in", viewport)
    reader.get_by_role("button", name="These are mine: add them to my account").click()
    reader.wait_for_load_state()
    assert "2 works are now credited to fennel." in body_text(reader)

    # The works now read as the author's.
    for work in works:
        reader.goto(work.get_absolute_url())
        byline = reader.locator("h3.byline").inner_text()
        assert "fennel" in byline
        assert "archived by" not in byline and "Fennel Marsh" not in byline and "keeper_kit" not in byline
    assert "archived by" not in reader.goto(works[0].get_absolute_url()).text()

    # The link is spent; the archivist was told.
    reader.goto(claim_url)
    assert "These works have been claimed" in body_text(reader)
    notice = smtp_server.wait_for(archivist.email, "claimed their works")
    assert re.search(r"credited to fennel \(fennel\)", text_part(notice))
