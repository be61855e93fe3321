"""A work page costs the same number of queries with 5 comments as with 200, for every kind of reader."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scriptorium.interactions.inputs import CommentInput
from scriptorium.interactions.models import Comment
from scriptorium.interactions.services import comment_create, comment_delete, kudos_give
from scriptorium.works.models import Work
from tests.factories import UserFactory
from tests.interactions.conftest import two_chapters

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _add_comments(work: Work, count: int, authors: list) -> None:
    """``count`` comments on the first chapter: threads, replies, guests, held and deleted ones."""
    chapter = work.chapters.get(position=1)
    made: list[Comment] = list(Comment.objects.filter(chapter=chapter))
    for n in range(count):
        author = authors[n % len(authors)]
        parent = made[n // 2] if made and n % 3 else None
        guest = {"guest_name": f"Guest {n}", "guest_email": f"g{n}@example.org"} if author is None else {}
        comment = comment_create(
            actor=author or AnonymousUser(),
            chapter=chapter,
            parent=parent,
            data=CommentInput(f"Comment {work.pk}-{len(made)} on the harbour.", **guest),
            origin=f"guest-{len(made)}",
        )
        made.append(comment)
    for comment in made[4::10]:  # some with replies under them: placeholders
        comment_delete(actor=work.creators.first().user, comment=comment)
    Work.objects.filter(pk=work.pk).update(moderate_comments=True)
    work.refresh_from_db()
    comment_create(actor=authors[0], chapter=chapter, data=CommentInput(f"Held {len(made)}."))  # held


@pytest.mark.parametrize("viewer", ["guest", "reader", "creator"])
def test_two_hundred_comments_cost_no_more_queries_than_five(client, settings, viewer) -> None:
    settings.SCRIPTORIUM_RATE_LIMITS = {"comment_account": "", "comment_guest": ""}
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": "scriptorium.interactions.spam.SpamCheck"}
    writer = UserFactory()
    readers = [UserFactory() for _ in range(4)]
    authors = [*readers, writer, None]
    few, many = two_chapters(writer), two_chapters(writer)
    for work in (few, many):
        for reader in readers[:2]:
            kudos_give(actor=reader, work=work)
        kudos_give(actor=AnonymousUser(), work=work, guest_key="f" * 64)
    _add_comments(few, 5, authors)
    _add_comments(many, 200, authors)
    if viewer == "reader":
        client.force_login(readers[0])
    elif viewer == "creator":
        client.force_login(writer)
    _queries(client, f"/works/{few.pk}")  # warm up

    with_five = _queries(client, f"/works/{few.pk}")
    with_two_hundred = _queries(client, f"/works/{many.pk}")

    assert with_five == with_two_hundred
    # The work and its preface, kudos, comments; for an account also its own state on the page (bookmark,
    # Marked for Later, mutes, blocks: one query), the history upsert (buffered outside tests), the notifications
    # app's header count and subscription button, and the reader's reading style (comfort); the works' external
    # creators are one prefetch.
    assert with_two_hundred <= 17
    body = client.get(f"/works/{many.pk}").content.decode()
    assert body.count('class="comment') >= 180


def test_reply_forms_and_full_work_view_stay_constant(client, settings) -> None:
    settings.SCRIPTORIUM_RATE_LIMITS = {"comment_account": "", "comment_guest": ""}
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": "scriptorium.interactions.spam.SpamCheck"}
    writer, reader = UserFactory(), UserFactory()
    few, many = two_chapters(writer), two_chapters(writer)
    _add_comments(few, 5, [reader])
    _add_comments(many, 60, [reader])
    top = Comment.objects.filter(work=many, parent__isnull=True, deleted=False).first()
    _queries(client, f"/works/{few.pk}?view_full_work=true")

    assert _queries(client, f"/works/{few.pk}?view_full_work=true") == _queries(
        client, f"/works/{many.pk}?view_full_work=true"
    )
    assert _queries(client, f"/works/{few.pk}?reply_to=1") == _queries(client, f"/works/{many.pk}?reply_to={top.pk}")
