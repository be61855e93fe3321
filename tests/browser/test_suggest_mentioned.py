"""The posting form's "Also mentioned" chips: characters only talked about, in their own labelled group, accepted
into the characters field like the others, with or without JavaScript."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scriptorium.works.models import Work
from tests.browser.conftest import DESKTOP, PHONE, assert_fits, log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
DUMP = Path(__file__).resolve().parents[2] / "scriptorium" / "suggest" / "evaluation" / "texts" / "01-safehouse.txt"
SHOTS = os.environ.get("SCRIPTORIUM_SHOTS")


def _suggest(page) -> None:
    page.goto("/works/new")
    page.get_by_role("textbox", name="Title", exact=True).fill("The Safehouse")
    page.get_by_label("Chapter text").fill(DUMP.read_text(encoding="utf-8").split("Chapter 1", 1)[1])
    page.get_by_role("button", name="Suggest tags from the text").click()
    page.locator("#suggestions").wait_for()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_mentioned_characters_are_a_group_of_their_own(new_page, viewport) -> None:
    page = new_page(viewport, bypass_csp=True)
    log_in(page, UserFactory().username)
    _suggest(page)
    group = page.locator(".suggestions__group").filter(has=page.get_by_role("heading", name="Also mentioned"))
    main = page.locator(".suggestions__group").filter(has=page.get_by_role("heading", name="Characters", exact=True))
    assert "not on the page" in group.inner_text()
    assert group.locator('[data-chip][data-name="Peggy Carter"]').count() == 1
    assert main.locator('[data-chip][data-name="Peggy Carter"]').count() == 0
    assert main.locator('[data-chip][data-name="Steve Rogers"]').count() == 1
    assert_fits(page)
    if SHOTS:
        page.locator("#suggestions").screenshot(path=f"{SHOTS}/mentioned-{viewport['width']}.png")
    group.locator('[data-chip][data-name="Peggy Carter"]').get_by_role("button", name="Accept").click()
    page.locator("#suggestions").wait_for()
    assert "Peggy Carter" in page.get_by_label("Characters").input_value()
    assert page.locator('[data-chip][data-name="Peggy Carter"]').count() == 0
    assert Work.objects.count() == 0


def test_mentioned_chips_work_without_javascript(browser, live_server) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    log_in(page, UserFactory().username)
    _suggest(page)
    chip = page.locator('[data-chip][data-name="Nick Fury"]')
    chip.get_by_role("button", name="Reject").click()
    page.locator("#suggestions").wait_for()
    assert page.locator('[data-chip][data-name="Nick Fury"]').count() == 0
    assert "Nick Fury" not in page.get_by_label("Characters").input_value()
    context.close()
