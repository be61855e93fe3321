"""The spam check judges works as they are posted and as posted works change: a work judged spam is hidden,
pending review, in the same transaction that posts it (never shown publicly, not even for a moment), and its
creator is told it waits for review. Drafts, staff and moderators are not judged."""

from __future__ import annotations

import pytest
from django.db.models.signals import post_save
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.accounts.moderators import moderators_group
from scriptorium.core.spam import SpamCandidate, SpamCheck, SpamResult, Verdict
from scriptorium.works import events
from scriptorium.works.inputs import ChapterInput
from scriptorium.works.models import Work
from scriptorium.works.services import chapter_add, work_hidden_set, work_post
from tests.factories import UserFactory, make_work
from tests.works.forms_data import edit_form_data, work_form_data

pytestmark = pytest.mark.django_db

LINK_FARM = "Cheap essays " + " ".join(f"https://essays{n}.example.com" for n in range(6))


class SpamWhenTold(SpamCheck):
    """Spam when the text has the word the test chose; records what it was asked."""

    asked: list[SpamCandidate] = []

    def check(self, candidate: SpamCandidate) -> SpamResult:
        SpamWhenTold.asked.append(candidate)
        if self.options["word"] in candidate.text:
            return SpamResult(Verdict.SPAM, ("the test's word",))
        return SpamResult(Verdict.HAM)


def test_a_link_farm_posted_from_the_form_is_held_and_its_creator_told(client, user) -> None:
    client.force_login(user)

    response = client.post("/works/new", work_form_data(user, title="Essays", text=LINK_FARM), follow=True)

    work = Work.objects.get()
    assert work.posted and work.hidden and work.hidden_as_spam and work.held_for_review
    assert "more than 3 links" in work.hidden_reason
    assertContains(response, "“Essays” is posted, but the archive’s spam check held the work for review")
    assertContains(response, "Waiting for review.")
    client.logout()
    assert client.get(f"/works/{work.pk}").status_code == 404
    assertNotContains(client.get("/works/"), "Essays")


def test_a_story_posts_as_before(client, user) -> None:
    client.force_login(user)
    response = client.post("/works/new", work_form_data(user), follow=True)
    work = Work.objects.get()
    assert not work.hidden and not work.held_for_review
    assertContains(response, "is posted.")
    assertNotContains(response, "Waiting for review")


def test_a_spam_work_is_never_saved_visible(user) -> None:
    """Every save of the work's row already has it hidden: no reader can catch it between two writes."""
    seen: list[tuple[bool, bool]] = []

    def watch(sender, instance, **kwargs) -> None:
        seen.append((instance.posted, instance.hidden))

    post_save.connect(watch, sender=Work)
    try:
        make_work(creator=user, chapters=[LINK_FARM])
    finally:
        post_save.disconnect(watch, sender=Work)
    assert seen and all(hidden for posted, hidden in seen if posted)


def test_each_part_of_a_work_is_judged_on_posting_and_on_change(settings, user) -> None:
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": f"{__name__}.SpamWhenTold", "OPTIONS": {"word": "casino"}}
    for where in ({"title": "casino"}, {"summary": "casino"}, {"notes": "casino"}, {"chapters": ["casino"]}):
        assert make_work(creator=user, **where).hidden
    clean = make_work(creator=user)
    assert not clean.hidden
    chapter_add(actor=user, work=clean, data=ChapterInput(title="Two", text="Play at the casino tonight."))
    clean.refresh_from_db()
    assert clean.hidden and clean.held_for_review


def test_updating_a_posted_work_with_spam_hides_it(client, user, settings) -> None:
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": f"{__name__}.SpamWhenTold", "OPTIONS": {"word": "casino"}}
    work = make_work(creator=user)
    client.force_login(user)

    response = client.post(f"/works/{work.pk}/edit", edit_form_data(work, user, summary="Best casino"), follow=True)

    work.refresh_from_db()
    assert work.hidden and work.held_for_review
    assertContains(
        response, "Your changes to “A Quiet Evening” are saved, but the archive’s spam check held the work for review"
    )


def test_drafts_wait_until_they_are_posted(settings, user) -> None:
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": f"{__name__}.SpamWhenTold", "OPTIONS": {"word": "casino"}}
    SpamWhenTold.asked.clear()
    draft = make_work(creator=user, title="casino", post=False)
    assert not SpamWhenTold.asked and not draft.hidden

    work_post(actor=user, work=draft)

    draft.refresh_from_db()
    assert draft.posted and draft.hidden and draft.held_for_review


def test_staff_and_moderators_are_not_judged(settings) -> None:
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": f"{__name__}.SpamWhenTold", "OPTIONS": {"word": "casino"}}
    moderator = UserFactory()
    moderator.groups.add(moderators_group())
    for writer in (UserFactory(is_staff=True), moderator):
        assert not make_work(creator=writer, title="casino").hidden


def test_a_moderators_decision_ends_the_review(user, settings) -> None:
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": f"{__name__}.SpamWhenTold", "OPTIONS": {"word": "casino"}}
    work = make_work(creator=user, title="casino")
    moderator = UserFactory(is_superuser=True)

    work_hidden_set(actor=moderator, work_id=work.pk, hidden=False)

    work.refresh_from_db()
    assert not work.hidden and not work.held_for_review


def test_the_moderators_hear_of_a_held_work_once_it_commits(user, django_capture_on_commit_callbacks) -> None:
    heard: list[int] = []
    receiver = events.work_flagged_as_spam.listen(lambda *, work_id: heard.append(work_id))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            work = make_work(creator=user, chapters=[LINK_FARM])
            make_work(creator=user)
    finally:
        events.work_flagged_as_spam.disconnect(receiver)
    assert heard == [work.pk]
