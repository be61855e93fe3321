"""New accounts (younger than SCRIPTORIUM_NEW_ACCOUNT_DAYS) post works and comments within limits of their own:
beyond them a clear message says when they can post again and nothing is saved. Staff and older accounts are
not limited by them."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pytest_django.asserts import assertContains

from scriptorium.accounts.models import User
from scriptorium.interactions.inputs import CommentInput
from scriptorium.interactions.models import Comment
from scriptorium.interactions.services import comment_create
from scriptorium.works.models import Work
from scriptorium.works.services import work_post
from tests.factories import UserFactory, make_work
from tests.works.forms_data import work_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings) -> None:
    settings.SCRIPTORIUM_NEW_ACCOUNT_DAYS = 7
    settings.SCRIPTORIUM_RATE_LIMITS = {"new_account_work": "2/h", "new_account_comment": "3/h"}


def _aged(days: int, **fields: object) -> User:
    user = UserFactory(**fields)
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - datetime.timedelta(days=days))
    return User.objects.get(pk=user.pk)


def test_a_new_account_posting_a_third_work_in_an_hour_is_told_when_it_can_post_again(client) -> None:
    writer = _aged(1)
    client.force_login(writer)
    for n in range(2):
        assert client.post("/works/new", work_form_data(writer, title=f"Story {n}")).status_code == 302

    response = client.post("/works/new", work_form_data(writer, title="One too many"))

    assertContains(response, "New accounts may post at most 2 works an hour during their first 7 days", status_code=400)
    assert re.search(r"You can post again at \d\d:\d\d \(in \d+ minutes?\); nothing was posted", response.text)
    assertContains(response, "One too many", status_code=400)  # the form keeps what was typed
    assert Work.objects.count() == 2


def test_drafts_are_not_counted_but_posting_one_is() -> None:
    writer = _aged(1)
    drafts = [make_work(creator=writer, title=f"Draft {n}", post=False) for n in range(3)]
    work_post(actor=writer, work=drafts[0])
    work_post(actor=writer, work=drafts[1])

    with pytest.raises(ValidationError, match="New accounts may post at most 2 works an hour"):
        work_post(actor=writer, work=drafts[2])

    assert not Work.objects.get(pk=drafts[2].pk).posted


def test_an_account_older_than_the_limit_and_staff_are_not_limited() -> None:
    for writer in (_aged(8), _aged(0, is_staff=True)):
        for n in range(3):
            make_work(creator=writer, title=f"Story {n}")
    assert Work.objects.filter(posted=True).count() == 6


def test_the_import_account_is_not_limited() -> None:
    from scriptorium.accounts.services import import_account

    for n in range(3):
        make_work(creator=import_account(), title=f"Imported {n}")
    assert Work.objects.filter(posted=True).count() == 3


def test_no_days_means_no_new_account_limits(settings) -> None:
    settings.SCRIPTORIUM_NEW_ACCOUNT_DAYS = 0
    writer = _aged(0)
    for n in range(3):
        make_work(creator=writer, title=f"Story {n}")
    assert Work.objects.count() == 3


def test_a_new_account_commenting_beyond_its_hourly_limit_saves_nothing(client, settings) -> None:
    settings.SCRIPTORIUM_RATE_LIMITS = {"new_account_comment": "3/h", "comment_account": ""}
    work = make_work(creator=_aged(30))
    chapter = work.chapters.get()
    reader = _aged(2)
    for n in range(3):
        comment_create(actor=reader, chapter=chapter, data=CommentInput(f"Comment {n}, thank you."))
    client.force_login(reader)

    response = client.post(f"/works/{work.pk}/chapters/{chapter.pk}/comments", {"text": "A fourth thought."})

    assertContains(response, "New accounts may post at most 3 comments an hour", status_code=400)
    assertContains(response, "A fourth thought.", status_code=400)
    assert Comment.objects.count() == 3
    comment_create(actor=_aged(30), chapter=chapter, data=CommentInput("An old reader is not limited."))
    assert Comment.objects.count() == 4
