"""Reporting: the form for guests and accounts, a reference, grouping into cases, and each bad input."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from scriptorium.interactions.inputs import BookmarkInput, CommentInput
from scriptorium.interactions.services import bookmark_create, comment_create, comment_settings_update
from scriptorium.moderation.inputs import ReportInput
from scriptorium.moderation.models import Case, Report
from scriptorium.moderation.services import report_create
from scriptorium.moderation.targets import TargetGone
from scriptorium.works.services import work_delete
from tests.factories import make_work
from tests.moderation.helpers import login

pytestmark = pytest.mark.django_db


def _post(client, work, **data):
    fields = {"category": "plagiarism", "description": "Copied.", "link": "", "email": "g@example.org", **data}
    return client.post(f"/moderation/report/work/{work.pk}", fields)


def test_guest_reports_a_work_and_gets_a_reference(client, work) -> None:
    form = client.get(f"/moderation/report/work/{work.pk}")
    assert form.status_code == 200
    assert f"http://testserver/works/{work.pk}" in form.content.decode()  # the link is prefilled
    response = _post(client, work, wants_outcome="on")
    report = Report.objects.get()
    assert report.reference in response.content.decode()
    assert report.email == "g@example.org" and report.wants_outcome and report.reporter is None
    assert report.case.target_kind == "work" and report.case.target_id == work.pk


def test_account_reports_without_an_email(client, work, reader) -> None:
    login(client, reader)
    page = client.get(f"/moderation/report/work/{work.pk}").content.decode()
    assert 'name="email"' not in page
    _post(client, work, email="")
    assert Report.objects.get().reporter == reader


def test_reports_about_the_same_thing_make_one_case(client, work, reader) -> None:
    _post(client, work)
    login(client, reader)
    _post(client, work, category="spam")
    assert Case.objects.count() == 1
    assert Case.objects.get().reports.count() == 2


def test_report_without_a_category_is_refused_and_nothing_saved(client, work) -> None:
    response = _post(client, work, category="")
    assert "Choose what kind of problem this is." in response.content.decode()
    assert "Copied." in response.content.decode()  # what was typed is still there
    assert not Report.objects.exists() and not Case.objects.exists()


def test_unknown_category_is_refused(work) -> None:
    with pytest.raises(ValidationError) as caught:
        report_create(
            actor=AnonymousUser(), kind="work", target_id=work.pk, data=ReportInput(category="rude", email="a@b.org")
        )
    assert "That is not one of the report categories." in caught.value.messages[0]
    assert not Report.objects.exists()


def test_guest_without_an_email_is_refused(client, work) -> None:
    response = _post(client, work, email="")
    assert "Give an email address" in response.content.decode()
    assert not Report.objects.exists()


def test_guest_with_a_bad_email_is_refused(client, work) -> None:
    response = _post(client, work, email="not-an-address")
    assert response.status_code == 200 and not Report.objects.exists()


def test_report_on_a_deleted_work_answers_404_and_saves_nothing(client, work, creator, co_creator) -> None:
    from scriptorium.works.cocreators import work_creator_remove

    work_id = work.pk
    work_creator_remove(actor=creator, work=work, pseud_id=co_creator.default_pseud.pk)  # then it may be deleted
    work_delete(actor=creator, work=work)
    assert client.get(f"/moderation/report/work/{work_id}").status_code == 404
    assert (
        client.post(f"/moderation/report/work/{work_id}", {"category": "spam", "email": "g@x.org"}).status_code == 404
    )
    assert not Report.objects.exists()


def test_report_on_something_one_cannot_see_answers_404(client, reader) -> None:
    draft = make_work(post=False)
    restricted = make_work(restricted=True)
    assert client.get(f"/moderation/report/work/{draft.pk}").status_code == 404
    assert client.get(f"/moderation/report/work/{restricted.pk}").status_code == 404  # a guest
    login(client, reader)
    assert client.get(f"/moderation/report/work/{draft.pk}").status_code == 404
    assert client.get(f"/moderation/report/work/{restricted.pk}").status_code == 200
    assert client.get("/moderation/report/nonsense/1").status_code == 404


def test_private_bookmark_cannot_be_reported_by_others(client, work, reader) -> None:
    private = bookmark_create(actor=reader, data=BookmarkInput(private=True), work=work)
    assert client.get(f"/moderation/report/bookmark/{private.pk}").status_code == 404
    with pytest.raises(TargetGone):
        report_create(
            actor=AnonymousUser(),
            kind="bookmark",
            target_id=private.pk,
            data=ReportInput(category="spam", email="g@example.org"),
        )


def test_held_comment_cannot_be_reported_by_a_guest(client, creator, reader) -> None:
    held_work = make_work(creator=creator)
    comment_settings_update(actor=creator, work=held_work, permission="anyone", moderate=True)
    held_work.refresh_from_db()
    comment = comment_create(actor=reader, chapter=held_work.chapters.first(), data=CommentInput(text="Hi"))
    assert comment.state == "held"
    assert client.get(f"/moderation/report/comment/{comment.pk}").status_code == 404


def test_each_kind_can_be_reported(client, work, reader, creator, settings) -> None:
    settings.SCRIPTORIUM_RATE_LIMITS = {**settings.SCRIPTORIUM_RATE_LIMITS, "report_guest": "10/h"}
    comment = comment_create(actor=reader, chapter=work.chapters.first(), data=CommentInput(text="Nice lanterns."))
    bookmark = bookmark_create(actor=reader, data=BookmarkInput(), work=work)
    tag = work.tags.get(name="Harbour Town")
    targets = {
        "work": work.pk,
        "chapter": work.chapters.first().pk,
        "comment": comment.pk,
        "bookmark": bookmark.pk,
        "user": creator.pk,
        "tag": tag.pk,
    }
    for kind, target_id in targets.items():
        response = client.post(f"/moderation/report/{kind}/{target_id}", {"category": "other", "email": "g@x.org"})
        assert response.status_code == 200 and b"R-0" in response.content, kind
    assert Case.objects.count() == 6


def test_report_links_on_the_pages(client, work, reader, creator) -> None:
    comment = comment_create(actor=reader, chapter=work.chapters.first(), data=CommentInput(text="Nice lanterns."))
    bookmark_create(actor=reader, data=BookmarkInput(), work=work)
    tag = work.tags.get(name="Harbour Town")
    pages = {
        f"/works/{work.pk}": f"/moderation/report/work/{work.pk}",
        f"/comments/{comment.pk}": f"/moderation/report/comment/{comment.pk}",
        f"/users/{creator.username}/": f"/moderation/report/user/{creator.pk}",
        "/tags/Harbour Town": f"/moderation/report/tag/{tag.pk}",
        f"/users/{reader.username}/bookmarks": "/moderation/report/bookmark/",
    }
    for page, link in pages.items():
        response = client.get(page, follow=True)
        assert link in response.content.decode(), page


def test_reports_are_rate_limited(client, work, settings) -> None:
    settings.SCRIPTORIUM_RATE_LIMITS = {**settings.SCRIPTORIUM_RATE_LIMITS, "report_guest": "2/h"}
    _post(client, work)
    _post(client, work)
    refused = _post(client, work)
    assert "You have sent several reports in a short time" in refused.content.decode()
    assert Report.objects.count() == 2


def test_my_reports_lists_the_outcome(client, work, reader) -> None:
    login(client, reader)
    _post(client, work, wants_outcome="on")
    page = client.get("/moderation/my-reports").content.decode()
    assert Report.objects.get().reference in page and "Waiting for the moderators." in page
