"""Writes for works, chapters and series. Every change to a work goes through here.

Each service checks first (permissions, then input), then acts inside one transaction, so a failure leaves
nothing behind.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max, Sum
from django.utils import timezone

from scriptorium.accounts.models import Pseud, User
from scriptorium.accounts.moderators import is_moderator
from scriptorium.accounts.selectors import suspension_check
from scriptorium.core.ratelimit import new_account_limit_check
from scriptorium.core.sanitize import sanitize_html
from scriptorium.core.spam import SpamCandidate, SpamKind, Verdict, plain_text, spam_check
from scriptorium.core.text import user_text_to_html
from scriptorium.core.wordcount import count_html_words
from scriptorium.skins.selectors import skin_usable
from scriptorium.tags.filters import work_filters_refresh
from scriptorium.tags.models import TagType
from scriptorium.tags.services import fixed_tags, tags_resolve
from scriptorium.works import events
from scriptorium.works.cocreators import work_credits_set
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.models import Chapter, Creatorship, Series, SeriesPart, Tagging, Work
from scriptorium.works.revisions import works_revise as _revise
from scriptorium.works.selectors import work_deletable_by


def _today() -> datetime.date:
    return timezone.localdate()


def _check_creators(*, actor: User, creators: Sequence[Pseud]) -> list[Pseud]:
    pseuds = list(dict.fromkeys(creators))
    if not pseuds:
        raise ValidationError({"creators": ["A work needs at least one creator."]})
    if not any(p.user_id == actor.pk for p in pseuds):
        raise PermissionDenied("You can only post works credited to one of your own pseuds.")
    return pseuds


def _check_can_edit(*, actor: User, work: Work) -> None:
    if not Work.objects.editable_by(actor).filter(pk=work.pk).exists():
        raise PermissionDenied("Only the work's creators can change it.")


def _apply_tags(*, work: Work, data: WorkInput, new: bool = False) -> None:
    """Replace the work's tags with those in ``data`` (rating is a column; the rest are taggings). ``new``: the
    work was just created and has none to replace."""
    tags = [
        *fixed_tags(tag_type=TagType.WARNING, names=data.warnings),
        *fixed_tags(tag_type=TagType.CATEGORY, names=data.categories),
    ]
    errors: dict[str, list[str]] = {}
    for field_name, tag_type in (
        ("fandoms", TagType.FANDOM),
        ("relationships", TagType.RELATIONSHIP),
        ("characters", TagType.CHARACTER),
        ("additional_tags", TagType.ADDITIONAL),
    ):
        try:
            tags.extend(tags_resolve(names=getattr(data, field_name), tag_type=tag_type))
        except ValidationError as exc:
            errors[field_name] = exc.messages
    if errors:
        raise ValidationError(errors)
    if not new:
        Tagging.objects.filter(work=work).delete()
    Tagging.objects.bulk_create([Tagging(work=work, tag=tag, position=i) for i, tag in enumerate(dict.fromkeys(tags))])
    work_filters_refresh(work_ids=[work.pk], new=new)


def _apply_series(
    *, actor: User, work: Work, data: WorkInput, pseuds: Sequence[Pseud], announce: bool = True, new: bool = False
) -> None:
    """Place the work in the series ``data`` names (or in none). ``new``: a work just created, in no series yet."""
    title = data.series_title.strip()
    if not title:
        if not new:
            SeriesPart.objects.filter(work=work).delete()
        return
    series = Series.objects.filter(title__iexact=title, creators__user=actor).order_by("id").first()
    if series is None:
        series = Series.objects.create(title=title, owner=actor)
    series.creators.add(*[p for p in pseuds if p.user_id == actor.pk])
    if not new:
        SeriesPart.objects.filter(work=work).exclude(series=series).delete()
    position = data.series_position
    if position is None:
        if not new and SeriesPart.objects.filter(series=series, work=work).exists():
            return
        position = (SeriesPart.objects.filter(series=series).aggregate(m=Max("position"))["m"] or 0) + 1
    if new:
        SeriesPart.objects.create(series=series, work=work, position=position)
        created = True
    else:
        _, created = SeriesPart.objects.update_or_create(series=series, work=work, defaults={"position": position})
    if created and announce:
        events.work_added_to_series.announce(series_id=series.pk, work_id=work.pk)


def _check_skin(*, actor: User, work: Work | None, data: WorkInput) -> None:
    """A new skin choice must be the writer's own or a public skin (a co-creator keeps the one already chosen)."""
    if data.skin_id is None or (work is not None and work.skin_id == data.skin_id):
        return
    if not skin_usable(user=actor, skin_id=data.skin_id):
        raise ValidationError({"skin": ["Choose one of your own skins or a public one."]})


