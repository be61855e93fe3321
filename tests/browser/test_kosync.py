"""Browser test for the KOReader sync key (issue 17): an account opens "Reading sync" from its account menu, makes
a key, sees it once with the server address to type into KOReader, and the key signs KOReader's requests in until
it is removed. The page passes axe and does not scroll sideways on a phone."""

from __future__ import annotations

import hashlib
import os

import pytest

from tests.browser.conftest import DESKTOP, PHONE, assert_fits, body_text, log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_account_makes_and_removes_its_sync_key(new_page, viewport) -> None:
    UserFactory(username="ereader_fan")
    page = new_page(viewport, bypass_csp=True)
    log_in(page, "ereader_fan")
    page.goto("/account/export")
    page.get_by_role("link", name="Reading sync").click()
    page.wait_for_load_state()
    assert page.url.endswith("/account/kosync")
    assert "You have no sync key yet." in body_text(page)
    assert_fits(page)

    page.get_by_role("button", name="Make a sync key").click()
    page.wait_for_load_state()
    key = page.get_by_role("textbox", name="Sync key").input_value()
    assert len(key) == 19 and "shown this once" in body_text(page)
    assert "/kosync" in body_text(page)
    assert_fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/kosync-key-{viewport['width']}.png", full_page=True)

    headers = {
        "Accept": "application/vnd.koreader.v1+json",
        "x-auth-user": "ereader_fan",
        "x-auth-key": hashlib.md5(key.encode(), usedforsecurity=False).hexdigest(),
    }
    assert page.request.get("/kosync/users/auth", headers=headers).status == 200
    page.get_by_role("button", name="Remove the key").click()
    page.wait_for_load_state()
    assert "is removed" in body_text(page)
    assert page.request.get("/kosync/users/auth", headers=headers).status == 401
