"""Comments: threaded on chapters, by accounts and guests, sanitized; each bad input a clear message, nothing saved."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.interactions.inputs import CommentInput
from scriptorium.interactions.models import Comment
from scriptorium.interactions.services import comment_create, comment_delete
from scriptorium.works.models import Work
from scriptorium.works.models.work import CommentPermission
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db

GUEST = {"guest_name": "Passing Reader", "guest_email": "reader@example.org"}


def _url(work: Work, position: int = 1) -> str:
    chapter = work.chapters.get(position=position)
    return f"/works/{work.pk}/chapters/{chapter.pk}"


def _post(client, work: Work, text: str, *, position: int = 1, **fields: object):
    return client.post(f"{_url(work, position)}/comments", {"text": text, **fields})


def _count(work: Work) -> int:
    work.refresh_from_db()
    return work.comments_count


def _comment(work: Work, author, text: str = "Lovely.", *, position: int = 1, parent=None) -> Comment:
    return comment_create(
        actor=author, chapter=work.chapters.get(position=position), data=CommentInput(text=text), parent=parent
    )


def test_an_account_comments_on_chapter_two(client, chaptered, other_user) -> None:
    client.force_login(other_user)

    response = _post(client, chaptered, "The second night got me.", position=2)

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_url(chaptered, 2)}#comment-{comment.pk}"
    assert comment.chapter.position == 2 and comment.pseud == other_user.default_pseud
    assert _count(chaptered) == 1
    page = client.get(response["Location"])
    assertContains(page, "Your comment was posted.")
    assertContains(page, "<p>The second night got me.</p>")
    assertContains(page, f'id="comment-{comment.pk}"')
    assertContains(page, "Comments on Chapter 2 (1)")
    assertNotContains(client.get(_url(chaptered, 1)), "The second night got me.")


def test_a_guest_comments_with_a_name_and_the_email_is_never_shown(client, work) -> None:
    response = _post(client, work, "Came from a rec list.", **GUEST)

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.user is None and comment.guest_email == "reader@example.org"
    body = client.get(f"/works/{work.pk}").content.decode()
    assert "Passing Reader" in body and ">Guest</span>" in body
    assert "reader@example.org" not in body


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"guest_name": "", "guest_email": "reader@example.org"}, "Please give a name"),
        ({"guest_name": "Reader", "guest_email": ""}, "Please give your email address"),
        ({"guest_name": "Reader", "guest_email": "not-an-address"}, "look like an email address"),
    ],
)
def test_a_guest_must_give_a_name_and_email(client, work, fields, message) -> None:
    response = _post(client, work, "Hello there.", **fields)

    assert response.status_code == 400
    assertContains(response, message, status_code=400)
    assertContains(response, "Hello there.", status_code=400)  # what was typed is still there
    assert not Comment.objects.exists()


def test_an_empty_comment_is_refused(client, work, other_user) -> None:
    client.force_login(other_user)

    response = _post(client, work, "   \n  ")

    assert response.status_code == 400
    assertContains(response, "Your comment is empty", status_code=400)
    assertContains(response, "Your comment is not posted yet.", status_code=400)
    assert not Comment.objects.exists() and _count(work) == 0


def test_a_comment_over_ten_thousand_characters_is_refused(client, work, other_user) -> None:
    client.force_login(other_user)

    response = _post(client, work, "a" * 10_001)

    assertContains(response, "at most 10,000 characters long; yours has 10,001", status_code=400)
    assert not Comment.objects.exists()


def test_ten_thousand_characters_are_fine_and_line_breaks_count_once(client, work, other_user, settings) -> None:
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": "scriptorium.interactions.spam.SpamCheck"}  # long and repetitive
    client.force_login(other_user)
    text = "ab\r\n" + "x" * 9_997  # 10,000 once the CRLF counts as one character

    response = _post(client, work, text)

    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_a_script_is_stripped_and_the_comment_saved_clean(client, work, other_user) -> None:
    client.force_login(other_user)

    response = _post(
        client,
        work,
        '<p>Great <em>chapter</em>!<script>alert("x")</script></p>'
        '<a href="javascript:alert(1)" onclick="steal()">link</a>',
    )

    assert response.status_code == 302
    text = Comment.objects.get().text
    assert "<script" not in text and "alert" not in text and "onclick" not in text and "javascript:" not in text
    assert "<em>chapter</em>" in text
    page = client.get(f"/works/{work.pk}").content.decode()
    assert "<script>alert" not in page


def test_a_comment_of_nothing_but_a_script_is_refused(client, work, other_user) -> None:
    client.force_login(other_user)

    response = _post(client, work, "<script>alert(1)</script>")

    assertContains(response, "Nothing is left of your comment", status_code=400)
    assert not Comment.objects.exists()


def test_replies_are_threaded_under_their_comment(client, chaptered, user, other_user) -> None:
    top = _comment(chaptered, other_user, "Top comment.")
    client.force_login(user)

    response = _post(client, chaptered, "Thank you!", parent=top.pk)

    reply = Comment.objects.get(parent=top)
    assert response["Location"].endswith(f"#comment-{reply.pk}")
    assert reply.thread == top
    body = client.get(_url(chaptered)).content.decode()
    top_at, reply_at = body.index(f'id="comment-{top.pk}"'), body.index(f'id="comment-{reply.pk}"')
    assert top_at < body.index('<ol class="thread">', top_at) < reply_at  # nested in the top comment's list
    assert ">Creator</span>" in body[reply_at:]


def test_the_reply_form_opens_without_javascript(client, chaptered, other_user) -> None:
    top = _comment(chaptered, other_user, "Top comment.")

    page = client.get(f"{_url(chaptered)}?reply_to={top.pk}")

    assertContains(page, f'id="reply-comment-{top.pk}"')
    assertContains(page, f'<input type="hidden" name="parent" value="{top.pk}">')


def test_a_reply_to_a_deleted_comment_is_refused(client, chaptered, user, other_user) -> None:
    top = _comment(chaptered, other_user)
    comment_delete(actor=other_user, comment=top)
    client.force_login(user)

    response = _post(client, chaptered, "Reply.", parent=top.pk)

    assertContains(response, "has been deleted, so you can’t reply to it", status_code=400)
    assert Comment.objects.count() == 1


def test_a_reply_to_a_hidden_comment_is_refused(client, chaptered, user) -> None:
    Work.objects.filter(pk=chaptered.pk).update(moderate_comments=True)
    chaptered.refresh_from_db()
    held = _comment(chaptered, UserFactory(), "Waiting.")
    assert held.is_held
    reader = UserFactory()
    client.force_login(reader)

    response = _post(client, chaptered, "Reply.", parent=held.pk)

    assertContains(response, "That comment is not available, so you can’t reply to it.", status_code=400)
    client.force_login(user)  # the creator sees it, and is told to approve it first
    response = _post(client, chaptered, "Reply.", parent=held.pk)
    assertContains(response, "hidden until the creator approves it", status_code=400)
    assert Comment.objects.count() == 1


def test_a_reply_to_a_comment_on_another_work_is_refused(client, chaptered, user, other_user) -> None:
    elsewhere = _comment(make_work(creator=user), other_user)
    client.force_login(other_user)

    response = _post(client, chaptered, "Reply.", parent=elsewhere.pk)

    assertContains(response, "not available", status_code=400)
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("logged_in", [False, True])
def test_commenting_where_comments_are_off_is_refused(client, work, logged_in) -> None:
    Work.objects.filter(pk=work.pk).update(comment_permission=CommentPermission.OFF)
    if logged_in:
        client.force_login(UserFactory())

    page = client.get(f"/works/{work.pk}")
    response = _post(client, work, "Hello.", **GUEST)

    assertContains(page, "The creator has turned off comments on this work.")
    assertNotContains(page, 'class="comment-form"')
    assertContains(response, "The creator has turned off comments on this work.", status_code=400)
    assert not Comment.objects.exists()


def test_accounts_only_refuses_guests(client, work) -> None:
    Work.objects.filter(pk=work.pk).update(comment_permission=CommentPermission.ACCOUNTS)

    response = _post(client, work, "Hello.", **GUEST)

    assertContains(response, "Only readers with an account can comment", status_code=400)
    assert not Comment.objects.exists()
    client.force_login(UserFactory())
    assert _post(client, work, "Hello.").status_code == 302


def test_existing_comments_stay_visible_when_comments_are_turned_off(client, work, other_user) -> None:
    _comment(work, other_user, "Said before.")
    Work.objects.filter(pk=work.pk).update(comment_permission=CommentPermission.OFF)

    page = client.get(f"/works/{work.pk}")

    assertContains(page, "Said before.")
    assertNotContains(page, "reply_to=")


@pytest.mark.parametrize("hidden", ["draft", "restricted"])
def test_comments_on_a_hidden_work_are_404(client, user, hidden) -> None:
    work = make_work(creator=user, post=hidden != "draft", restricted=hidden == "restricted")
    if hidden == "draft":
        client.force_login(UserFactory())

    assert _post(client, work, "Hello.", **GUEST).status_code == 404
    assert not Comment.objects.exists()


def test_the_creator_cannot_comment_on_a_draft(client, user) -> None:
    draft = make_work(creator=user, post=False)
    client.force_login(user)

    response = _post(client, draft, "Note to self.")

    assertContains(response, "Comments open once the work is posted.", status_code=400)
    assert not Comment.objects.exists()


def test_comment_get_goes_back_to_the_comments(client, work) -> None:
    response = client.get(f"{_url(work)}/comments")

    assert response.status_code == 302 and response["Location"].endswith("#comments")
