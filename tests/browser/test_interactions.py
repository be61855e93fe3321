"""Readers and writers meet, in headless Chromium: a guest leaves kudos, a reader comments on chapter 2, the writer
replies; the page with kudos and a thread passes axe at desktop and phone widths."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from scriptorium.interactions.models import Comment
from scriptorium.works.models import Work
from tests.browser.conftest import PHONE, axe_violations, body_text, check_page, log_in
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    cache.clear()


def test_guest_kudos_reader_comments_on_chapter_two_writer_replies_and_mutes(new_page) -> None:
    writer, reader = UserFactory(username="harbourkeeper"), UserFactory(username="nightreader")
    work = make_work(
        creator=writer,
        title="The Slow Count",
        chapters=["Lights, one by one.", "By morning, boats."],
        expected_chapters=2,
    )
    second = work.chapters.get(position=2)

    guest = new_page()
    guest.goto(f"/works/{work.pk}")
    guest.get_by_role("button", name="Kudos", exact=True).click()
    guest.wait_for_load_state()
    assert "Thank you for leaving kudos!" in body_text(guest)
    assert "1 guest left kudos on this work!" in body_text(guest)
    assert guest.url.endswith("#kudos")

    commenter = new_page()
    log_in(commenter, reader.username)
    commenter.goto(f"/works/{work.pk}")
    commenter.get_by_role("link", name=re.compile("next chapter", re.I)).first.click()
    commenter.wait_for_load_state()
    commenter.get_by_label("Comment on Chapter 2").fill("The boats coming back got me. Is the last one *ever* found?")
    commenter.get_by_role("button", name="Post comment").click()
    commenter.wait_for_load_state()
    comment = Comment.objects.get()
    assert comment.chapter_id == second.pk
    assert commenter.url.endswith(f"/chapters/{second.pk}#comment-{comment.pk}")
    assert "Your comment was posted." in body_text(commenter)
    assert commenter.locator(f"#comment-{comment.pk}").get_by_text("The boats coming back got me.").is_visible()

    author = new_page()
    log_in(author, writer.username)
    author.goto(f"/works/{work.pk}/chapters/{second.pk}")
    author.get_by_role("link", name="Reply to nightreader").click()
    author.wait_for_load_state()
    author.get_by_label("Your reply to nightreader").fill("Not yet. Chapter 3 knows.")
    author.get_by_role("button", name="Post reply").click()
    author.wait_for_load_state()
    reply = Comment.objects.get(parent=comment)
    thread = author.locator(f"#comment-{comment.pk}")
    assert thread.locator(f"#comment-{reply.pk}").get_by_text("Not yet. Chapter 3 knows.").is_visible()
    assert "creator" in thread.locator(f"#comment-{reply.pk}").inner_text().lower()

    commenter.reload()
    assert "Not yet. Chapter 3 knows." in body_text(commenter)
    work.refresh_from_db()
    assert work.kudos_count == 1 and work.comments_count == 2
    assert "Comments:\n2" in body_text(commenter) or "Comments: 2" in body_text(commenter).replace("\n", " ")

    # The commenter sees the writer's reply in the inbox, with the unread count in the header.
    commenter.goto("/")
    assert commenter.get_by_role("link", name=re.compile(r"Inbox 1 unread")).is_visible()
    commenter.get_by_role("link", name=re.compile(r"Inbox")).click()
    commenter.wait_for_load_state()
    assert "harbourkeeper replied to your comment" in body_text(commenter)

    # The writer mutes an account: its works leave the writer's listings and the total counts without them.
    loud = UserFactory(username="loudposter")
    for number in range(3):
        make_work(creator=loud, title=f"Shouting Match {number}")
    author.goto("/works/")
    assert "4 Works" in body_text(author) or "of 4 works" in body_text(author).lower().replace("\n", " ")
    assert "Shouting Match 0" in body_text(author)
    author.goto("/users/loudposter")
    author.get_by_role("button", name=re.compile("^Mute", re.I)).click()
    author.wait_for_load_state()
    author.goto("/works/")
    listing = body_text(author)
    assert "Shouting Match" not in listing
    assert "The Slow Count" in listing
    assert "1 Work" in listing or "of 1 work" in listing.lower().replace("\n", " ")
    # Everyone else still sees them.
    guest.goto("/works/")
    assert "Shouting Match 0" in body_text(guest)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_the_work_page_with_kudos_and_a_thread_passes_axe(new_page, viewport) -> None:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.interactions.inputs import CommentInput
    from scriptorium.interactions.services import comment_create, comment_delete, kudos_give

    writer, reader = UserFactory(username="lampwriter"), UserFactory(username="lampreader")
    work = make_work(creator=writer, title="Lantern Keepers", chapters=["First night.", "Second night."])
    Work.objects.filter(pk=work.pk).update(moderate_comments=False)
    kudos_give(actor=reader, work=work)
    kudos_give(actor=AnonymousUser(), work=work, guest_key="b" * 64)
    chapter = work.chapters.get(position=1)
    top = comment_create(actor=reader, chapter=chapter, data=CommentInput("A long, <em>lovely</em> first night."))
    reply = comment_create(actor=writer, chapter=chapter, parent=top, data=CommentInput("Thank you!"))
    comment_create(actor=reader, chapter=chapter, parent=reply, data=CommentInput("Deeper still, " * 12 + "end."))
    gone = comment_create(actor=reader, chapter=chapter, parent=top, data=CommentInput("Second thoughts."))
    comment_create(actor=writer, chapter=chapter, parent=gone, data=CommentInput("Under a deleted one."))
    comment_delete(actor=reader, comment=gone)
    comment_create(
        actor=AnonymousUser(),
        chapter=chapter,
        origin="guest",
        data=CommentInput("From a guest.", guest_name="Wanderer", guest_email="w@example.org"),
    )

    page = new_page(viewport, bypass_csp=True)
    log_in(page, reader.username)
    for path in (
        f"/works/{work.pk}",
        f"/works/{work.pk}?reply_to={top.pk}",
        f"/works/{work.pk}?view_full_work=true",
        f"/comments/{top.pk}/edit",
        f"/comments/{top.pk}/delete",
    ):
        check_page(page, path, viewport)
    writer_page = new_page(viewport, bypass_csp=True)
    log_in(writer_page, writer.username)
    for path in (f"/works/{work.pk}", f"/works/{work.pk}/comment-settings"):
        writer_page.goto(path)
        assert axe_violations(writer_page) == [], path
