"""Browser test for the data export (issue 13, Leaving): an account logs in, asks for its data, the page says it
is ready once the background task ran, the inbox says so too, and the ZIP downloaded through the browser holds
every part. The page passes axe and does not scroll sideways on a phone."""

from __future__ import annotations

import json
import os
import re
import zipfile

import pytest
from django.utils import timezone

from scriptorium.dataexport.models import DataExport
from tests.browser.conftest import DESKTOP, PHONE, assert_fits, body_text, log_in
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_account_prepares_and_downloads_its_data(new_page, live_server, viewport, tmp_path) -> None:
    writer = UserFactory(username="archivist")
    make_work(creator=writer, title="Tide Tables", chapters=["The sea kept its own hours."])
    page = new_page(viewport, bypass_csp=True)
    log_in(page, "archivist")

    page.goto("/account/preferences")
    page.get_by_role("link", name="Your data").click()
    page.wait_for_load_state()
    assert page.url.endswith("/account/export")
    assert_fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/export-empty-{viewport['width']}.png", full_page=True)

    page.get_by_role("button", name="Prepare my data").click()
    page.wait_for_load_state()
    text = body_text(page)
    assert "Ready." in text and re.search(r"download until \d{1,2} \w+ \d{4}", text)
    assert_fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/export-ready-{viewport['width']}.png", full_page=True)

    with page.expect_download() as info:
        page.get_by_role("link", name="Download my data").click()
    download = info.value
    assert re.fullmatch(r"archivist-data-\d{4}-\d{2}-\d{2}\.zip", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as zipped:
        assert zipped.testzip() is None
        names = zipped.namelist()
        assert json.loads(zipped.read("profile.json"))["username"] == "archivist"
        for part in ("README.txt", "pseuds.json", "bookmarks.json", "comments.json", "kudos.json", "history.json"):
            assert part in names
        assert any(re.fullmatch(r"works/\d+-tide-tables/tide-tables\.epub", name) for name in names)

    page.goto("/account/notifications")
    assert "Your data export is ready to download until" in body_text(page)


@pytest.mark.parametrize("state", ["building", "failed"])
def test_the_waiting_and_failed_states_read_well_on_a_phone(new_page, live_server, state) -> None:
    reader = UserFactory(username="waiting_reader")
    DataExport.objects.create(user=reader, state=state, attempts=1, started_at=timezone.now())
    page = new_page(PHONE, bypass_csp=True)
    log_in(page, "waiting_reader")
    page.goto("/account/export")
    text = body_text(page)
    if state == "building":
        assert re.search(r"Being prepared\. Started on \d{1,2} \w+ \d{4}", text) and "reloads by itself" in text
        assert page.get_by_role("button", name="Prepare my data").count() == 0
    else:
        assert "We could not prepare your data." in text
        assert page.get_by_role("button", name="Try again").is_visible()
    assert page.get_by_role("link", name="Download my data").count() == 0
    assert_fits(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/export-{state}-390.png", full_page=True)
