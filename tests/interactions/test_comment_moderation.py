"""Moderation, edits and deletions: held comments, approval, frozen threads, placeholders, comment settings."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.interactions.inputs import CommentInput
from scriptorium.interactions.models import Comment
from scriptorium.interactions.services import comment_create, comment_delete, thread_freeze
from scriptorium.works.models import Work
from tests.factories import UserFactory
from tests.interactions.test_comments import GUEST, _comment, _count, _post, _url

pytestmark = pytest.mark.django_db


def test_a_frozen_thread_takes_no_replies(client, chaptered, user, other_user) -> None:
    top = _comment(chaptered, other_user)
    reply = _comment(chaptered, user, "Reply one.", parent=top)
    client.force_login(user)
    client.post(f"/comments/{reply.pk}/freeze", {"frozen": "1"})  # freezing from any comment freezes the thread
    top.refresh_from_db()
    assert top.frozen
    client.force_login(other_user)

    response = _post(client, chaptered, "Another reply.", parent=reply.pk)

    assertContains(response, "This thread is frozen", status_code=400)
    page = client.get(_url(chaptered))
    assertContains(page, "Thread frozen")
    assertNotContains(page, f"?reply_to={top.pk}")
    thread_freeze(actor=user, comment=top, frozen=False)
    assert _post(client, chaptered, "Now it works.", parent=reply.pk).status_code == 302


def test_only_creators_freeze_threads(client, chaptered, other_user) -> None:
    top = _comment(chaptered, other_user)
    client.force_login(other_user)

    assert client.post(f"/comments/{top.pk}/freeze").status_code == 403
    top.refresh_from_db()
    assert not top.frozen


def test_moderated_comments_wait_for_the_creator(client, work, user, other_user) -> None:
    Work.objects.filter(pk=work.pk).update(moderate_comments=True)
    client.force_login(other_user)

    response = _post(client, work, "Please approve me.")

    comment = Comment.objects.get()
    assert comment.is_held and _count(work) == 0
    assertContains(client.get(response["Location"]), "It will appear once the creator approves it.")
    assertContains(client.get(f"/works/{work.pk}"), "only you can see it for now")  # the author sees it
    client.logout()
    assertNotContains(client.get(f"/works/{work.pk}"), "Please approve me.")
    assert client.get(f"/comments/{comment.pk}").status_code == 404
    client.force_login(user)
    creator_page = client.get(f"/works/{work.pk}")
    assertContains(creator_page, "1 comment awaits your approval")
    assertContains(creator_page, f'action="/comments/{comment.pk}/approve"')

    client.post(f"/comments/{comment.pk}/approve")

    comment.refresh_from_db()
    assert not comment.is_held and _count(work) == 1
    client.logout()
    assertContains(client.get(f"/works/{work.pk}"), "Please approve me.")


def test_the_creators_own_comments_are_never_held(client, work, user) -> None:
    Work.objects.filter(pk=work.pk).update(moderate_comments=True)
    client.force_login(user)

    _post(client, work, "A note from the writer: https://example.org and https://example.net")

    assert not Comment.objects.get().is_held
    assert _count(work) == 1


def test_only_creators_approve(client, work, other_user) -> None:
    Work.objects.filter(pk=work.pk).update(moderate_comments=True)
    work.refresh_from_db()
    held = _comment(work, UserFactory())
    client.force_login(other_user)

    assert client.post(f"/comments/{held.pk}/approve").status_code == 404  # held: not shown to them at all
    held.refresh_from_db()
    assert held.is_held


def test_a_held_comment_answers_404_to_everyone_who_cannot_see_it(client, work, user, other_user) -> None:
    """Editing or deleting a held comment one cannot see answers as for a missing comment (a 403 would tell
    that it exists); its author and the work's creators still reach it."""
    Work.objects.filter(pk=work.pk).update(moderate_comments=True)
    work.refresh_from_db()
    author = UserFactory()
    held = _comment(work, author, "Waiting here.")
    assert held.is_held
    client.force_login(other_user)
    for path in (f"/comments/{held.pk}/edit", f"/comments/{held.pk}/delete", f"/comments/{held.pk}"):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/comments/{held.pk}/edit", {"text": "Changed."}).status_code == 404
    assert client.post(f"/comments/{held.pk}/delete").status_code == 404
    held.refresh_from_db()
    assert held.text == "<p>Waiting here.</p>" and not held.deleted

    client.force_login(author)
    assert client.get(f"/comments/{held.pk}/edit").status_code == 200
    client.force_login(user)  # the work's creator
    assert client.get(f"/comments/{held.pk}/delete").status_code == 200


def test_a_comment_is_edited_and_marked(client, work, other_user) -> None:
    comment = _comment(work, other_user, "Frist!")
    client.force_login(other_user)
    assertContains(client.get(f"/comments/{comment.pk}/edit"), "Frist!")

    response = client.post(f"/comments/{comment.pk}/edit", {"text": "First! <script>x()</script>"})

    assert response["Location"].endswith(f"#comment-{comment.pk}")
    comment.refresh_from_db()
    assert comment.text == "<p>First! </p>" or comment.text == "<p>First!</p>"
    assert comment.edited_at is not None
    assertContains(client.get(f"/works/{work.pk}"), "Edited <time")


