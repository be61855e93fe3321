"""Moderators' actions: each in one transaction with its audit log line; the people concerned are told and may
answer once; something deleted meanwhile gives a clear message and nothing is half-done."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from scriptorium.interactions.inputs import BookmarkInput, CommentInput
from scriptorium.interactions.models import Comment
from scriptorium.interactions.services import bookmark_create, comment_create, kudos_give
from scriptorium.moderation.inputs import ReportInput
from scriptorium.moderation.models import Action, Appeal, Case
from scriptorium.moderation.services import (
    account_moderate,
    appeal_create,
    case_assign,
    case_close,
    case_note_add,
    comment_moderate,
    report_create,
    work_moderate,
)
from scriptorium.notifications.models import Notification, NotificationKind
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.models import Work
from scriptorium.works.services import work_create, work_delete
from tests.factories import make_work
from tests.moderation.helpers import login, reported

pytestmark = pytest.mark.django_db


def _comment_case(reader, work) -> tuple[Comment, Case]:
    comment = comment_create(actor=reader, chapter=work.chapters.first(), data=CommentInput(text="Buy pills here."))
    report = report_create(
        actor=AnonymousUser(),
        kind="comment",
        target_id=comment.pk,
        data=ReportInput(category="spam", email="g@example.org"),
    )
    return comment, report.case


def test_hiding_a_work_tells_every_creator_in_the_inbox_and_by_email(work, moderator, creator, co_creator, committed):
    case = reported(work)
    with committed():
        action = work_moderate(actor=moderator, case_id=case.pk, work_id=work.pk, action="hide", reason="Plagiarism.")
    for user in (creator, co_creator):
        note = Notification.objects.get(recipient=user, kind=NotificationKind.MODERATION)
        assert "hid your work" in note.reason and "Plagiarism." in note.reason
        assert note.link == f"/moderation/decisions/{action.pk}"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([creator.email, co_creator.email])
    assert "Plagiarism." in mail.outbox[0].body


def test_the_creator_sees_the_message_in_the_inbox(client, work, moderator, creator, committed) -> None:
    case = reported(work)
    with committed():
        work_moderate(actor=moderator, case_id=case.pk, work_id=work.pk, action="hide", reason="Plagiarism.")
    login(client, creator)
    inbox = client.get("/account/notifications").content.decode()
    assert "hid your work" in inbox and "/moderation/decisions/" in inbox


def _alone(work, creator, co_creator) -> None:
    """The owner removes the co-creator first: a work others are credited on cannot be deleted."""
    from scriptorium.works.cocreators import work_creator_remove

    work_creator_remove(actor=creator, work=work, pseud_id=co_creator.default_pseud.pk)


def test_an_action_on_a_deleted_work_says_so_and_logs_nothing(work, moderator, creator, co_creator) -> None:
    case = reported(work)
    _alone(work, creator, co_creator)
    work_delete(actor=creator, work=work)
    with pytest.raises(ValidationError, match="This work has been deleted: nothing was done."):
        work_moderate(actor=moderator, case_id=case.pk, work_id=work.pk, action="hide", reason="Spam.")
    assert not Action.objects.exists()


def test_only_moderators_act(work, reader, creator) -> None:
    case = reported(work)
    for actor in (reader, creator, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            work_moderate(actor=actor, case_id=case.pk, work_id=work.pk, action="hide", reason="Spam.")
    assert not Work.objects.get(pk=work.pk).hidden


def test_an_action_needs_a_reason(work, moderator) -> None:
    case = reported(work)
    with pytest.raises(ValidationError, match="Say why"):
        work_moderate(actor=moderator, case_id=case.pk, work_id=work.pk, action="hide", reason="  ")
    assert not Work.objects.get(pk=work.pk).hidden and not Action.objects.exists()


def test_unhiding_a_work_that_is_not_hidden_is_refused(work, moderator) -> None:
    case = reported(work)
    with pytest.raises(ValidationError, match="This work is not hidden."):
        work_moderate(actor=moderator, case_id=case.pk, work_id=work.pk, action="unhide", reason="Fine.")


def test_hiding_a_comment_leaves_a_placeholder_and_can_be_undone(client, work, moderator, reader) -> None:
    comment, case = _comment_case(reader, work)
    assert Work.objects.get(pk=work.pk).comments_count == 1
    comment_moderate(actor=moderator, case_id=case.pk, comment_id=comment.pk, action="spam", reason="Spam.")
    assert "Buy pills here." not in client.get(f"/works/{work.pk}").content.decode()
    assert Work.objects.get(pk=work.pk).comments_count == 0
    comment_moderate(actor=moderator, case_id=case.pk, comment_id=comment.pk, action="unhide", reason="Mistake.")
    assert "Buy pills here." in client.get(f"/works/{work.pk}").content.decode()
    assert Work.objects.get(pk=work.pk).comments_count == 1


def test_deleting_a_comment_erases_it_and_a_second_action_says_so(work, moderator, reader) -> None:
    comment, case = _comment_case(reader, work)
    comment_moderate(actor=moderator, case_id=case.pk, comment_id=comment.pk, action="delete", reason="Abuse.")
    comment.refresh_from_db()
    assert comment.deleted and comment.text == ""
    with pytest.raises(ValidationError, match="This comment has already been deleted."):
        comment_moderate(actor=moderator, case_id=case.pk, comment_id=comment.pk, action="hide", reason="Again.")
    assert Action.objects.filter(kind="comment_delete").count() == 1 and Action.objects.count() == 1


def test_an_action_on_a_comment_gone_with_its_work_says_so(work, moderator, reader, creator, co_creator) -> None:
    comment, case = _comment_case(reader, work)
    _alone(work, creator, co_creator)
    work_delete(actor=creator, work=work)
    with pytest.raises(ValidationError, match="This comment has been deleted: nothing was done."):
        comment_moderate(actor=moderator, case_id=case.pk, comment_id=comment.pk, action="hide", reason="Spam.")
    assert not Action.objects.exists()


def _user_case(user) -> Case:
    return report_create(
        actor=AnonymousUser(), kind="user", target_id=user.pk, data=ReportInput(category="harassment", email="g@x.org")
    ).case


def test_a_suspended_account_reads_but_cannot_post_comment_kudos_or_bookmark_publicly(client, work, moderator, reader):
    case = _user_case(reader)
    account_moderate(actor=moderator, case_id=case.pk, user_id=reader.pk, action="suspend", reason="Abuse.", days=3)
    reader.refresh_from_db()
    login(client, reader)
    assert client.get(f"/works/{work.pk}").status_code == 200
    for attempt in (
        lambda: comment_create(actor=reader, chapter=work.chapters.first(), data=CommentInput(text="Hi")),
        lambda: kudos_give(actor=reader, work=work),
        lambda: bookmark_create(actor=reader, data=BookmarkInput(), work=work),
        lambda: work_create(
            actor=reader,
            creators=[reader.default_pseud],
            data=WorkInput(title="New", rating="General Audiences", fandoms=("Original Work",)),
            chapters=[ChapterInput(text="Text.")],
            post=True,
        ),
    ):
        with pytest.raises(ValidationError, match="Your account is suspended until"):
            attempt()
    bookmark_create(actor=reader, data=BookmarkInput(private=True), work=work)  # a private one is fine
    response = client.post(f"/works/{work.pk}/chapters/{work.chapters.first().pk}/comments", {"text": "Hello"})
    assert "Your account is suspended until" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_suspension_ends_by_itself(work, moderator, reader) -> None:
    case = _user_case(reader)
    account_moderate(actor=moderator, case_id=case.pk, user_id=reader.pk, action="suspend", reason="Abuse.", days=1)
    reader.refresh_from_db()
    reader.suspended_until = timezone.now() - datetime.timedelta(seconds=1)
    kudos_give(actor=reader, work=work)


def test_suspension_length_is_checked(moderator, reader) -> None:
    case = _user_case(reader)
    for days in (None, 0, 400):
        with pytest.raises(ValidationError, match="A suspension lasts from 1 to 365 days."):
            account_moderate(
                actor=moderator, case_id=case.pk, user_id=reader.pk, action="suspend", reason="x", days=days
            )


def test_a_banned_account_cannot_log_in(client, moderator, reader, committed) -> None:
    case = _user_case(reader)
    with committed():
        account_moderate(actor=moderator, case_id=case.pk, user_id=reader.pk, action="ban", reason="Spam bot.")
    assert not client.login(username=reader.username, password="correct horse battery staple")
    assert [m.to[0] for m in mail.outbox] == [reader.email] and "Spam bot." in mail.outbox[0].body


def test_a_moderator_cannot_ban_another_moderator_but_an_admin_can(moderator, admin) -> None:
    other = type(moderator).objects.get(pk=moderator.pk)
    second = make_work().creators.first().user
    second.groups.add(*moderator.groups.all())
    case = _user_case(second)
    with pytest.raises(ValidationError, match="only be suspended or banned by an admin"):
        account_moderate(actor=other, case_id=case.pk, user_id=second.pk, action="ban", reason="x")
    account_moderate(actor=admin, case_id=case.pk, user_id=second.pk, action="ban", reason="x")


def test_the_creator_answers_once_and_the_moderators_see_it(client, work, moderator, creator, reader) -> None:
    case = reported(work)
    action = work_moderate(actor=moderator, case_id=case.pk, work_id=work.pk, action="hide", reason="Plagiarism.")
    login(client, reader)
    assert client.get(f"/moderation/decisions/{action.pk}").status_code == 404
    login(client, creator)
    page = client.get(f"/moderation/decisions/{action.pk}")
    assert "Plagiarism." in page.content.decode()
    assert f'href="/works/{work.pk}"' in page.content.decode()  # the creator can open the hidden work from here
    client.post(f"/moderation/decisions/{action.pk}", {"text": "I wrote it; here are my drafts."})
    assert Appeal.objects.get().text == "I wrote it; here are my drafts."
    with pytest.raises(ValidationError, match="each can be answered once"):
        appeal_create(actor=creator, action_id=action.pk, text="And again.")
    login(client, moderator)
    assert "I wrote it; here are my drafts." in client.get(f"/moderation/cases/{case.pk}").content.decode()


def test_case_assignment_notes_and_closing_tell_the_reporters(client, work, moderator, reader, committed) -> None:
    report = report_create(
        actor=reader, kind="work", target_id=work.pk, data=ReportInput(category="spam", wants_outcome=True)
    )
    guest = report_create(
        actor=AnonymousUser(),
        kind="work",
        target_id=work.pk,
        data=ReportInput(category="other", email="guest@example.org", wants_outcome=True),
    )
    case = report.case
    with pytest.raises(ValidationError, match="Cases can only be assigned to a moderator."):
        case_assign(actor=moderator, case_id=case.pk, assignee_id=reader.pk)
    case_assign(actor=moderator, case_id=case.pk, assignee_id=moderator.pk)
    case_note_add(actor=moderator, case_id=case.pk, text="Checked the sources.")
    with pytest.raises(ValidationError, match="Say what was decided"):
        case_close(actor=moderator, case_id=case.pk, state="resolved", outcome="")
    with committed():
        case_close(actor=moderator, case_id=case.pk, state="dismissed", outcome="Not spam: a long author's note.")
    note = Notification.objects.get(recipient=reader, kind=NotificationKind.MODERATION)
    assert report.reference in note.reason and "Not spam" in note.reason
    login(client, reader)
    inbox = client.get("/account/notifications").content.decode()  # a message about no work renders too
    assert report.reference in inbox and "/moderation/my-reports" in inbox
    assert [m.to[0] for m in mail.outbox] == ["guest@example.org"] and guest.reference in mail.outbox[0].body
    login(client, moderator)
    page = client.get(f"/moderation/cases/{case.pk}").content.decode()
    assert "Checked the sources." in page and "Dismissed" in page


def test_queue_groups_and_filters(client, work, moderator, reader) -> None:
    other = make_work(title="Another Story")
    reported(work, category="spam")
    reported(work, category="plagiarism")
    old = reported(other, category="harassment")
    Case.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=10))
    login(client, moderator)
    page = client.get("/moderation/").content.decode()
    assert page.count("Case ") >= 2 and "Lanterns Over Quayside" in page and "Another Story" in page
    assert "2 (Plagiarism, Spam)" in page
    only_spam = client.get("/moderation/?category=spam").content.decode()
    assert "Lanterns Over Quayside" in only_spam and "Another Story" not in only_spam
    older = client.get("/moderation/?age=older").content.decode()
    assert "Another Story" in older and "Lanterns Over Quayside" not in older
    assert "Another Story" not in client.get("/moderation/?state=resolved").content.decode()
    assert "Lanterns Over Quayside" not in client.get("/moderation/?mine=1").content.decode()


def test_audit_log_shows_who_when_what_why(client, work, moderator) -> None:
    case = reported(work)
    work_moderate(actor=moderator, case_id=case.pk, work_id=work.pk, action="hide", reason="Plagiarism.")
    work_moderate(actor=moderator, case_id=case.pk, work_id=work.pk, action="unhide", reason="Permission shown.")
    login(client, moderator)
    page = client.get("/moderation/log").content.decode()
    for text in ("mod_mara", "Hid a work", "Plagiarism.", "Showed a hidden work again", "Permission shown."):
        assert text in page


def test_hiding_from_the_case_page(client, work, moderator) -> None:
    case = reported(work)
    login(client, moderator)
    response = client.post(
        f"/moderation/cases/{case.pk}/work/{work.pk}", {"action": "hide", "reason": "Plagiarism."}, follow=True
    )
    assert "The work is hidden" in response.content.decode()
    assert Work.objects.get(pk=work.pk).hidden
    refused = client.post(f"/moderation/cases/{case.pk}/work/{work.pk}", {"action": "hide", "reason": ""}, follow=True)
    assert "Say why" in refused.content.decode()
