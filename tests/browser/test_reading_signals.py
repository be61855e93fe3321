"""Reading signals in headless Chromium: a reader sees reading times, puts a work on their "Reading" shelf from
its page (a plain form) and finds it on the shelf page; after a new chapter the work page, the listing and the
home page say what is new, and the link leads to it. Each page passes axe at desktop and phone widths."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.core.cache import cache

from scriptorium.works.inputs import ChapterInput
from scriptorium.works.services import chapter_add
from tests.browser.conftest import DESKTOP, PHONE, assert_fits, body_text, log_in
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)

#: Set SCRIPTORIUM_SCREENSHOTS to a directory to keep a screenshot of every page checked.
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")
CHAPTER = " ".join(["The ferry rang its bell across the water and the lanterns answered."] * 100)  # 1,200 words


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    cache.clear()


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"signals-{name}.png"), full_page=True)


@pytest.mark.parametrize(("viewport", "label"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_shelf_and_updates_since_you_read(new_page, viewport, label) -> None:
    writer, reader = UserFactory(username=f"ferrywriter{label}"), UserFactory(username=f"ferryreader{label}")
    work = make_work(creator=writer, title="The Lantern Ferry", chapters=[CHAPTER, CHAPTER], expected_chapters=4)
    make_work(creator=writer, title="Another Crossing")
    page = new_page(viewport, bypass_csp=True)
    log_in(page, reader.username)

    page.goto(f"/works/{work.pk}")
    assert re.search(r"Reading time:\s*10 min", body_text(page))  # 2,400 words at 250 a minute
    page.get_by_label("My shelf").select_option("reading")
    page.get_by_role("button", name="Save my shelf").click()
    page.wait_for_load_state()
    assert "Put on your shelf “Reading”." in body_text(page)
    assert page.get_by_label("My shelf").input_value() == "reading"
    assert_fits(page)
    _shot(page, f"work-{label}")

    page.get_by_role("link", name="See the shelf").click()
    page.wait_for_load_state()
    text = body_text(page)
    assert "1 Work on my shelf “Reading”" in text
    assert "The Lantern Ferry" in text and "Another Crossing" not in text
    assert_fits(page)
    _shot(page, f"shelf-{label}")

    chapter_add(actor=writer, work=work, data=ChapterInput(text=CHAPTER))  # the writer posts chapter 3
    page.goto("/works/")
    blurb = page.locator(f"#work-{work.pk}")
    assert re.search(r"Updated since you read:\s*1 new chapter · On your shelf: Reading", blurb.inner_text())
    assert_fits(page)
    _shot(page, f"listing-{label}")

    page.goto("/")
    pick_up = page.locator("section.pick-up")
    assert "The Lantern Ferry" in pick_up.inner_text() and "1 new chapter since you read it" in pick_up.inner_text()
    assert_fits(page)
    _shot(page, f"home-{label}")

    page.goto(f"/works/{work.pk}")
    assert "Updated since you read: 1 new chapter." in body_text(page)
    page.get_by_role("link", name="Read from Chapter 3").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/works/{work.pk}/chapters/{work.chapters.get(position=3).pk}")

    page.goto(f"/works/{work.pk}/navigate")
    assert "1,200 words · 5 min" in body_text(page)
    assert_fits(page)
    _shot(page, f"navigate-{label}")