def _fill_work(work: Work, data: WorkInput) -> None:
    work.title = data.title.strip()
    work.summary = user_text_to_html(data.summary)
    work.notes = user_text_to_html(data.notes)
    work.end_notes = user_text_to_html(data.end_notes)
    work.language = data.language
    work.rating = data.rating
    work.restricted = data.restricted
    work.expected_chapters = data.expected_chapters
    work.skin_id = data.skin_id


def _fill_chapter(chapter: Chapter, data: ChapterInput) -> None:
    chapter.title = data.title.strip()
    chapter.summary = user_text_to_html(data.summary)
    chapter.notes = user_text_to_html(data.notes)
    chapter.end_notes = user_text_to_html(data.end_notes)
    chapter.text = user_text_to_html(data.text)
    chapter.word_count = count_html_words(chapter.text)


#: What the creators read on a work the spam check hid (the moderators see the check's reasons on the case).
SPAM_HELD_REASON = "The spam check found {why}."


def _spam_screen(*, actor: User, work: Work, chapters: Sequence[Chapter] | None = None) -> bool:
    """Judge a posted work (title, summary, notes, every chapter's text) with the spam check; when it is spam,
    set the work hidden "pending review" on ``work`` itself, so the save that follows (``_refresh``, in the
    service's transaction) writes it hidden: it is never shown publicly, not even for a moment. Answers whether
    it was hidden (the caller announces ``work_flagged_as_spam`` for the moderators). Called before the work's
    row is saved posted (``chapters``: a new work's, not saved yet), so no save ever writes a spam work visible.
    Staff, moderators, the archive's own import account and a work already hidden are not judged."""
    if not work.posted or work.hidden or actor.is_staff or actor.is_system or is_moderator(actor):
        return False
    if chapters is None:
        rows = list(work.chapters.order_by("position").values_list("title", "summary", "notes", "end_notes", "text"))
    else:  # not saved yet
        rows = [(c.title, c.summary, c.notes, c.end_notes, c.text) for c in chapters]
    parts = [work.title, work.summary, work.notes, work.end_notes, *(p for row in rows for p in row)]
    html = "\n".join(p for p in parts if p)
    candidate = SpamCandidate(
        text=plain_text(html),
        html=html,
        kind=SpamKind.WORK,
        work_id=work.pk,
        user_id=actor.pk,
        account_created=actor.date_joined,
    )
    result = spam_check().check(candidate)
    if result.verdict != Verdict.SPAM:
        return False
    work.hidden = True
    work.hidden_as_spam = True
    work.hidden_reason = SPAM_HELD_REASON.format(why=result.why)
    work.hidden_at = timezone.now()
    work.held_for_review = True
    return True


def _announce_flagged(work: Work, flagged: bool) -> None:
    """Tell the moderators (``work_flagged_as_spam``); ``work.held_for_review`` tells the posting pages."""
    if flagged:
        events.work_flagged_as_spam.announce(work_id=work.pk)


