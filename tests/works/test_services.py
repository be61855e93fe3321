"""The write path for works: dates, counts, revisions, permissions, and all-or-nothing failures."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from scriptorium.tags.models import Tag
from scriptorium.works import services
from scriptorium.works.cocreators import creator_invitation_accept
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.models import Chapter, Work
from tests.factories import UserFactory, make_work
from tests.works.forms_data import row_counts

pytestmark = pytest.mark.django_db
LONG_AGO = datetime.date(2019, 3, 4)


def _input(**fields: object) -> WorkInput:
    defaults: dict[str, object] = {"title": "A Work", "warnings": ("No Archive Warnings Apply",), "fandoms": ("F",)}
    defaults.update(fields)
    return WorkInput(**defaults)


def _age(work: Work) -> None:
    """Pretend the work was posted long ago."""
    Work.objects.filter(pk=work.pk).update(published_on=LONG_AGO, revised_on=LONG_AGO, completed_on=None)
    work.refresh_from_db()


# --- Dates -----------------------------------------------------------------------------------------------


def test_posting_sets_published_and_updated_dates(user) -> None:
    work = make_work(creator=user, expected_chapters=None)
    today = timezone.localdate()
    assert (work.published_on, work.revised_on, work.completed_on) == (today, today, None)
    assert work.chapters.get().published_on == today


def test_a_draft_has_no_dates_until_posted(user) -> None:
    draft = make_work(creator=user, post=False, expected_chapters=1)
    assert (draft.published_on, draft.revised_on, draft.completed_on) == (None, None, None)
    services.work_post(actor=user, work=draft)
    today = timezone.localdate()
    assert (draft.published_on, draft.revised_on, draft.completed_on) == (today, today, today)


def test_a_new_chapter_moves_the_updated_date_only(user) -> None:
    work = make_work(creator=user, expected_chapters=None)
    _age(work)
    services.chapter_add(actor=user, work=work, data=ChapterInput(text="More words."))
    work.refresh_from_db()
    assert work.published_on == LONG_AGO
    assert work.revised_on == timezone.localdate()


def test_editing_a_chapter_does_not_move_the_updated_date(user) -> None:
    work = make_work(creator=user, chapters=["One.", "Two."], expected_chapters=None)
    _age(work)
    services.chapter_update(actor=user, chapter=work.chapters.first(), data=ChapterInput(text="Changed text."))
    work.refresh_from_db()
    assert work.revised_on == LONG_AGO


def test_completed_when_the_chapter_count_reaches_the_expected(user) -> None:
    work = make_work(creator=user, expected_chapters=2)
    assert (work.complete, work.completed_on) == (False, None)
    services.chapter_add(actor=user, work=work, data=ChapterInput(text="The end."))
    work.refresh_from_db()
    assert (work.complete, work.completed_on, work.chapters_display) == (True, timezone.localdate(), "2/2")
    services.chapter_delete(actor=user, chapter=work.chapters.last())
    work.refresh_from_db()
    assert (work.complete, work.completed_on) == (False, None)


def test_an_imported_complete_work_keeps_its_own_dates(user) -> None:
    published, revised = datetime.date(2015, 1, 2), datetime.date(2016, 7, 8)
    work = services.work_create(
        actor=user,
        creators=[user.default_pseud],
        data=_input(expected_chapters=2),
        chapters=[ChapterInput(text="One."), ChapterInput(text="Two.")],
        post=True,
        published_on=published,
        revised_on=revised,
    )
    assert (work.published_on, work.revised_on, work.completed_on) == (published, revised, revised)


def test_adding_past_the_expected_count_raises_it(user) -> None:
    work = make_work(creator=user, expected_chapters=1)
    services.chapter_add(actor=user, work=work, data=ChapterInput(text="Bonus."))
    work.refresh_from_db()
    assert work.chapters_display == "2/2"


def test_chapter_add_sets_the_expected_count_in_the_same_step(user) -> None:
    work = make_work(creator=user, expected_chapters=None)
    services.chapter_add(actor=user, work=work, data=ChapterInput(text="Two."), expected_chapters=4)
    work.refresh_from_db()
    assert work.chapters_display == "2/4"
    services.chapter_add(actor=user, work=work, data=ChapterInput(text="Three."))
    work.refresh_from_db()
    assert work.chapters_display == "3/4"  # "keep" by default
    with pytest.raises(ValidationError):
        services.chapter_add(actor=user, work=work, data=ChapterInput(text="Four."), expected_chapters=0)
    work.refresh_from_db()
    assert work.chapters_display == "3/4"


# --- Counts and revisions --------------------------------------------------------------------------------


def test_word_counts_stay_current(user) -> None:
    work = make_work(creator=user, chapters=["one two three", "four five"])
    assert work.word_count == 5
    first, second = work.chapters.order_by("position")
    services.chapter_update(actor=user, chapter=first, data=ChapterInput(text="just one"))
    work.refresh_from_db()
    assert work.word_count == 4
    services.chapter_delete(actor=user, chapter=second)
    work.refresh_from_db()
    assert (work.word_count, work.chapter_count) == (2, 1)


def test_every_change_bumps_the_revision(user) -> None:
    work = make_work(creator=user, chapters=["a", "b"], expected_chapters=None)
    seen = [work.revision]

    def changed() -> None:
        work.refresh_from_db()
        assert work.revision > seen[-1]
        seen.append(work.revision)

    services.work_update(actor=user, work=work, data=_input(title="Renamed"))
    changed()
    services.chapter_add(actor=user, work=work, data=ChapterInput(text="c"))
    changed()
    services.chapter_update(actor=user, chapter=work.chapters.first(), data=ChapterInput(text="a2"))
    changed()
    ids = list(work.chapters.order_by("-position").values_list("id", flat=True))
    services.chapters_reorder(actor=user, work=work, chapter_ids=ids)
    changed()
    services.chapter_delete(actor=user, chapter=work.chapters.first())
    changed()


def test_reorder_needs_every_chapter_once(user) -> None:
    work = make_work(creator=user, chapters=["a", "b"])
    first, second = work.chapters.order_by("position").values_list("id", flat=True)
    for ids in ([first], [first, first], [first, second, 999_999]):
        with pytest.raises(ValidationError):
            services.chapters_reorder(actor=user, work=work, chapter_ids=ids)
    assert list(work.chapters.order_by("position").values_list("id", flat=True)) == [first, second]


# --- All or nothing --------------------------------------------------------------------------------------


def test_a_failing_work_create_leaves_no_rows(user) -> None:
    make_work(creator=user, fandoms=("Clash",))
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        services.work_create(
            actor=user,
            creators=[user.default_pseud],
            data=_input(
                fandoms=("Fresh Fandom",),
                characters=("Fresh Character",),
                additional_tags=("Clash",),
                series_title="Fresh Series",
            ),
            chapters=[ChapterInput(text="Words.")],
            post=True,
        )
    assert "additional_tags" in caught.value.message_dict
    assert row_counts() == before
    assert not Tag.objects.filter(name__startswith="Fresh").exists()


@pytest.mark.parametrize(
    ("data", "chapters", "field"),
    [
        (_input(title=""), [ChapterInput(text="x")], "title"),
        (_input(), [], "text"),
        (_input(), [ChapterInput(text="  ")], "text"),
        (_input(warnings=()), [ChapterInput(text="x")], "warnings"),
        (_input(characters=("Bad<Tag",)), [ChapterInput(text="x")], "characters"),
    ],
)
def test_invalid_input_writes_nothing(user, data, chapters, field) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        services.work_create(actor=user, creators=[user.default_pseud], data=data, chapters=chapters, post=True)
    assert field in caught.value.message_dict
    assert row_counts() == before


def test_a_work_without_a_fandom_can_be_kept_as_a_draft_but_not_posted(user) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        services.work_create(
            actor=user, creators=[user.default_pseud], data=_input(fandoms=()), chapters=[ChapterInput(text="x")],
            post=True,
        )  # fmt: skip
    assert "fandom" in caught.value.message_dict["fandoms"][0]
    assert row_counts() == before
    draft = services.work_create(
        actor=user, creators=[user.default_pseud], data=_input(fandoms=()), chapters=[ChapterInput(text="x")],
        post=False,
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.work_post(actor=user, work=draft)
    assert "fandoms" in caught.value.message_dict
    draft.refresh_from_db()
    assert not draft.posted


def test_a_failing_update_changes_nothing(user) -> None:
    make_work(creator=user, fandoms=("Taken",))
    work = make_work(creator=user, title="Before", characters=("Ann",))
    before = row_counts()
    with pytest.raises(ValidationError):
        services.work_update(actor=user, work=work, data=_input(title="After", characters=("Taken",)))
    work.refresh_from_db()
    assert work.title == "Before"
    assert row_counts() == before


# --- Permissions -----------------------------------------------------------------------------------------


def test_only_creators_may_change_a_work(user, other_user) -> None:
    work = make_work(creator=user, chapters=["a", "b"])
    chapter = work.chapters.first()
    attempts = [
        lambda: services.work_update(actor=other_user, work=work, data=_input(title="Mine now")),
        lambda: services.work_post(actor=other_user, work=work),
        lambda: services.work_delete(actor=other_user, work=work),
        lambda: services.chapter_add(actor=other_user, work=work, data=ChapterInput(text="x")),
        lambda: services.chapter_update(actor=other_user, chapter=chapter, data=ChapterInput(text="x")),
        lambda: services.chapter_delete(actor=other_user, chapter=chapter),
        lambda: services.chapters_reorder(actor=other_user, work=work, chapter_ids=[]),
    ]
    before = row_counts()
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert row_counts() == before
    work.refresh_from_db()
    assert work.title == "A Quiet Evening"


def test_a_work_must_be_credited_to_one_of_your_pseuds(user, other_user) -> None:
    with pytest.raises(PermissionDenied):
        services.work_create(
            actor=user, creators=[other_user.default_pseud], data=_input(), chapters=[ChapterInput(text="x")], post=True
        )
    with pytest.raises(ValidationError):
        services.work_create(actor=user, creators=[], data=_input(), chapters=[ChapterInput(text="x")], post=True)
    assert Work.objects.count() == 0


def test_co_creators_share_the_work_once_they_accept(user) -> None:
    friend = UserFactory()
    work = services.work_create(
        actor=user,
        creators=[user.default_pseud, friend.default_pseud],
        data=_input(),
        chapters=[ChapterInput(text="Together.")],
        post=True,
    )
    with pytest.raises(PermissionDenied):  # invited, not yet a creator
        services.chapter_add(actor=friend, work=work, data=ChapterInput(text="Too early."))
    creator_invitation_accept(actor=friend, invitation_id=work.creator_invitations.get().pk)
    services.chapter_add(actor=friend, work=work, data=ChapterInput(text="My part."))
    assert Chapter.objects.filter(work=work).count() == 2
    assert list(Work.objects.editable_by(friend)) == [work]


def test_series_parts_are_placed_in_order(user) -> None:
    first = make_work(creator=user, series_title="Saga")
    second = make_work(creator=user, series_title="saga")
    third = make_work(creator=user, series_title="Saga", series_position=7)
    positions = {p.work_id: p.position for p in first.series_parts.get().series.parts.all()}
    assert positions == {first.pk: 1, second.pk: 2, third.pk: 7}
