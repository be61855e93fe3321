"""Browser test for personal access tokens (issue 17, REST API): an account opens the page from its account
menu, makes a token, sees it once, and it works against the API until revoked there. The page and the API's
documentation page pass axe and do not scroll sideways on a phone."""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import DESKTOP, PHONE, assert_fits, body_text, log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_account_makes_uses_and_revokes_a_token(new_page, viewport) -> None:
    UserFactory(username="toolmaker")
    page = new_page(viewport, bypass_csp=True)
    log_in(page, "toolmaker")
    page.goto("/account/export")
    page.get_by_role("link", name="API tokens").click()
    page.wait_for_load_state()
    assert page.url.endswith("/account/api-tokens")
    assert_fits(page)

    page.get_by_label("Name").fill("My reading app")
    page.get_by_role("button", name="Make the token").click()
    page.wait_for_load_state()
    secret = page.get_by_label("Token", exact=True).input_value()
    assert secret.startswith("scr_")
    assert "shown this once" in body_text(page)
    assert_fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/api-token-new-{viewport['width']}.png", full_page=True)

    headers = {"Authorization": f"Bearer {secret}"}
    assert page.request.get("/api/v1/works/", headers=headers).status == 200
    page.get_by_role("button", name="Revoke My reading app").click()
    page.wait_for_load_state()
    assert "is revoked" in body_text(page)
    assert page.request.get("/api/v1/works/", headers=headers).status == 401

    page.goto("/api/v1/docs")
    assert_fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/api-docs-{viewport['width']}.png", full_page=True)