def _refresh(
    work: Work, *, new_chapter: bool = False, announce: bool = True, chapters: Sequence[Chapter] | None = None
) -> None:
    """Recount words and chapters, settle completion and dates, bump the revision (announced unless not).
    ``chapters``: a new work's chapters, just saved (counted in hand, not read back)."""
    if chapters is None:
        totals = work.chapters.aggregate(words=Sum("word_count"))
        work.word_count = totals["words"] or 0
        work.chapter_count = work.chapters.count()
    else:
        work.word_count = sum(chapter.word_count for chapter in chapters)
        work.chapter_count = len(chapters)
    if work.expected_chapters is not None and work.chapter_count > work.expected_chapters:
        work.expected_chapters = work.chapter_count
    was_complete = work.complete
    work.complete = work.expected_chapters is not None and work.chapter_count >= work.expected_chapters
    if work.posted:
        today = _today()
        if work.complete and not was_complete:
            work.completed_on = today
        if new_chapter:
            work.revised_on = today
    if not work.complete:
        work.completed_on = None
    if chapters is None:
        work.revision = F("revision") + 1
        work.save()
        work.refresh_from_db(fields=["revision"])
    else:  # nobody else can have changed a work that this transaction created
        work.revision += 1
        work.save()
    if announce:
        events.work_revised.announce(work_id=work.pk, revision=work.revision, posted=work.posted)


@transaction.atomic
def work_create(
    *,
    actor: User,
    creators: Sequence[Pseud],
    data: WorkInput,
    chapters: Sequence[ChapterInput],
    post: bool,
    published_on: datetime.date | None = None,
    revised_on: datetime.date | None = None,
    import_format: str = "",
    import_problems: Sequence[dict[str, str]] = (),
    announce: bool = True,
) -> Work:
    """Create a work with its chapters, as a draft or posted.

    ``announce=False`` (a bulk import of archive history, ``efiction``): no ``work_revised``, ``work_posted`` or
    ``work_added_to_series``, so no subscriber is told, no download is built ahead (it is built when first asked
    for) and the caller indexes the work for search itself; a work the spam check holds is still announced."""
    pseuds = _check_creators(actor=actor, creators=creators)
    if post:
        suspension_check(actor)
    data.validate()
    _check_skin(actor=actor, work=None, data=data)
    if post and (gaps := data.posting_gaps()):
        # The posting form's own requirements hold for every way in (imports keep such works as drafts).
        raise ValidationError({name: [message] for name, message in gaps.items()})
    if not chapters:
        raise ValidationError({"text": ["A work needs at least one chapter."]})
    for number, chapter in enumerate(chapters, start=1):
        chapter.validate(label=f"Chapter {number}" if len(chapters) > 1 else "The work")
    if post:
        new_account_limit_check(actor, "new_account_work")

    work = Work(posted=post, import_format=import_format, import_problems=list(import_problems), owner=actor)
    _fill_work(work, data)
    if post:
        work.published_on = published_on or _today()
        work.revised_on = revised_on or work.published_on
    built = []
    for position, chapter_data in enumerate(chapters, start=1):
        chapter = Chapter(position=position, published_on=work.published_on)
        _fill_chapter(chapter, chapter_data)
        built.append(chapter)
    flagged = _spam_screen(actor=actor, work=work, chapters=built)
    work.save()
    work_credits_set(actor=actor, work=work, pseuds=pseuds, new=True)
    _apply_tags(work=work, data=data, new=True)
    _apply_series(actor=actor, work=work, data=data, pseuds=pseuds, announce=announce, new=True)
    for chapter in built:
        chapter.work = work
        chapter.save()
    _refresh(work, announce=announce, chapters=built)
    _announce_flagged(work, flagged)
    if post and work.complete and work.completed_on != work.revised_on:
        # A work complete from the start was completed when its last chapter came (an import's own date).
        work.completed_on = work.revised_on
        work.save(update_fields=["completed_on"])
    if post and announce:
        events.work_posted.announce(work_id=work.pk)
    return work


