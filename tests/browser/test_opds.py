"""Browser test for the OPDS catalogs (issue 17): a reader finds the address of their personal e-reader catalog on
the private feeds page (which passes axe and fits a phone), and that address is a catalog listing their works."""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, log_in
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_reader_finds_their_catalog_address(new_page, live_server, viewport) -> None:
    make_work(title="Members Lantern", restricted=True)
    UserFactory(username="lamplighter")
    page = new_page(viewport, bypass_csp=True)
    log_in(page, "lamplighter")
    page.goto("/account/feeds")
    page.get_by_role("button", name="Make my feed addresses").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/opds-private-{viewport['width']}.png", full_page=True)
    address = page.get_by_label("OPDS 1.2 (most apps)").input_value()
    assert address.startswith(f"{live_server.url}/opds/personal/")
    assert (
        page.get_by_label("OPDS 2.0 (apps that read it, such as Thorium)")
        .input_value()
        .startswith(f"{live_server.url}/opds/v2/personal/")
    )
    catalog = page.request.get(address.rstrip("/") + "/works")
    assert catalog.headers["content-type"].startswith("application/atom+xml;profile=opds-catalog;kind=acquisition")
    assert b"Members Lantern" in catalog.body()  # restricted: the account's own catalog has it
    assert b"Members Lantern" not in page.request.get(f"{live_server.url}/opds/works").body()
