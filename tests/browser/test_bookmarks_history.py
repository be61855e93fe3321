"""Bookmarks, history and muting in headless Chromium: a reader bookmarks a work and finds it on their bookmarks
page; reads into chapter 2, leaves, and "continue reading" brings them back to the paragraph; mutes a commenter
and the comment vanishes. The new pages pass axe at desktop and phone widths."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from django.core.cache import cache

from scriptorium.interactions.inputs import BookmarkInput, CommentInput
from scriptorium.interactions.models import Bookmark, Reading
from scriptorium.interactions.services import bookmark_create, comment_create, later_mark, mute_add
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, body_text, log_in
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)

#: Set SCRIPTORIUM_SCREENSHOTS to a directory to keep a screenshot of every page checked.
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")
LONG_CHAPTER = "\n\n".join(
    f"Paragraph {n}. The lamplighter walked the length of the quay again, counting the boats that had not "
    f"come home, and the gulls counted with him."
    for n in range(1, 61)
)


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    cache.clear()


def _wait_for(check, what: str) -> None:
    """Wait (up to 10 s) for something the browser does in the background, such as a beacon, to land."""
    for _ in range(100):
        if check():
            return
        time.sleep(0.1)
    pytest.fail(f"Never happened: {what}")


def test_bookmark_continue_reading_and_mute(new_page) -> None:
    writer, reader, loud = (UserFactory(username=n) for n in ("lamplighter", "quayreader", "loudvoice"))
    work = make_work(
        creator=writer,
        title="The Harbour Count",
        chapters=["Dusk falls on the quay.", LONG_CHAPTER],
        expected_chapters=2,
    )
    second = work.chapters.get(position=2)
    comment_create(actor=loud, chapter=second, data=CommentInput("Too many gulls in this, frankly."))
    page = new_page()
    log_in(page, reader.username)

    # Bookmark the work, and find it on my bookmarks page.
    page.goto(f"/works/{work.pk}")
    page.get_by_role("link", name="Bookmark", exact=True).click()
    page.get_by_label("Notes").fill("The gulls counting along: perfect.")
    page.get_by_label("Your tags").fill("harbours, quiet")
    page.get_by_label("Recommend it (rec)").check()
    page.get_by_role("button", name="Save bookmark").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/users/{reader.username}/bookmarks")
    text = body_text(page)
    assert "Bookmark saved." in text and "The Harbour Count" in text and "The gulls counting along" in text
    assert Bookmark.objects.get().rec

    # Read chapter 2 down to paragraph 40, leave, and come back through "continue reading".
    page.goto(f"/works/{work.pk}/chapters/{second.pk}")
    page.locator("#p-40").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('p-40').scrollIntoView({block: 'start'})")
    page.goto("/")  # leaving the chapter: the script posts where the reader was
    _wait_for(lambda: Reading.objects.filter(user=reader, paragraph__gte=38).exists(), "the reading position saved")
    stopped = Reading.objects.get(user=reader).paragraph
    page.goto(f"/works/{work.pk}")  # the work's first chapter
    link = page.get_by_role("link", name=re.compile("Continue reading"))
    assert f"Chapter 2, paragraph {stopped}" in link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/chapters/{second.pk}#p-{stopped}")
    target = page.locator(f"#p-{stopped}")
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None and -5 <= box["y"] < PHONE["height"]  # on screen, not at the top of the chapter
    assert page.locator("#p-1").bounding_box()["y"] < 0

    # The history page knows it too.
    page.goto("/account/history")
    assert "The Harbour Count" in body_text(page) and "Chapter 2" in body_text(page)

    # Mute the loud commenter from their profile: their comment vanishes for me.
    assert "Too many gulls" in page.goto(f"/works/{work.pk}/chapters/{second.pk}").text()
    page.goto(f"/users/{loud.username}/")
    page.get_by_role("button", name=f"Mute {loud.username}").click()
    page.wait_for_load_state()
    assert f"{loud.username} is muted." in body_text(page)
    page.goto(f"/works/{work.pk}/chapters/{second.pk}")
    assert "Too many gulls" not in body_text(page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_new_pages_pass_axe(new_page, viewport) -> None:
    writer, reader, other = (UserFactory(username=n) for n in ("inkwell", "pagefinder", "noisyneighbour"))
    work = make_work(
        creator=writer,
        title="Lanterns Over Water",
        chapters=["One.", "Two."],
        expected_chapters=2,
        additional_tags=("Found Family",),
    )
    also = make_work(creator=writer, title="Gone Quiet")
    fresh = make_work(creator=writer, title="Not Yet Saved")
    bookmark_create(
        actor=reader, work=work, data=BookmarkInput(notes="Lovely <em>lanterns</em>.", tags="cosy, rain", rec=True)
    )
    bookmark_create(actor=reader, work=also, data=BookmarkInput(notes="Private thought.", private=True))
    later_mark(actor=reader, work=also)
    mute_add(actor=reader, username=other.username)
    page = new_page(viewport, bypass_csp=True)
    log_in(page, reader.username)
    page.goto(f"/works/{work.pk}")
    pages = {
        "work": f"/works/{work.pk}",
        "bookmarks": f"/users/{reader.username}/bookmarks",
        "bookmark-form": f"/works/{fresh.pk}/bookmark",
        "edit": f"/bookmarks/{Bookmark.objects.get(work=work).pk}/edit",
        "external": "/bookmarks/external/new",
        "history": "/account/history",
        "later": "/account/marked-for-later",
        "blocked": "/account/blocked",
        "muted": "/account/muted",
        "profile": f"/users/{writer.username}/",
        "work-bookmarks": f"/works/{work.pk}/bookmarks",
    }
    problems = {}
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, url
        found = axe_violations(page)
        if found:
            problems[name] = found
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SHOTS}/{name}-{viewport['width']}.png", full_page=True)
    assert problems == {}
    # A phone keeps everything inside the screen's width.
    page.goto(f"/users/{reader.username}/bookmarks")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
