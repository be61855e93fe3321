"""Writes of an eFiction import: authors → external creators, stories → works (with their chapters, series and
reviews as comments), through the works and interactions services.

Each story is one transaction (its work, credits, chapters, series place, comments and its ``EfictionRecord``),
so a failure or a kill leaves whole stories only, and the next run, finding the records, goes on where the last
one stopped: a second run adds nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scriptorium.accounts.models import User
from scriptorium.efiction import convert, events
from scriptorium.efiction.mapping import Mapping
from scriptorium.efiction.models import EfictionImport, EfictionRecord, RecordKind
from scriptorium.efiction.reader import TABLE_PURPOSE, Archive, EfictionReader, Review, Story, stories_batches
from scriptorium.efiction.report import ImportReport
from scriptorium.interactions.services.archived import ArchivedComment, comments_archived_create
from scriptorium.search import signals as search_signals
from scriptorium.search.backends import get_search_backend
from scriptorium.tags.models import TagType
from scriptorium.tags.services import TagTypeTaken, tag_for_name, tags_remembered
from scriptorium.works.external import external_creator_get_or_create, work_external_creators_set
from scriptorium.works.inputs import WorkInput
from scriptorium.works.models import ExternalCreator, SeriesPart, Work
from scriptorium.works.services import series_summary_update, work_create

#: The free tag fields of a work, their tag type, and the word that sets a name apart from a tag of another type.
FREE_FIELDS = (
    ("fandoms", TagType.FANDOM, "Fandom"),
    ("characters", TagType.CHARACTER, "Character"),
    ("additional_tags", TagType.ADDITIONAL, "Tag"),
)
TAG_RENAMED = "tag name taken by another type of tag (renamed)"

#: Stories whose chapters and reviews are read from eFiction at once.
BATCH = 100


@dataclass(frozen=True)
class ImportOptions:
    archivist: User
    source: str  # "efiction:<name>"
    mapping: Mapping
    stories_dir: Path | None = None
    dry_run: bool = False


def _validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return " ".join(message for messages in exc.message_dict.values() for message in messages)
    return " ".join(exc.messages)


class _Run:
    """One run of an import: its records (what is done already) and its report."""

    def __init__(self, reader: EfictionReader, options: ImportOptions, report: ImportReport) -> None:
        self.reader = reader
        self.options = options
        self.report = report
        self.archivist = options.archivist
        self.pseud = options.archivist.default_pseud
        self.record: EfictionImport | None = None
        self.creators: dict[int, ExternalCreator] = {}
        self.stories_done: set[int] = set()
        self.series_done: set[int] = set()
        self.archive = Archive()
        self.tag_names: dict[tuple[str, str], str] = {}  # (type, name) → the name it is imported under ("": left out)

    def start(self) -> None:
        self.archive = self.reader.archive()
        self.report.missing_tables = dict(self.reader.missing)
        if self.options.dry_run:
            self.record = EfictionImport.objects.filter(source=self.options.source).first()
        else:
            self.record, _ = EfictionImport.objects.get_or_create(
                source=self.options.source, defaults={"archivist": self.archivist}
            )
        if self.record is not None and self.record.archivist_id != self.archivist.pk:
            raise ValidationError(
                f"{self.options.source} was imported by another account ({self.record.archivist}); "
                "run the import again as that account (--archivist)."
            )
        if self.record is not None:
            done = EfictionRecord.objects.filter(efiction_import=self.record)
            by_kind: dict[str, dict[int, int]] = {}
            for kind, source_id, object_id in done.values_list("kind", "source_id", "object_id"):
                by_kind.setdefault(kind, {})[source_id] = object_id
            self.stories_done = set(by_kind.get(RecordKind.STORY, {}))
            self.series_done = set(by_kind.get(RecordKind.SERIES, {}))
            authors = by_kind.get(RecordKind.AUTHOR, {})
            found = ExternalCreator.objects.in_bulk(list(authors.values()))
            self.creators = {uid: found[pk] for uid, pk in authors.items() if pk in found}
        for challenge in self.archive.challenges.values():
            sids = [s.sid for s in self.archive.stories if challenge.chalid in s.challenge_ids]
            who = f" by {challenge.challenger}" if challenge.challenger else ""
            self.report.challenges.append(
                f"challenge {challenge.chalid} “{challenge.title}”{who}: stories {', '.join(map(str, sids)) or 'none'}"
            )

    # Authors

    def authors(self) -> None:
        self.report.counts["authors"] = len(self.archive.authors)
        for author in self.archive.authors.values():
            if author.uid in self.creators:
                continue
            if not self.options.dry_run:
                self._creator(author.uid)
            self.report.counts["authors_new"] += 1

    def _creator(self, uid: int) -> ExternalCreator:
        """The external creator of eFiction's author ``uid``, made (and recorded) on first use."""
        found = self.creators.get(uid)
        if found is not None:
            return found
        author = self.archive.authors.get(uid)
        if author is None:
            self.report.note(convert.UNKNOWN_AUTHOR, f"uid {uid} (credited as “eFiction author {uid}”)")
        name = (author.penname or author.realname) if author else ""
        with transaction.atomic():
            creator = external_creator_get_or_create(
                archivist=self.archivist,
                name=name or f"eFiction author {uid}",
                email=author.email if author and "@" in author.email else "",
                source=f"{self.options.source}:{uid}",
            )
            EfictionRecord.objects.get_or_create(
                efiction_import=self.record, kind=RecordKind.AUTHOR, source_id=uid, defaults={"object_id": creator.pk}
            )
        self.creators[uid] = creator
        return creator

    def _penname(self, uid: int, fallback: str = "") -> str:
        author = self.archive.authors.get(uid)
        if author is not None and (author.penname or author.realname):
            return author.penname or author.realname
        return fallback or (f"eFiction author {uid}" if uid else "Anonymous")

    # Stories

    def stories(self, progress: Callable[[int], None] | None = None) -> None:
        todo = [s for s in self.archive.stories if s.sid not in self.stories_done]
        self.report.counts["stories_read"] = len(self.archive.stories)
        self.report.counts["stories_done"] = len(self.archive.stories) - len(todo)
        done = self.report.counts["stories_done"]
        if progress:
            progress(done)
        if self.options.dry_run:
            self._stories(todo, done, progress)
            return
        with search_signals.held() as held, tags_remembered():
            self._settle(held)  # what a killed run left unindexed
            self._stories(todo, done, progress, held)

    def _stories(
        self,
        todo: list[Story],
        done: int,
        progress: Callable[[int], None] | None,
        held: dict[str, set[int]] | None = None,
    ) -> None:
        for batch in stories_batches(todo, BATCH):
            sids = [s.sid for s in batch]
            chapters = self.reader.chapters(sids)
            reviews = self.reader.reviews(sids)
            for story in batch:
                self._story(story, chapters[story.sid], reviews[story.sid])
                done += 1
                if progress:
                    progress(done)
            if held is not None:
                self._settle(held)

    def _settle(self, held: dict[str, set[int]]) -> None:
        """Index the works of stories imported (by this run or a killed one) and not yet indexed, in one batch,
        and say they are in (``works_imported``): the works were created unannounced."""
        pending = EfictionRecord.objects.filter(efiction_import=self.record, kind=RecordKind.STORY, index_pending=True)
        rows = list(pending.values_list("pk", "object_id"))
        if not rows:
            return
        work_ids = [work_id for _, work_id in rows]
        get_search_backend().index_works(work_ids)
        held["works"].difference_update(work_ids)
        EfictionRecord.objects.filter(pk__in=[pk for pk, _ in rows]).update(index_pending=False)
        events.works_imported.announce(import_id=self.record.pk)

    def _story(self, story: Story, chapters: list, reviews: list[Review]) -> None:
        note = self.report.note
        parts = convert.chapter_inputs(story, chapters, self.options.stories_dir, note)
        if not parts:
            self.report.counts["stories_skipped"] += 1
            self.report.failed.append(f"story {story.sid} “{story.title}”: no chapter with text")
            return
        data = self._settle_tags(
            convert.work_input(story, self.archive, self.options.mapping, note, chapters=len(parts))
        )
        uids = list(dict.fromkeys([story.uid, *story.coauthor_uids, *self.archive.coauthors.get(story.sid, [])]))
        uids = [uid for uid in uids if uid > 0]
        comments = self._comments(story, reviews)
        if self.options.dry_run:
            try:
                data.validate()
                for _, chapter in parts:
                    chapter.validate()
            except ValidationError as exc:
                self._failed(story, exc)
                return
            self._count(story, parts, comments)
            return
        post = story.validated
        if post and data.posting_gaps():
            # Only when the mapping file sets no fandom for stories in no category: kept as a draft, reported.
            note("stories kept as drafts (no fandom)", f"story {story.sid}")
            post = False
        creators_before, series_before = dict(self.creators), set(self.series_done)
        try:
            with transaction.atomic():
                creators = [self._creator(uid) for uid in uids]
                work = work_create(
                    actor=self.archivist,
                    creators=[self.pseud],
                    data=data,
                    chapters=[chapter for _, chapter in parts],
                    post=post,
                    published_on=story.published,
                    revised_on=story.updated or story.published,
                    import_format="efiction",
                    announce=False,  # archive history, not news: indexed and announced per batch (_settle)
                )
                work_external_creators_set(work=work, external_creators=creators, announce=False)
                self._series(story, work)
                if work.posted and comments:
                    by_chapid = dict(zip([c.chapid for c, _ in parts], work.chapters.order_by("position"), strict=True))
                    first = next(iter(by_chapid.values()))
                    archived = [
                        ArchivedComment(
                            chapter=by_chapid.get(review.chapid, first),
                            name=name,
                            text=text,
                            created_at=review.date,
                            replies=tuple(
                                ArchivedComment(chapter=by_chapid.get(review.chapid, first), name=who, text=answer)
                                for who, answer in responses
                            ),
                        )
                        for review, name, text, responses in comments
                    ]
                    comments_archived_create(actor=self.archivist, work=work, comments=archived)
                EfictionRecord.objects.create(
                    efiction_import=self.record,
                    kind=RecordKind.STORY,
                    source_id=story.sid,
                    object_id=work.pk,
                    index_pending=True,
                )
        except ValidationError as exc:
            self._failed(story, exc)
            self.creators, self.series_done = creators_before, series_before  # rolled back with the story
            return
        if not work.posted and comments:
            note(convert.LEFT_OUT, f"{len(comments)} reviews of story {story.sid} (a draft here: not validated)")
        self._count(story, parts, comments if work.posted else [])

    def _settle_tags(self, data: WorkInput) -> WorkInput:
        """Names that are already tags of another type here ("Night Shift" a fandom, then a character) are set
        apart ("Night Shift (Character)") and reported, rather than refusing the story; invalid ones left out."""
        changes = {}
        for field, tag_type, word in FREE_FIELDS:
            names = []
            for name in getattr(data, field):
                key = (tag_type, name.casefold())
                if key not in self.tag_names:
                    self.tag_names[key] = self._tag_name(name, tag_type, word)
                if self.tag_names[key]:
                    names.append(self.tag_names[key])
            changes[field] = tuple(dict.fromkeys(names))
        return dataclasses.replace(data, **changes)

    def _tag_name(self, name: str, tag_type: str, word: str) -> str:
        for candidate in (name, f"{name} ({word})"):
            try:
                tag_for_name(candidate, tag_type=tag_type)
            except TagTypeTaken:
                continue
            except ValidationError as exc:
                self.report.note(convert.LEFT_OUT, f"tag “{name}”: {_validation_message(exc)}")
                return ""
            if candidate != name:
                self.report.note(TAG_RENAMED, f"“{name}” → “{candidate}”")
            return candidate
        self.report.note(convert.LEFT_OUT, f"tag “{name}”: taken by other types of tag")
        return ""

    def _failed(self, story: Story, exc: ValidationError) -> None:
        self.report.counts["stories_skipped"] += 1
        self.report.failed.append(f"story {story.sid} “{story.title}”: {_validation_message(exc)}")

    def _count(self, story: Story, parts: list, comments: list) -> None:
        counts = self.report.counts
        counts["works"] += 1
        counts["drafts"] += 0 if story.validated else 1
        counts["chapters"] += len(parts)
        counts["comments"] += len(comments) + sum(len(r) for *_, r in comments)
        counts["replies"] += sum(len(r) for *_, r in comments)

    def _comments(self, story: Story, reviews: list[Review]) -> list[tuple[Review, str, str, list[tuple[str, str]]]]:
        out = []
        author = self._penname(story.uid)
        for review in reviews:
            text, response = convert.review_split(review) if review.responded else (review.text, "")
            if not text.strip() and not response.strip():
                continue
            name = self._penname(review.uid, review.reviewer) if review.uid else (review.reviewer or "Anonymous")
            out.append((review, name, text, [(author, response)] if response.strip() else []))
        return out

    def _series(self, story: Story, work: Work) -> None:
        place = self.archive.series_places.get(story.sid)
        series = self.archive.series.get(place[0].seriesid) if place else None
        if series is None:
            return
        part = SeriesPart.objects.filter(work=work).select_related("series").first()
        if part is None or series.seriesid in self.series_done:
            return
        if series.summary.strip():
            series_summary_update(actor=self.archivist, series=part.series, summary=series.summary)
        EfictionRecord.objects.get_or_create(
            efiction_import=self.record,
            kind=RecordKind.SERIES,
            source_id=series.seriesid,
            defaults={"object_id": part.series_id},
        )
        self.series_done.add(series.seriesid)

    def finish(self) -> None:
        self.report.counts["series"] = len(self.series_done)
        if self.record is not None and not self.options.dry_run:
            EfictionImport.objects.filter(pk=self.record.pk).update(last_run_at=timezone.now())


def efiction_import(
    *,
    reader: EfictionReader,
    options: ImportOptions,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import the archive ``reader`` reads; answers the report. Raises ``ValidationError`` (nothing written)
    when this source was imported by another account."""
    report = ImportReport(source=options.source, dry_run=options.dry_run)
    run = _Run(reader, options, report)
    run.start()
    run.authors()
    total = len(run.archive.stories)
    run.stories(progress=(lambda done: progress(done, total)) if progress else None)
    run.finish()
    return report


__all__ = ["BATCH", "TABLE_PURPOSE", "ImportOptions", "efiction_import"]
