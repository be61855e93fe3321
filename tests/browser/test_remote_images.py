"""Remote images in headless Chromium (issue 14, finding 5): a chapter and a guest's comment carry tracking
pixels and a fake site notice; by default the browser asks the other site for nothing, the images show as links
with their alt text and the notice as plain text; with SCRIPTORIUM_REMOTE_IMAGES on, the browser fetches them.
The page passes axe and does not scroll sideways on a phone."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from scriptorium.interactions.inputs import CommentInput
from scriptorium.interactions.models import Comment
from scriptorium.interactions.services import comment_approve, comment_create
from tests.browser.conftest import DESKTOP, PHONE, body_text, check_page
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)

#: Set SCRIPTORIUM_SCREENSHOTS to a directory to keep a screenshot of every page checked.
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")
GIF = base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")
CHAPTER = (
    '<p class="messages error">Your session has expired. <a class="button" href="/accounts/login">Log in again</a></p>'
    "<p>The ferry left at dawn, as it always did.</p>"
    '<p class="align-center"><img src="https://pics.example/coast.png" alt="A map of the coast road"></p>'
    '<p>She folded the map away.<img src="https://tracker.example/chapter.gif" width="1" height="1"></p>'
)


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    cache.clear()


def _shot(page, name: str, viewport: dict[str, int]) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}-{viewport['width']}.png", full_page=True)


def _work_with_pixels():
    writer = UserFactory(username="ferrywriter")
    work = make_work(creator=writer, title="The Dawn Ferry", chapters=[CHAPTER])
    comment_create(
        actor=AnonymousUser(),
        chapter=work.chapters.get(),
        data=CommentInput(
            text='<p>Loved it!<img src="https://tracker.example/comment.gif">',
            guest_name="Passing Reader",
            guest_email="reader@example.org",
        ),
    )
    comment_approve(actor=writer, comment=Comment.objects.get())
    return work


def _watch(page) -> list[str]:
    """Answer every request to the other sites with a tiny image, and remember it."""
    asked: list[str] = []

    def answer(route) -> None:
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="image/gif", body=GIF)

    page.route("https://*.example/**", answer)
    return asked


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_reader_fetches_nothing_from_elsewhere_unless_the_operator_allows_it(new_page, viewport, settings) -> None:
    work = _work_with_pixels()
    page = new_page(viewport, bypass_csp=True)  # axe is injected; the HTML itself must not ask for the images
    asked = _watch(page)

    check_page(page, f"/works/{work.pk}", viewport)
    _shot(page, "remote-images-off", viewport)
    text = body_text(page)
    assert asked == []
    assert "[Image: A map of the coast road]" in text and "[Image from tracker.example]" in text
    assert page.get_by_role("link", name="[Image: A map of the coast road]").get_attribute("href") == (
        "https://pics.example/coast.png"
    )
    notice = page.get_by_text("Your session has expired.")
    assert notice.evaluate("element => element.className") == ""
    inside = ".chapter .userstuff.module .messages, .chapter .userstuff.module .button, .comment .messages"
    assert page.locator(inside).count() == 0

    settings.SCRIPTORIUM_REMOTE_IMAGES = True
    page.goto(f"/works/{work.pk}")
    page.wait_for_load_state("networkidle")
    assert sorted(asked) == [
        "https://pics.example/coast.png",
        "https://tracker.example/chapter.gif",
        "https://tracker.example/comment.gif",
    ]