def test_an_edit_to_empty_is_refused(client, work, other_user) -> None:
    comment = _comment(work, other_user, "Keep me.")
    client.force_login(other_user)

    response = client.post(f"/comments/{comment.pk}/edit", {"text": ""})

    assertContains(response, "Your comment is empty", status_code=400)
    comment.refresh_from_db()
    assert comment.text == "<p>Keep me.</p>" and comment.edited_at is None


def test_only_the_author_edits(client, work, user, other_user) -> None:
    comment = _comment(work, other_user)
    client.force_login(user)  # even the work's creator

    assert client.post(f"/comments/{comment.pk}/edit", {"text": "Changed."}).status_code == 403
    client.logout()
    assert client.get(f"/comments/{comment.pk}/edit").status_code == 302  # to the login page


def test_a_deleted_comment_leaves_a_placeholder_over_its_replies(client, work, user, other_user) -> None:
    top = _comment(work, other_user, "Delete me.")
    reply = _comment(work, user, "Still readable.", parent=top)
    lonely = _comment(work, other_user, "Nobody answered me.")
    client.force_login(other_user)
    assertContains(client.get(f"/comments/{top.pk}/delete"), "Delete this comment?")

    client.post(f"/comments/{top.pk}/delete")
    client.post(f"/comments/{lonely.pk}/delete")

    top.refresh_from_db()
    assert top.deleted and top.text == ""
    assert _count(work) == 1
    body = client.get(f"/works/{work.pk}").content.decode()
    assert "(Deleted comment)" in body and "Delete me." not in body
    assert "Still readable." in body and f'id="comment-{reply.pk}"' in body
    assert f'id="comment-{lonely.pk}"' not in body  # nothing under it: gone entirely


def test_deleting_twice_is_a_message_not_a_second_decrement(client, work, other_user) -> None:
    comment = _comment(work, other_user)
    client.force_login(other_user)
    client.post(f"/comments/{comment.pk}/delete")

    response = client.post(f"/comments/{comment.pk}/delete")

    assertContains(client.get(response["Location"]), "already been deleted")
    assert _count(work) == 0


def test_creators_delete_comments_on_their_work_others_cannot(client, work, user, other_user) -> None:
    comment = _comment(work, other_user)
    client.force_login(UserFactory())
    assert client.post(f"/comments/{comment.pk}/delete").status_code == 403

    client.force_login(user)
    client.post(f"/comments/{comment.pk}/delete")

    comment.refresh_from_db()
    assert comment.deleted and _count(work) == 0


def test_a_guest_comment_is_deleted_with_its_email(work, user) -> None:
    comment = comment_create(
        actor=AnonymousUser(), chapter=work.chapters.get(), data=CommentInput(text="Hi.", **GUEST), origin="guest-1"
    )

    comment_delete(actor=user, comment=comment)

    comment.refresh_from_db()
    assert comment.guest_email == ""


def test_a_comment_link_leads_to_its_place(client, chaptered, other_user) -> None:
    comment = _comment(chaptered, other_user, position=2)

    response = client.get(f"/comments/{comment.pk}")

    assert response["Location"] == f"{_url(chaptered, 2)}#comment-{comment.pk}"
    Work.objects.filter(pk=chaptered.pk).update(restricted=True)
    assert client.get(f"/comments/{comment.pk}").status_code == 404
    assert client.get("/comments/999999").status_code == 404


def test_comment_settings_are_the_creators_to_change(client, work, user, other_user) -> None:
    client.force_login(other_user)
    assert client.get(f"/works/{work.pk}/comment-settings").status_code == 404

    client.force_login(user)
    page = client.get(f"/works/{work.pk}/comment-settings")
    response = client.post(
        f"/works/{work.pk}/comment-settings", {"comment_permission": "accounts", "moderate_comments": "on"}
    )

    assertContains(page, "Who can comment")
    assert response.status_code == 302
    work.refresh_from_db()
    assert work.comment_permission == "accounts" and work.moderate_comments
    assertContains(client.get(f"/works/{work.pk}"), "Only readers with an account can comment, and new comments")
    bad = client.post(f"/works/{work.pk}/comment-settings", {"comment_permission": "everyone-ish"})
    assert bad.status_code == 400


def test_editing_the_work_keeps_its_counters(writer_client, work, other_user) -> None:
    from scriptorium.works.inputs import WorkInput
    from scriptorium.works.services import work_update

    stale = Work.objects.get(pk=work.pk)  # loaded before the comment
    _comment(work, other_user)

    work_update(
        actor=work.creators.first().user,
        work=stale,
        data=WorkInput(
            title="Renamed",
            rating="General Audiences",
            warnings=("No Archive Warnings Apply",),
            fandoms=("Original Work",),
        ),
    )

    assert _count(work) == 1 and work.title == "Renamed"