@transaction.atomic
def work_update(
    *,
    actor: User,
    work: Work,
    data: WorkInput,
    creators: Sequence[Pseud] | None = None,
    import_reviewed: bool = False,
) -> Work:
    """Change a work's metadata (and, when given, its creators). ``import_reviewed``: the creator saved the whole
    form, so what an import asked them to check (``import_problems``) has been seen and is cleared."""
    _check_can_edit(actor=actor, work=work)
    data.validate()
    _check_skin(actor=actor, work=work, data=data)
    pseuds = _check_creators(actor=actor, creators=creators) if creators is not None else None
    _fill_work(work, data)
    if import_reviewed:
        work.import_problems = []
    flagged = _spam_screen(actor=actor, work=work)
    work.save()
    if pseuds is not None:
        work_credits_set(actor=actor, work=work, pseuds=pseuds, new=False)
    _apply_tags(work=work, data=data)
    _apply_series(actor=actor, work=work, data=data, pseuds=pseuds or list(work.creators.all()))
    _refresh(work)
    _announce_flagged(work, flagged)
    return work


@transaction.atomic
def work_post(*, actor: User, work: Work) -> Work:
    """Post a draft: it becomes visible (to everyone, or to logged-in users when restricted)."""
    _check_can_edit(actor=actor, work=work)
    if work.posted:
        return work
    suspension_check(actor)
    if not work.title.strip():
        raise ValidationError({"title": ["A work needs a title before it can be posted."]})
    if not work.taggings.filter(tag__type=TagType.FANDOM).exists():
        message = "Add at least one fandom before posting (“Original Work” for original fiction)."
        raise ValidationError({"fandoms": [message]})
    new_account_limit_check(actor, "new_account_work")
    today = _today()
    work.posted = True
    work.published_on = today
    work.revised_on = today
    if work.complete:
        work.completed_on = today
    flagged = _spam_screen(actor=actor, work=work)
    work.save()
    work.chapters.update(published_on=today)
    _refresh(work)
    _announce_flagged(work, flagged)
    events.work_posted.announce(work_id=work.pk)
    return work


def work_hidden_set(*, actor: User, work_id: int, hidden: bool, reason: str = "", spam: bool = False) -> Work:
    """Hide a work ("hidden by a moderator", ``spam`` when it is spam) or show it again. Moderators only; the
    work is locked and read again, so a work deleted meanwhile answers ``Work.DoesNotExist`` and nothing changes.
    Saving the work reindexes it (``search.signals``): a hidden work leaves the index, a shown one comes back."""
    if not is_moderator(actor):
        raise PermissionDenied("Only moderators can hide or show works.")
    reason = reason.strip()
    if hidden and not reason:
        raise ValidationError({"reason": ["Say why the work is hidden: its creators are told."]})
    with transaction.atomic():
        work = Work.objects.select_for_update().get(pk=work_id)
        work.hidden = hidden
        work.hidden_as_spam = hidden and spam
        work.hidden_reason = reason if hidden else ""
        work.hidden_at = timezone.now() if hidden else None
        work.held_for_review = False  # a moderator has decided
        work.save(
            update_fields=["hidden", "hidden_as_spam", "hidden_reason", "hidden_at", "held_for_review", "modified_at"]
        )
    return work


@transaction.atomic
def work_delete(*, actor: User, work: Work) -> None:
    """Delete a work with its chapters, taggings, series places and pending co-creator invitations. Refused while
    someone else is credited: a co-creator removes themselves instead, the owner removes the others first."""
    _check_can_edit(actor=actor, work=work)
    if not work_deletable_by(actor=actor, work=work):
        raise PermissionDenied(
            "This work has other creators, so it cannot be deleted: remove yourself from its creators instead "
            "(or, if you created it, remove the other creators first)."
        )
    work_id = work.pk
    work.delete()
    events.work_deleted.announce(work_id=work_id)


