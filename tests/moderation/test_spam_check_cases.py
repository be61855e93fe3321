"""A work the spam check hid is put before the moderators: a spam report from the archive itself opens a case
(or joins the open one), which a moderator settles with the usual actions."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains

from scriptorium.moderation.models import Case, Category
from scriptorium.moderation.services import work_moderate, work_spam_case_open
from scriptorium.works.models import Work
from tests.factories import make_work
from tests.moderation.helpers import login, reported

pytestmark = pytest.mark.django_db

LINK_FARM = "Cheap essays " + " ".join(f"https://essays{n}.example.com" for n in range(6))


def test_a_held_work_opens_a_spam_case_the_moderator_sees(client, creator, moderator, committed) -> None:
    with committed():
        work = make_work(creator=creator, title="Essays for sale", chapters=[LINK_FARM])

    case = Case.objects.get(target_kind="work", target_id=work.pk)
    report = case.reports.get()
    assert report.category == Category.SPAM and report.reporter is None
    assert "spam check" in report.description and "more than 3 links" in report.description
    page = login(client, moderator).get(f"/moderation/cases/{case.pk}")
    assertContains(page, "Essays for sale")
    assertContains(page, "spam check")


def test_the_moderator_shows_it_again_and_the_review_is_over(creator, moderator, committed) -> None:
    with committed():
        work = make_work(creator=creator, chapters=[LINK_FARM])
    case = Case.objects.get(target_id=work.pk)

    with committed():
        work_moderate(actor=moderator, case_id=case.pk, work_id=work.pk, action="unhide", reason="Only links, fine.")

    work.refresh_from_db()
    assert not work.hidden and not work.held_for_review


def test_the_report_joins_an_open_case_and_none_is_opened_for_a_work_no_longer_held(creator, moderator) -> None:
    work = make_work(creator=creator, chapters=[LINK_FARM])
    case = reported(work, reporter=moderator)

    work_spam_case_open(work_id=work.pk)
    assert Case.objects.filter(target_id=work.pk).count() == 1 and case.reports.count() == 2

    Work.objects.filter(pk=work.pk).update(hidden=False, hidden_as_spam=False)
    assert work_spam_case_open(work_id=work.pk) is None
    assert work_spam_case_open(work_id=work.pk + 1000) is None
