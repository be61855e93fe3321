"""End-to-end journeys in real headless Chromium: what a writer and a reader actually do."""

from __future__ import annotations

import re

import pytest

from scriptorium.works.models import Work
from tests.browser.conftest import PHONE, axe_violations, check_page, log_in

pytestmark = pytest.mark.django_db(transaction=True)

CHAPTER_ONE = "The harbour lights came on one by one, “like a slow count,” Ada said.\n\nNobody argued—nobody ever did."
CHAPTER_TWO = "By morning the boats were back… all but one."


def _sign_up(page, username: str) -> None:
    page.goto("/signup")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.org")
    page.get_by_label("Password", exact=True).fill("a long harbour password")
    page.get_by_label("Password again").fill("a long harbour password")
    page.get_by_role("button", name=re.compile("sign up|create", re.I)).click()
    page.wait_for_load_state()


def _fill_work(page, title: str) -> None:
    page.goto("/works/new")
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Fandoms").fill("Original Work")
    page.get_by_label("Rating").select_option("General Audiences")
    page.get_by_label("No Archive Warnings Apply").check()
    page.get_by_label("Additional tags").fill("Harbour Towns, Found Family")
    page.get_by_label("This work has multiple chapters").check()
    page.get_by_label("Expected number of chapters").fill("2")
    page.get_by_label("Chapter title").fill("Lights")
    page.get_by_label("Chapter text").fill(CHAPTER_ONE)


def test_writer_posts_a_two_chapter_work_and_a_guest_reads_it(new_page) -> None:
    writer = new_page()
    _sign_up(writer, "harbourwriter")
    _fill_work(writer, "The Slow Count")
    writer.get_by_role("button", name="Post", exact=True).click()
    writer.wait_for_url(re.compile(r"/works/\d+$"))
    work_url = writer.url
    assert writer.get_by_role("heading", name="The Slow Count").is_visible()

    writer.get_by_role("link", name="Add chapter").first.click()
    writer.get_by_label("Chapter title").fill("Morning")
    writer.get_by_label("Chapter text").fill(CHAPTER_TWO)
    writer.get_by_role("button", name=re.compile("post|add|save", re.I)).first.click()
    writer.wait_for_load_state()

    work = Work.objects.get(title="The Slow Count")
    assert work.chapter_count == 2 and work.complete

    guest = new_page()
    guest.goto(work_url)
    body = guest.locator("body").inner_text()
    assert "The Slow Count" in body
    assert "harbourwriter" in body
    assert "Original Work" in body
    assert "2/2" in body
    assert "“like a slow count,” Ada said." in body  # curly quotes come through exactly
    assert "Nobody argued—nobody ever did." in body
    guest.get_by_role("link", name=re.compile("next chapter", re.I)).first.click()
    guest.wait_for_load_state()
    assert "By morning the boats were back… all but one." in guest.locator("body").inner_text()

    guest.goto(work_url + "?view_full_work=true")
    full = guest.locator("body").inner_text()
    assert full.index("Nobody argued") < full.index("By morning")


def test_a_draft_stays_hidden_from_a_guest(new_page) -> None:
    writer = new_page()
    _sign_up(writer, "draftwriter")
    _fill_work(writer, "Not Yet")
    writer.get_by_role("button", name=re.compile("save as draft", re.I)).click()
    writer.wait_for_url(re.compile(r"/works/\d+$"))
    draft_url = writer.url
    assert "draft" in writer.locator("body").inner_text().lower()

    guest = new_page()
    response = guest.goto(draft_url)
    assert response is not None and response.status == 404
    assert "Not Yet" not in guest.locator("body").inner_text()
    guest.goto("/works/")
    assert "Not Yet" not in guest.locator("body").inner_text()


def test_adult_notice_then_reading(new_page, user) -> None:
    from tests.factories import make_work

    work = make_work(creator=user, title="Storm Season", rating="Mature")
    guest = new_page()
    guest.goto(f"/works/{work.pk}")
    assert "adult content" in guest.locator("body").inner_text().lower()
    guest.get_by_role("link", name=re.compile("yes, continue", re.I)).click()
    guest.wait_for_load_state()
    assert "The kettle sang twice" in guest.locator("body").inner_text()


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_reader_pages_pass_axe(new_page, user, viewport) -> None:
    from tests.factories import make_work

    work = make_work(
        creator=user,
        title="Lantern Keepers",
        chapters=["First night.", "Second night."],
        expected_chapters=3,
        characters=("Ada",),
        relationships=("Ada & Mira",),
    )
    page = new_page(viewport, bypass_csp=True)
    for path in (
        "/",
        "/works/",
        f"/works/{work.pk}",
        f"/works/{work.pk}?view_full_work=true",
        "/tags/Original Work/works",
        "/login",
        "/signup",
    ):
        check_page(page, path, viewport)


def test_writer_pages_pass_axe(new_page, user, password) -> None:
    from tests.factories import make_work

    work = make_work(creator=user, title="Lantern Keepers")
    page = new_page(bypass_csp=True)
    log_in(page, user.username, password)
    for path in (
        "/works/new",
        f"/works/{work.pk}/edit",
        f"/works/{work.pk}/chapters/new",
        "/works/drafts",
        f"/works/{work.pk}/delete",
        "/account/pseuds",
        "/account/preferences",
    ):
        page.goto(path)
        assert axe_violations(page) == [], path