@transaction.atomic
def chapter_add(
    *, actor: User, work: Work, data: ChapterInput, expected_chapters: int | None | Literal["keep"] = "keep"
) -> Chapter:
    """Add a chapter at the end; a posted work's "updated" date moves to today.

    ``expected_chapters`` changes the work's expected count in the same step (None: unknown).
    """
    _check_can_edit(actor=actor, work=work)
    if work.posted:
        suspension_check(actor)
    data.validate()
    if expected_chapters != "keep":
        if expected_chapters is not None and expected_chapters < 1:
            raise ValidationError({"expected_chapters": ["The expected number of chapters must be at least 1."]})
        work.expected_chapters = expected_chapters
    position = (work.chapters.aggregate(m=Max("position"))["m"] or 0) + 1
    chapter = Chapter(work=work, position=position, published_on=_today() if work.posted else None)
    _fill_chapter(chapter, data)
    chapter.save()
    flagged = _spam_screen(actor=actor, work=work)
    _refresh(work, new_chapter=True)
    _announce_flagged(work, flagged)
    if work.posted:
        events.chapter_posted.announce(work_id=work.pk, chapter_id=chapter.pk)
    return chapter


@transaction.atomic
def chapter_update(*, actor: User, chapter: Chapter, data: ChapterInput) -> Chapter:
    _check_can_edit(actor=actor, work=chapter.work)
    data.validate()
    _fill_chapter(chapter, data)
    chapter.save()
    flagged = _spam_screen(actor=actor, work=chapter.work)
    _refresh(chapter.work)
    _announce_flagged(chapter.work, flagged)
    return chapter


@transaction.atomic
def chapter_delete(*, actor: User, chapter: Chapter) -> None:
    """Delete a chapter; the last remaining chapter cannot be deleted (delete the work instead)."""
    work = chapter.work
    _check_can_edit(actor=actor, work=work)
    if work.chapters.count() <= 1:
        raise ValidationError("A work needs at least one chapter: delete the work instead.")
    chapter.delete()
    for position, remaining in enumerate(work.chapters.order_by("position", "id"), start=1):
        if remaining.position != position:
            Chapter.objects.filter(pk=remaining.pk).update(position=position)
    _refresh(work)


@transaction.atomic
def chapters_reorder(*, actor: User, work: Work, chapter_ids: Sequence[int]) -> None:
    """Put the work's chapters in the given order (every chapter id exactly once)."""
    _check_can_edit(actor=actor, work=work)
    current = set(work.chapters.values_list("id", flat=True))
    if len(chapter_ids) != len(current) or set(chapter_ids) != current:
        raise ValidationError("The new order must list each of the work's chapters exactly once.")
    for position, chapter_id in enumerate(chapter_ids, start=1):
        Chapter.objects.filter(pk=chapter_id, work=work).update(position=position)
    _refresh(work)


def series_summary_update(*, actor: User, series: Series, summary: str) -> Series:
    if not series.creators.filter(user=actor).exists():
        raise PermissionDenied("Only the series' creators can change it.")
    series.summary = sanitize_html(summary)
    series.save(update_fields=["summary", "modified_at"])
    return series


@transaction.atomic
def pseud_delete(*, actor: User, pseud: Pseud) -> None:
    """Delete a pseud; its works move to the account's default pseud (which cannot be deleted). Lives here, not
    in accounts, because what it really changes is the credits of works."""
    if pseud.user_id != actor.pk:
        raise PermissionDenied("That pseud is not yours.")
    if pseud.is_default:
        raise ValidationError("The default pseud cannot be deleted; make another one the default first.")
    default = actor.default_pseud
    work_ids = []
    for creatorship in Creatorship.objects.filter(pseud=pseud):
        work_ids.append(creatorship.work_id)
        if Creatorship.objects.filter(work_id=creatorship.work_id, pseud=default).exists():
            creatorship.delete()
        else:
            creatorship.pseud = default
            creatorship.save(update_fields=["pseud"])
    pseud.delete()
    _revise(work_ids)


def works_pseud_renamed(*, pseud_id: int) -> int:
    """The works credited to a renamed pseud show a new byline: bump their revisions. Answers how many."""
    with transaction.atomic():
        work_ids = list(Creatorship.objects.filter(pseud_id=pseud_id).values_list("work_id", flat=True))
        _revise(work_ids)
    return len(work_ids)
