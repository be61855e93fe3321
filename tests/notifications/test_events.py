"""Which events reach whom: comments, replies, kudos summaries, new chapters and new works, with the rules on
drafts, one's own actions, blocking and muting."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from scriptorium.interactions.models import Block, Mute
from scriptorium.interactions.services import kudos_give
from scriptorium.notifications.models import Notification, NotificationKind
from scriptorium.notifications.presenters import headline
from scriptorium.notifications.services import notification_mark_read, subscription_create
from scriptorium.tags import wrangling
from scriptorium.tags.models import Tag
from scriptorium.tags.wranglers import wranglers_group
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.models import Work
from scriptorium.works.services import chapter_add, work_post, work_update
from tests.factories import UserFactory, make_work
from tests.notifications.conftest import comment_on

pytestmark = pytest.mark.django_db


def inbox(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user).select_related("work", "chapter", "comment"))


def test_a_comment_reaches_the_creator_and_a_reply_reaches_the_commenter(committed) -> None:
    writer, reader = UserFactory(), UserFactory(username="alice")
    work = make_work(creator=writer, title="Harbour Lights", chapters=["One.", "Two."])
    with committed():
        comment = comment_on(work, reader, "The boats!", position=2)
    [note] = inbox(writer)
    assert note.kind == NotificationKind.COMMENT and note.comment == comment
    assert headline(note) == "alice commented on Chapter 2 of “Harbour Lights”."
    assert inbox(reader) == []  # nobody hears about their own comment

    with committed():
        comment_on(work, writer, "Thank you.", position=2, parent=comment)
    [reply] = inbox(reader)
    assert reply.kind == NotificationKind.REPLY
    assert headline(reply).endswith("replied to your comment on Chapter 2 of “Harbour Lights”.")
    assert len(inbox(writer)) == 1  # the writer's own reply is not news to the writer


def test_a_reply_to_a_creators_comment_is_one_reply_notification(committed) -> None:
    writer, reader, other = UserFactory(), UserFactory(), UserFactory()
    work = make_work(creator=writer)
    with committed():
        top = comment_on(work, writer, "Author's note: thanks for reading.")
        comment_on(work, reader, "You're welcome!", parent=top)
    assert [n.kind for n in inbox(writer)] == [NotificationKind.REPLY]
    assert inbox(other) == []


def test_a_held_comment_reaches_only_the_creators_and_says_it_waits(committed) -> None:
    writer, first, second = UserFactory(), UserFactory(), UserFactory()
    work = make_work(creator=writer)
    with committed():
        top = comment_on(work, first, "First!")
    Work.objects.filter(pk=work.pk).update(moderate_comments=True)
    work.refresh_from_db()
    with committed():
        comment_on(work, second, "A reply that waits.", parent=top)
    assert inbox(first) == []  # not shown to them yet, so not announced to them
    held = [n for n in inbox(writer) if n.comment.parent_id == top.pk]
    assert len(held) == 1 and headline(held[0]).endswith("(waiting for your approval).")


def test_muted_or_blocking_recipients_hear_nothing_from_that_account(committed) -> None:
    writer, pest = UserFactory(), UserFactory()
    work = make_work(creator=writer)
    Mute.objects.create(muter=writer, muted=pest)
    with committed():
        comment_on(work, pest, "Hello?")
    assert inbox(writer) == []
    Mute.objects.all().delete()
    Block.objects.create(blocker=writer, blocked=pest)
    with committed():
        kudos_give(actor=pest, work=work)
    assert inbox(writer) == []


def test_kudos_are_summarised_per_work_and_day_and_come_back_unread(committed) -> None:
    writer, alice = UserFactory(), UserFactory(username="alice")
    work = make_work(creator=writer, title="Quiet")
    with committed():
        for n in range(5):
            kudos_give(actor=AnonymousUser(), work=work, guest_key=f"{n:064d}")
        kudos_give(actor=alice, work=work)
    [summary] = inbox(writer)
    assert summary.kind == NotificationKind.KUDOS
    assert headline(summary) == "alice and 5 guests left kudos on “Quiet”."
    notification_mark_read(actor=writer, notification_id=summary.pk)
    with committed():
        kudos_give(actor=UserFactory(username="bob"), work=work)
    [summary] = inbox(writer)
    assert summary.unread
    assert headline(summary) == "alice, bob and 5 guests left kudos on “Quiet”."


def test_a_new_chapter_reaches_the_works_subscribers_but_not_its_writer(committed) -> None:
    writer, reader = UserFactory(), UserFactory()
    with committed():
        work = make_work(creator=writer, title="Serial")
    subscription_create(actor=reader, kind="work", target_id=work.pk)
    subscription_create(actor=writer, kind="work", target_id=work.pk)
    with committed():
        chapter = chapter_add(actor=writer, work=work, data=ChapterInput(text="More.", title="Later"))
    [note] = inbox(reader)
    assert note.kind == NotificationKind.NEW_CHAPTER and note.chapter == chapter
    assert headline(note) == "“Serial” has a new chapter: Chapter 2: Later."
    assert inbox(writer) == []


def test_a_creators_new_work_is_announced_once_when_posted_never_as_a_draft(committed) -> None:
    writer, fan = UserFactory(username="quill"), UserFactory()
    subscription_create(actor=fan, kind="creator", target_id=writer.pk)
    with committed():
        draft = make_work(creator=writer, title="Soon", post=False)
        chapter_add(actor=writer, work=draft, data=ChapterInput(text="Still a draft."))
    assert inbox(fan) == []
    with committed():
        work_post(actor=writer, work=draft)
    [note] = inbox(fan)
    assert note.kind == NotificationKind.NEW_WORK and note.work == draft
    assert note.reason == "You subscribe to quill."
    with committed():  # edits and chapters of a posted work are not a new work
        work_update(
            actor=writer,
            work=draft,
            data=WorkInput(
                title="Soon, edited",
                rating="General Audiences",
                warnings=("No Archive Warnings Apply",),
                fandoms=("Original Work",),
            ),
        )
    assert len(inbox(fan)) == 1


def test_restricted_works_reach_subscribers_since_every_account_may_read_them(committed) -> None:
    writer, fan = UserFactory(), UserFactory()
    subscription_create(actor=fan, kind="creator", target_id=writer.pk)
    with committed():
        make_work(creator=writer, restricted=True)
    assert len(inbox(fan)) == 1


def test_a_tag_subscription_finds_works_under_synonyms_and_sub_tags(committed) -> None:
    wrangler = UserFactory()
    wrangler.groups.add(wranglers_group())
    fan = UserFactory()
    steve = Tag.objects.create(name="Steve Rogers", type="character", canonical=True)
    cap = Tag.objects.create(name="Cap", type="character")
    wrangling.tag_make_synonym(actor=wrangler, tag=cap, target=steve)
    sub_tag = Tag.objects.create(name="Steve Rogers (Young)", type="character", canonical=True)
    wrangling.tag_meta_add(actor=wrangler, tag=sub_tag, meta=steve)
    created, _ = subscription_create(actor=fan, kind="tag", target_id=cap.pk)
    assert created.tag == steve  # subscribing through a synonym keeps the tag works are found under
    with committed():
        by_synonym = make_work(characters=("Cap",), title="Shield")
        by_sub_tag = make_work(characters=("Steve Rogers (Young)",), title="Brooklyn")
        make_work(characters=("Someone Else",), title="Elsewhere")
    assert {n.work for n in inbox(fan)} == {by_synonym, by_sub_tag}
    assert all(n.reason == "You subscribe to the tag Steve Rogers." for n in inbox(fan))


def test_a_series_subscription_hears_of_works_joining_it_once(committed) -> None:
    writer, fan = UserFactory(), UserFactory()
    with committed():
        first = make_work(creator=writer, series_title="Tides")
    series = first.series_parts.get().series
    subscription_create(actor=fan, kind="series", target_id=series.pk)
    with committed():
        second = make_work(creator=writer, title="Second tide", series_title="Tides")
        loose = make_work(creator=writer, title="Loose")
    assert [n.work for n in inbox(fan)] == [second]
    with committed():  # a posted work added to the series later
        work_update(
            actor=writer,
            work=loose,
            data=WorkInput(
                title="Loose",
                rating="General Audiences",
                warnings=("No Archive Warnings Apply",),
                fandoms=("Original Work",),
                series_title="Tides",
            ),
        )
    assert {n.work for n in inbox(fan)} == {second, loose}


def test_a_muted_creators_new_work_does_not_reach_a_tag_subscriber(committed) -> None:
    writer, fan = UserFactory(), UserFactory()
    tag = Tag.objects.create(name="Lighthouses", type="additional", canonical=True)
    subscription_create(actor=fan, kind="tag", target_id=tag.pk)
    Mute.objects.create(muter=fan, muted=writer)
    with committed():
        make_work(creator=writer, additional_tags=("Lighthouses",))
    assert inbox(fan) == []


def test_running_a_task_twice_creates_nothing_new(committed) -> None:
    from scriptorium.notifications import delivery

    writer, reader = UserFactory(), UserFactory()
    work = make_work(creator=writer)
    with committed():
        comment = comment_on(work, reader)
    assert delivery.comment_notify(comment_id=comment.pk) == 0
    assert delivery.work_announce(work_id=work.pk) == 0
    assert Notification.objects.count() == 1


def test_approving_a_held_reply_tells_the_parent_author_once(committed) -> None:
    """``comment_approve`` publishes with an update, and says so with the ``comment_approved`` signal."""
    from scriptorium.interactions.services import comment_approve

    writer, first, second = UserFactory(), UserFactory(), UserFactory()
    work = make_work(creator=writer)
    with committed():
        top = comment_on(work, first, "First!")
    Work.objects.filter(pk=work.pk).update(moderate_comments=True)
    work.refresh_from_db()
    with committed():
        reply = comment_on(work, second, "Waiting.", parent=top)
    assert inbox(first) == []  # held: the thread does not hear about it yet
    with committed():
        comment_approve(actor=writer, comment=reply)
    assert [n.kind for n in inbox(first)] == [NotificationKind.REPLY]
    assert Notification.objects.filter(recipient=writer, comment=reply).count() == 1
