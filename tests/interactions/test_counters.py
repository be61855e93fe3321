"""Counters are eventually exact: services move them incrementally, ``scriptorium counters recount`` rebuilds them,
and a Hypothesis state machine shows the two never disagree whatever readers and writers do."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from scriptorium.interactions.inputs import BookmarkInput, CommentInput
from scriptorium.interactions.models import Bookmark, Comment
from scriptorium.interactions.services import (
    bookmark_create,
    bookmark_delete,
    bookmark_update,
    comment_approve,
    comment_create,
    comment_delete,
    hits,
    kudos_give,
)
from scriptorium.interactions.services.counters import counters_current, counters_expected, counters_recount
from scriptorium.works.models import Work
from scriptorium.works.services import chapter_delete
from tests.factories import UserFactory
from tests.interactions.conftest import two_chapters

pytestmark = pytest.mark.django_db


def test_recount_repairs_counters(work, other_user, capsys) -> None:
    kudos_give(actor=other_user, work=work)
    comment_create(actor=other_user, chapter=work.chapters.get(), data=CommentInput("Hello."))
    hits.hits_record(work_id=work.pk, reader="u1")
    hits.hits_flush()
    right = counters_current([work.pk])[work.pk]
    Work.objects.filter(pk=work.pk).update(kudos_count=40, comments_count=0, hits_count=7, bookmarks_count=3)

    call_command("counters", "recount")

    assert (
        counters_current([work.pk])[work.pk]
        == right
        == {"kudos_count": 1, "comments_count": 1, "hits_count": 1, "bookmarks_count": 0}
    )
    bookmark_create(actor=other_user, work=work, data=BookmarkInput())
    Work.objects.filter(pk=work.pk).update(bookmarks_count=9)
    call_command("counters", "recount")
    assert counters_current([work.pk])[work.pk]["bookmarks_count"] == 1
    assert "1 corrected" in capsys.readouterr().out
    assert counters_recount().changed == 0


def test_recount_of_chosen_works(work, user) -> None:
    other = two_chapters(user)
    Work.objects.update(kudos_count=5)

    call_command("counters", "recount", "--work", str(work.pk))

    assert counters_current()[work.pk]["kudos_count"] == 0
    assert counters_current()[other.pk]["kudos_count"] == 5


def test_rows_deleted_by_cascade_keep_counters_right(user, other_user) -> None:
    work = two_chapters(user)
    second = work.chapters.get(position=2)
    comment_create(actor=other_user, chapter=second, data=CommentInput("On chapter two."))
    comment_create(actor=other_user, chapter=work.chapters.get(position=1), data=CommentInput("On chapter one."))
    kudos_give(actor=other_user, work=work)

    chapter_delete(actor=user, chapter=second)
    assert counters_current([work.pk]) == counters_expected([work.pk])
    other_user.delete()  # kudos go with the account; comments stay, signed by "a former account"

    assert counters_current([work.pk]) == counters_expected([work.pk])
    work.refresh_from_db()
    assert work.kudos_count == 0 and work.comments_count == 1


class Readers(RuleBasedStateMachine):
    """Random kudos, comments, replies, approvals, deletions, bookmarks, hits and flushes on one work."""

    def __init__(self) -> None:
        super().__init__()
        # Each example in its own savepoint, rolled back at the end, with an empty cache: examples share nothing.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        cache.clear()
        self.writer = UserFactory()
        self.work = two_chapters(self.writer)
        self.chapters = list(self.work.chapters.order_by("position"))
        self.accounts = [UserFactory() for _ in range(3)]
        self.kudos: set[tuple[str, int | None]] = set()
        self.comments: list[int] = []
        self.hits_seen: set[tuple[str, datetime.date]] = set()
        self.bookmarks: dict[int, bool] = {}  # account index -> private
        self.texts = 0

    def _actor(self, who: int) -> object:
        return self.accounts[who] if who < len(self.accounts) else AnonymousUser()

    def _text(self) -> str:
        self.texts += 1
        return f"Comment number {self.texts}, about the harbour."

    @initialize(moderated=st.booleans())
    def setup(self, moderated: bool) -> None:
        Work.objects.filter(pk=self.work.pk).update(moderate_comments=moderated)
        self.work.refresh_from_db()

    @rule(who=st.integers(0, 5), chapter=st.sampled_from([None, 0, 1]))
    def give_kudos(self, who: int, chapter: int | None) -> None:
        actor = self._actor(who)
        key = f"u{who}" if who < len(self.accounts) else f"g{who}"
        target = self.chapters[chapter] if chapter is not None else None
        duplicate = (key, chapter) in self.kudos
        try:
            kudos_give(actor=actor, work=self.work, chapter=target, guest_key="" if who < 3 else f"{who:064d}")
        except ValidationError:
            assert duplicate
        else:
            assert not duplicate
            self.kudos.add((key, chapter))

    @rule(who=st.integers(0, 5), chapter=st.integers(0, 1), reply=st.booleans(), data=st.data())
    def comment(self, who: int, chapter: int, reply: bool, data: st.DataObject) -> None:
        parent = None
        if reply and self.comments:
            parent = Comment.objects.get(pk=data.draw(st.sampled_from(self.comments)))
            target = parent.chapter
        else:
            target = self.chapters[chapter]
        guest = who >= len(self.accounts)
        fields = {"guest_name": f"Guest {who}", "guest_email": f"guest{who}@example.org"} if guest else {}
        try:
            made = comment_create(
                actor=self._actor(who),
                chapter=target,
                parent=parent,
                data=CommentInput(self._text(), **fields),
                origin=f"origin-{self.texts}",
            )
        except ValidationError:
            assert parent is not None and (parent.deleted or parent.is_held)
        else:
            self.comments.append(made.pk)

    @precondition(lambda self: self.comments)
    @rule(data=st.data())
    def approve(self, data: st.DataObject) -> None:
        comment = Comment.objects.get(pk=data.draw(st.sampled_from(self.comments)))
        try:
            comment_approve(actor=self.writer, comment=comment)
        except ValidationError:
            assert not comment.is_held or comment.deleted

    @precondition(lambda self: self.comments)
    @rule(data=st.data(), by_writer=st.booleans())
    def delete(self, data: st.DataObject, by_writer: bool) -> None:
        comment = Comment.objects.get(pk=data.draw(st.sampled_from(self.comments)))
        actor = self.writer if by_writer or comment.user is None else comment.user
        try:
            comment_delete(actor=actor, comment=comment)
        except ValidationError:
            assert comment.deleted

    @rule(who=st.integers(0, 2), private=st.booleans())
    def bookmark(self, who: int, private: bool) -> None:
        try:
            bookmark_create(actor=self.accounts[who], work=self.work, data=BookmarkInput(private=private))
        except ValidationError:
            assert who in self.bookmarks
        else:
            assert who not in self.bookmarks
            self.bookmarks[who] = private

    @precondition(lambda self: self.bookmarks)
    @rule(data=st.data())
    def toggle_bookmark_privacy(self, data: st.DataObject) -> None:
        who = data.draw(st.sampled_from(sorted(self.bookmarks)))
        mine = Bookmark.objects.get(user=self.accounts[who], work=self.work)
        bookmark_update(actor=self.accounts[who], bookmark=mine, data=BookmarkInput(private=not mine.private))
        self.bookmarks[who] = not self.bookmarks[who]

    @precondition(lambda self: self.bookmarks)
    @rule(data=st.data())
    def unbookmark(self, data: st.DataObject) -> None:
        who = data.draw(st.sampled_from(sorted(self.bookmarks)))
        bookmark_delete(actor=self.accounts[who], bookmark=Bookmark.objects.get(user=self.accounts[who]))
        del self.bookmarks[who]

    @rule(who=st.integers(0, 5), day=st.integers(0, 2))
    def hit(self, who: int, day: int) -> None:
        when = datetime.date(2026, 1, 1) + datetime.timedelta(days=day)
        recorded = hits.hits_record(work_id=self.work.pk, reader=f"r{who}", day=when)
        assert recorded == ((f"r{who}", when) not in self.hits_seen)
        self.hits_seen.add((f"r{who}", when))

    @rule()
    def flush(self) -> None:
        hits.hits_flush()
        self.work.refresh_from_db()
        assert self.work.hits_count == len(self.hits_seen)

    @invariant()
    def incremental_equals_recount(self) -> None:
        current = counters_current([self.work.pk])
        assert current == counters_expected([self.work.pk])
        assert current[self.work.pk]["kudos_count"] == sum(1 for _, chapter in self.kudos if chapter is None)
        assert current[self.work.pk]["bookmarks_count"] == sum(1 for private in self.bookmarks.values() if not private)

    def teardown(self) -> None:
        try:
            assert counters_recount([self.work.pk]).changed == 0
        finally:
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)


def test_incremental_counters_always_equal_a_recount(settings) -> None:
    settings.SCRIPTORIUM_RATE_LIMITS = {"comment_account": "", "comment_guest": ""}
    run_state_machine_as_test(
        Readers, settings=hypothesis_settings(max_examples=20, stateful_step_count=25, deadline=None)
    )
