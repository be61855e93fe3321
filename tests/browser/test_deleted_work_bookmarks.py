"""A deleted work in headless Chromium: its writer deletes it from the site; a reader who bookmarked it with notes
still finds the bookmark ("This work has been deleted", the title remembered), edits the notes, and finds the
work in their history too; a guest sees the deleted marker and the notes only. The pages pass axe and do not
scroll sideways on a phone (issue 14, finding 6)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.cache import cache

from scriptorium.interactions.inputs import BookmarkInput
from scriptorium.interactions.models import Bookmark
from scriptorium.interactions.services import bookmark_create, reading_record
from tests.browser.conftest import DESKTOP, PHONE, body_text, check_page, log_in
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)

#: Set SCRIPTORIUM_SCREENSHOTS to a directory to keep a screenshot of every page checked.
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    cache.clear()


def _shot(page, name: str, viewport: dict[str, int]) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}-{viewport['width']}.png", full_page=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_readers_bookmark_outlives_the_work(new_page, viewport) -> None:
    writer, reader = UserFactory(username="tidewriter"), UserFactory(username="shorereader")
    work = make_work(creator=writer, title="The Last Ferry Home", fandoms=("Harbour Town Chronicles",))
    kept = make_work(creator=writer, title="Morning on the Quay")
    bookmark_create(
        actor=reader,
        work=work,
        data=BookmarkInput(notes="The fog chapter is the best thing I read this year.", tags="fog, ferries", rec=True),
    )
    bookmark_create(actor=reader, work=kept, data=BookmarkInput(notes="Gentle."))
    reading_record(user_id=reader.pk, work_id=work.pk, chapter_id=work.chapters.get().pk)

    writer_page = new_page(viewport)
    log_in(writer_page, writer.username)
    writer_page.goto(f"/works/{work.pk}/delete")
    writer_page.get_by_role("button", name="Yes, delete the work").click()
    writer_page.wait_for_load_state()
    assert "is deleted" in body_text(writer_page)

    page = new_page(viewport, bypass_csp=True)
    log_in(page, reader.username)
    check_page(page, f"/users/{reader.username}/bookmarks", viewport)
    text = body_text(page)
    assert "This work has been deleted" in text and "The Last Ferry Home" in text
    assert "The fog chapter is the best thing I read this year." in text and "Morning on the Quay" in text
    _shot(page, "bookmarks-deleted-work", viewport)

    bookmark = Bookmark.objects.get(work__isnull=True)
    page.locator(f"#bookmark-{bookmark.pk}").get_by_role("link", name="Edit this bookmark").click()
    page.get_by_label("Notes").fill("Gone now, but I still think about the fog chapter.")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_load_state()
    assert "Gone now, but I still think about the fog chapter." in body_text(page)

    check_page(page, "/account/history", viewport)
    assert "This work has been deleted" in body_text(page) and "The Last Ferry Home" in body_text(page)
    _shot(page, "history-deleted-work", viewport)

    guest = new_page(viewport, bypass_csp=True)
    check_page(guest, f"/users/{reader.username}/bookmarks", viewport)
    seen = body_text(guest)
    assert "This work has been deleted" in seen and "Gone now, but I still think about the fog chapter." in seen
    assert "The Last Ferry Home" not in seen
    _shot(guest, "bookmarks-deleted-work-guest", viewport)
