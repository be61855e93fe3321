"""Notifications in headless Chromium: a reader comments on chapter 2, the writer replies, and the reader sees it
in the header and the inbox and marks it read. The inbox, subscriptions and statistics pages pass axe at desktop
and phone widths (screenshots of each are kept in the test's temporary directory)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, log_in
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _quiet(settings) -> None:
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": "scriptorium.interactions.spam.SpamCheck"}
    cache.clear()


def _inbox_link(page):
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile("^Inbox"))


def test_a_reply_reaches_the_commenter_who_reads_and_marks_it(new_page) -> None:
    writer, reader = UserFactory(username="harbourkeeper"), UserFactory(username="nightreader")
    work = make_work(creator=writer, title="The Slow Count", chapters=["Lights, one by one.", "By morning, boats."])
    second = work.chapters.get(position=2)

    commenter = new_page()
    log_in(commenter, reader.username)
    commenter.goto(f"/works/{work.pk}/chapters/{second.pk}")
    commenter.get_by_label("Comment on Chapter 2").fill("Is the last boat ever found?")
    commenter.get_by_role("button", name="Post comment").click()
    commenter.wait_for_load_state()
    assert _inbox_link(commenter).inner_text().strip() == "Inbox"  # nothing unread yet

    author = new_page()
    log_in(author, writer.username)
    assert _inbox_link(author).inner_text().split() == ["Inbox", "1", "unread"]
    _inbox_link(author).click()
    author.get_by_role("link", name="nightreader commented on Chapter 2 of “The Slow Count”.").click()
    author.wait_for_load_state()
    author.get_by_role("link", name="Reply to nightreader").click()
    author.wait_for_load_state()
    author.get_by_label("Your reply to nightreader").fill("Not yet. Chapter 3 knows.")
    author.get_by_role("button", name="Post reply").click()
    author.wait_for_load_state()

    commenter.goto("/")
    assert _inbox_link(commenter).inner_text().split() == ["Inbox", "1", "unread"]
    _inbox_link(commenter).click()
    commenter.wait_for_load_state()
    item = commenter.locator(".inbox__item").first
    assert "harbourkeeper replied to your comment on Chapter 2 of “The Slow Count”." in item.inner_text()
    assert "Not yet. Chapter 3 knows." in item.inner_text()
    assert "Unread" in item.inner_text()
    item.get_by_role("button", name=re.compile("^Mark as read")).click()
    commenter.wait_for_load_state()
    assert "Marked as read." in commenter.locator("body").inner_text()
    assert "Unread" not in commenter.locator(".inbox__item").first.inner_text()
    assert _inbox_link(commenter).inner_text().strip() == "Inbox"
    commenter.get_by_role("link", name=re.compile("harbourkeeper replied")).click()
    commenter.wait_for_load_state()
    assert f"/chapters/{second.pk}" in commenter.url
    assert commenter.get_by_text("Not yet. Chapter 3 knows.").is_visible()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_inbox_subscriptions_and_statistics_pass_axe(new_page, viewport, tmp_path: Path) -> None:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.interactions.inputs import CommentInput
    from scriptorium.interactions.services import comment_create, hits, kudos_give
    from scriptorium.notifications.services import subscription_create

    writer, reader = UserFactory(username="lampwriter"), UserFactory(username="lampreader")
    work = make_work(
        creator=writer,
        title="Lantern Keepers of the Long Northern Harbour",
        chapters=["First night.", "Second night."],
        series_title="Lanterns",
    )
    for n in range(4):
        kudos_give(actor=AnonymousUser(), work=work, guest_key=f"{n:064d}")
        hits.hits_record(work_id=work.pk, reader=f"g{n}")
    kudos_give(actor=reader, work=work)
    comment_create(
        actor=reader,
        chapter=work.chapters.get(position=2),
        data=CommentInput("The second night, when the lamps went out one after another, was the best. " * 3),
    )
    hits.hits_flush()
    subscription_create(actor=reader, kind="creator", target_id=writer.pk)
    subscription_create(actor=reader, kind="series", target_id=work.series_parts.get().series_id)
    make_work(creator=writer, title="A second lantern", series_title="Lanterns")

    pages = {
        writer.username: ["/account/notifications", "/account/stats", f"/account/stats/works/{work.pk}"],
        reader.username: [
            "/account/notifications",
            "/account/subscriptions",
            f"/works/{work.pk}",
            "/users/lampwriter/",
            f"/series/{work.series_parts.get().series_id}",
            "/tags/Original Work",
        ],
    }
    width = viewport["width"]
    for username, paths in pages.items():
        page = new_page(viewport, bypass_csp=True)
        log_in(page, username)
        for path in paths:
            page.goto(path)
            assert page.locator("h1").count() == 1, path
            assert axe_violations(page) == [], path
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways at {width}px"
            name = path.strip("/").replace("/", "-").replace(" ", "-")
            page.screenshot(path=str(tmp_path / f"{username}-{name}-{width}.png"), full_page=True)
