"""Imports: one service that the CLI, the web upload and (later) the API all call.

A file goes bytes → ParsedWork (``formats.parse_file``: plain text, Markdown, HTML, EPUB, DOCX, or a ZIP
holding one of them) → WorkInput → ``work_create``. The file is read before the transaction starts, so the
database is held only while the work is written; the writing happens in one transaction: a file that fails
leaves no work, chapter, tag or account behind. A ZIP of several stories goes through
:func:`works_import_archive`: one work (and one transaction) per member.

Whose work it is: by default the work is credited to ``creator`` (the person importing their own work). With
``on_behalf`` (archivists, Open Doors style: issue 15) ``creator`` is the archivist's keeping pseud and each
work is credited to an external creator named from the file (or ``author_name``), so the byline reads "by NAME
[archived by ARCHIVIST]"; a file naming no author is refused then, before anything is written. Either way the
author names the file gave are kept on its ``ImportedFile`` record.

Each imported file is remembered by the SHA-256 of its bytes for the account the work is credited to
(``ImportedFile``): the same bytes again for the same account raise :class:`AlreadyImported`, naming the work,
unless ``allow_duplicates`` insists. Only that account's own imports count, so the answer never tells anyone
of another account's works (drafts included). A database that stays locked longer than its busy timeout is
tried again a few times (``core.dblocks.retry_when_locked``) before the file is reported as not imported.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import OperationalError, transaction

from scriptorium.accounts.models import Pseud, User
from scriptorium.accounts.services import import_account
from scriptorium.core.dblocks import is_lock_error, retry_when_locked
from scriptorium.core.text import paragraphs_to_html
from scriptorium.tags.models import TagType
from scriptorium.tags.services import TagTypeTaken, tag_for_name
from scriptorium.tags.vocabulary import (
    CATEGORIES,
    CHOSE_NOT_TO_WARN,
    NOT_RATED,
    NOTES_MAX,
    RATINGS,
    SUMMARY_MAX,
    TAGS_PER_WORK_MAX,
    WARNINGS,
)
from scriptorium.transfer.formats import parse_file
from scriptorium.transfer.formats.archive import story_members
from scriptorium.transfer.models import ImportedFile
from scriptorium.transfer.parsed import ImportRejected, ParsedWork, Problem
from scriptorium.transfer.selectors import imported_file_of
from scriptorium.works.external import external_creator_get_or_create, work_external_creators_set
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.languages import LANGUAGES
from scriptorium.works.models import ExternalCreator, Work
from scriptorium.works.models.external import EXTERNAL_NAME_MAX
from scriptorium.works.services import work_create

UNTITLED = "Untitled"

#: What a file that could not be written because the database stayed busy is told.
STILL_LOCKED = "The archive's database stayed busy, so this file was not imported; import it again later."

#: What a file archived on its author's behalf is told when it names no author and none was given.
NO_AUTHOR = "The file does not name its author. Give the author's name to archive it on their behalf."


class AlreadyImported(ImportRejected):
    """The account already imported a file with exactly these bytes, as ``work`` (still there)."""

    def __init__(self, work: Work) -> None:
        super().__init__("duplicate", f"Already imported as “{work.title}” ({work.get_absolute_url()}).")
        self.work = work


def content_hash(data: bytes) -> str:
    """The SHA-256 (hex) by which an imported file is recognised."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class ImportResult:
    """What one import made, and what the person importing should look at."""

    work: Work
    parsed: ParsedWork
    problems: list[Problem] = field(default_factory=list)
    #: With ``on_behalf``: the external creators the work is credited to.
    external_creators: list[ExternalCreator] = field(default_factory=list)

    @property
    def author_names(self) -> list[str]:
        """The author names the file itself gave (kept on the import record whoever was credited)."""
        return list(self.parsed.creators)


@dataclass
class ArchiveMemberResult:
    """One file of an imported ZIP archive: the work it became, or why it did not."""

    name: str
    result: ImportResult | None = None
    error: ImportRejected | None = None


def parse_upload(*, data: bytes, filename: str = "") -> ParsedWork:
    """Bytes of an uploaded file (any supported format) to a ParsedWork; raises ImportRejected with a reason."""
    parsed = parse_file(data, filename, max_bytes=settings.SCRIPTORIUM_IMPORT_MAX_BYTES)
    if parsed.encoding not in ("utf-8", ""):
        parsed.problems.append(
            Problem(
                "encoding",
                f"The file was not plain UTF-8; it was read as {_encoding_name(parsed.encoding)}.",
                "info",
            )
        )
    return parsed


def _encoding_name(encoding: str) -> str:
    return {
        "utf-8-sig": "UTF-8 with a byte order mark",
        "cp1252": "Windows-1252",
        "utf-16": "UTF-16 (with a byte order mark)",
    }.get(encoding, encoding)


def _usable_tags(names: list[str], tag_type: str, problems: list[Problem], field_name: str) -> tuple[str, ...]:
    """Tag names the archive can take; the others are reported instead of failing the import."""
    usable: list[str] = []
    for raw in names:
        try:
            name, _ = tag_for_name(raw, tag_type=tag_type)
        except TagTypeTaken as exc:
            kind = exc.existing.get_type_display().lower()
            problems.append(
                Problem(field_name, f"“{exc.tag_name}” is already a {kind} tag here, so it was left out.", "doubtful")
            )
            continue
        except ValidationError as exc:
            problems.append(Problem(field_name, f"Tag left out: {' '.join(exc.messages)}", "doubtful"))
            continue
        usable.append(name)
    return tuple(usable)


def _fitted_html(text: str, limit: int, problems: list[Problem], field_name: str, label: str = "") -> str:
    """Plain paragraphs as HTML within ``limit`` characters; a longer text is shortened and reported
    rather than failing the whole import (other sites allow longer summaries and notes than AO3)."""
    html = paragraphs_to_html([p for p in text.split("\n\n") if p.strip()])
    if len(html) <= limit:
        return html
    cut = len(text)
    while len(html) > limit and cut > 0:
        cut = max(0, cut - (len(html) - limit) - 10)
        shortened = text[:cut].rsplit(" ", 1)[0].rstrip() + "…"
        html = paragraphs_to_html([p for p in shortened.split("\n\n") if p.strip()])
    label = label or field_name.replace("_", " ")
    message = f"The {label} was longer than {limit:,} characters and was shortened."
    problems.append(Problem(field_name, message, "doubtful"))
    return html


def work_input_from_parsed(parsed: ParsedWork, *, title: str | None = None) -> tuple[WorkInput, list[Problem]]:
    """The archive's defaults for what a file did not say, each one reported."""
    problems = list(parsed.problems)
    chosen_title = (title or parsed.title or "").strip() or UNTITLED
    rating = parsed.rating if parsed.rating in RATINGS else NOT_RATED
    warnings = tuple(w for w in parsed.warnings if w in WARNINGS) or (CHOSE_NOT_TO_WARN,)
    categories = tuple(c for c in parsed.categories if c in CATEGORIES)
    language = parsed.language if parsed.language in LANGUAGES else None
    if language is None:
        if parsed.language:
            problems.append(Problem("language", f"Unknown language “{parsed.language}”; set to English.", "doubtful"))
        language = "en"
    expected = parsed.expected_chapters
    if parsed.complete:
        expected = len(parsed.chapters)
    elif expected is not None and expected < len(parsed.chapters):
        expected = None
    fandoms = _usable_tags(parsed.fandoms, TagType.FANDOM, problems, "fandoms")
    relationships = _usable_tags(parsed.relationships, TagType.RELATIONSHIP, problems, "relationships")
    characters = _usable_tags(parsed.characters, TagType.CHARACTER, problems, "characters")
    additional = _usable_tags(parsed.additional_tags, TagType.ADDITIONAL, problems, "additional_tags")
    room = TAGS_PER_WORK_MAX - len(fandoms) - len(relationships) - len(characters)
    if len(additional) > max(room, 0):
        left_out = additional[max(room, 0) :]
        additional = additional[: max(room, 0)]
        problems.append(
            Problem(
                "additional_tags",
                f"A work can have {TAGS_PER_WORK_MAX} tags; {len(left_out)} additional tags were left out: "
                + ", ".join(left_out),
                "doubtful",
            )
        )
    data = WorkInput(
        title=chosen_title,
        summary=_fitted_html(parsed.summary, SUMMARY_MAX, problems, "summary"),
        notes=_fitted_html(parsed.notes, NOTES_MAX, problems, "notes"),
        end_notes=_fitted_html(parsed.end_notes, NOTES_MAX, problems, "end_notes"),
        language=language,
        rating=rating,
        warnings=warnings,
        categories=categories,
        fandoms=fandoms,
        relationships=relationships,
        characters=characters,
        additional_tags=additional,
        expected_chapters=expected,
        series_title=parsed.series_title,
        series_position=parsed.series_position,
    )
    return data, problems


def _chapter_inputs(parsed: ParsedWork, problems: list[Problem] | None = None) -> list[ChapterInput]:
    """Chapters as the works service takes them: the sanitized HTML of rich formats, or plain paragraphs."""
    found = problems if problems is not None else []
    return [
        ChapterInput(
            text=chapter.html or paragraphs_to_html(chapter.paragraphs),
            title=chapter.title,
            summary=_fitted_html(chapter.summary, SUMMARY_MAX, found, "chapters", f"summary of chapter {number}"),
            notes=_fitted_html(chapter.notes, NOTES_MAX, found, "chapters", f"notes of chapter {number}"),
            end_notes=_fitted_html(chapter.end_notes, NOTES_MAX, found, "chapters", f"end notes of chapter {number}"),
        )
        for number, chapter in enumerate(parsed.chapters, start=1)
    ]


def _validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return " ".join(message for messages in exc.message_dict.values() for message in messages)
    return " ".join(exc.messages)


def work_import(
    *,
    data: bytes,
    filename: str = "",
    creator: Pseud | None = None,
    title: str | None = None,
    draft: bool = False,
    allow_duplicates: bool = False,
    on_behalf: bool = False,
    author_name: str = "",
    author_email: str = "",
) -> ImportResult:
    """Import one file as a work credited to ``creator`` (default: the archive's import account).

    ``on_behalf``: the work is archived for its author instead: credited to an external creator named
    ``author_name`` (else each author the file names), with ``author_email`` when given, and kept by ``creator``
    (the archivist's pseud). The caller decides who may do so (``accounts.archivists.is_archivist``). A file with
    no author name then raises ImportRejected ("no-author") and nothing is written.

    A work without a title is kept as a draft titled "Untitled" until its creator gives it one.
    Raises ImportRejected when nothing can be imported (AlreadyImported when the creator's account imported
    these very bytes before and ``allow_duplicates`` is not set); nothing is written then.
    """
    parsed = parse_upload(data=data, filename=filename)
    if not parsed.chapters or not any(chapter.has_text() for chapter in parsed.chapters):
        raise ImportRejected("no-prose", "The file has no story text to import.")
    authors = _authors_on_behalf(parsed, author_name=author_name, author_email=author_email) if on_behalf else []
    digest = content_hash(data)

    def write() -> ImportResult:
        with transaction.atomic():
            return _work_write(
                parsed=parsed,
                pseud=creator if creator is not None else import_account().default_pseud,
                supplied_creator=creator is not None,
                digest=digest,
                filename=filename,
                title=title,
                draft=draft,
                allow_duplicates=allow_duplicates,
                authors=authors,
            )

    return retry_when_locked(write)


def _authors_on_behalf(parsed: ParsedWork, *, author_name: str, author_email: str) -> list[tuple[str, str]]:
    """(name, email) of each external creator a work archived on its author's behalf is credited to: the name
    given, else each one the file names (the email only goes with a single author). Refuses a file with none."""
    given = " ".join((author_name or "").split())
    names = [given] if given else list(dict.fromkeys(n for n in (" ".join(c.split()) for c in parsed.creators) if n))
    if not names:
        raise ImportRejected("no-author", NO_AUTHOR)
    email = (author_email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ImportRejected("bad-email", f"“{email}” is not an email address.") from exc
    too_long = [name for name in names if len(name) > EXTERNAL_NAME_MAX]
    if too_long:
        raise ImportRejected("bad-author", f"An author's name has at most {EXTERNAL_NAME_MAX} characters.")
    return [(name, email if len(names) == 1 else "") for name in names]


def _work_write(
    *,
    parsed: ParsedWork,
    pseud: Pseud,
    supplied_creator: bool,
    digest: str,
    filename: str,
    title: str | None,
    draft: bool,
    allow_duplicates: bool,
    authors: list[tuple[str, str]],
) -> ImportResult:
    """The writing half of :func:`work_import`, inside its transaction: check for an earlier import of the same
    bytes, then create the work (crediting ``authors`` as external creators, when archived on their behalf) and
    remember the file."""
    actor: User = pseud.user
    if not allow_duplicates:
        # Imports for one account take turns here (SQLite's writers always do), so two at once cannot both miss
        # the other's record.
        list(User.objects.select_for_update().filter(pk=actor.pk).values_list("pk"))
        earlier = imported_file_of(actor, digest)
        if earlier is not None:
            raise AlreadyImported(earlier.work)
    work_input, problems = work_input_from_parsed(parsed, title=title)
    # What the person importing supplied is no longer missing.
    supplied = {"title"} if (title or "").strip() else set()
    if supplied_creator or authors:
        supplied.add("creators")
    problems = [p for p in problems if p.field not in supplied]
    has_title = bool((title or parsed.title or "").strip())
    chapters = _chapter_inputs(parsed, problems)
    # Posted only when the posting form would take it; otherwise a draft whose edit page lists what to fill in.
    gaps = work_input.posting_gaps()
    if not has_title:  # it is called "Untitled" meanwhile
        gaps = {"title": "The file gives no title: give the work one.", **gaps}
    problems = [p for p in problems if p.field not in gaps] + [
        Problem(name, f"{message} The work is kept as a draft until then.", "missing") for name, message in gaps.items()
    ]
    post = not draft and not gaps
    try:
        work = work_create(
            actor=actor,
            creators=[pseud],
            data=work_input,
            chapters=chapters,
            post=post,
            published_on=parsed.published if post else None,
            revised_on=parsed.updated if post else None,
            import_format=parsed.source_format,
            import_problems=[asdict(p) for p in problems],
        )
        external = [external_creator_get_or_create(archivist=actor, name=name, email=email) for name, email in authors]
    except ValidationError as exc:
        raise ImportRejected("invalid", _validation_message(exc)) from exc
    if external:
        work_external_creators_set(work=work, external_creators=external)
        work.refresh_from_db()
    ImportedFile.objects.create(
        owner=actor, work=work, content_hash=digest, name=filename[:500], author_names=list(parsed.creators)
    )
    return ImportResult(work=work, parsed=parsed, problems=problems, external_creators=external)


def works_import_archive(
    *,
    data: bytes,
    filename: str = "",
    creator: Pseud | None = None,
    draft: bool = False,
    allow_duplicates: bool = False,
    on_behalf: bool = False,
    author_name: str = "",
    author_email: str = "",
) -> list[ArchiveMemberResult]:
    """Import each story file of a ZIP archive as a work of its own, each in its own transaction.

    A damaged or hostile archive (ZIP bomb, path traversal, too many members) raises ImportRejected before
    anything is imported; a member that fails (already imported, unreadable, or the database stayed busy) is
    reported in its result and the others go on.
    """
    max_bytes = settings.SCRIPTORIUM_IMPORT_MAX_BYTES
    if len(data) > max_bytes:
        limit = max_bytes / (1024 * 1024)
        raise ImportRejected("too-large", f"The archive is larger than the {limit:g} MB limit.")
    results: list[ArchiveMemberResult] = []
    for member in story_members(data, max_bytes=max_bytes):
        if member.error is not None:
            results.append(ArchiveMemberResult(member.name, error=member.error))
            continue
        try:
            result = work_import(
                data=member.data,
                filename=member.name,
                creator=creator,
                draft=draft,
                allow_duplicates=allow_duplicates,
                on_behalf=on_behalf,
                author_name=author_name,
                author_email=author_email,
            )
        except ImportRejected as exc:
            results.append(ArchiveMemberResult(member.name, error=exc))
        except OperationalError as exc:
            if not is_lock_error(exc):
                raise
            results.append(ArchiveMemberResult(member.name, error=ImportRejected("busy", STILL_LOCKED)))
        else:
            results.append(ArchiveMemberResult(member.name, result=result))
    if not results:
        raise ImportRejected("empty", "The ZIP archive holds no files to import.")
    return results


def import_summary(result: ImportResult, *, base_url: str = "") -> dict[str, object]:
    """The created work as scripts read it (``scriptorium import --json``)."""
    work = result.work
    tags = {t: [] for t in ("warning", "category", "fandom", "relationship", "character", "additional")}
    for tagging in work.taggings.select_related("tag").order_by("position"):
        tags.setdefault(tagging.tag.type, []).append(tagging.tag.name)
    return {
        "id": work.pk,
        "url": f"{base_url.rstrip('/')}{work.get_absolute_url()}",
        "title": work.title,
        "summary": result.parsed.summary,
        "rating": work.rating,
        "warnings": tags["warning"],
        "categories": tags["category"],
        "fandoms": tags["fandom"],
        "relationships": tags["relationship"],
        "characters": tags["character"],
        "additional_tags": tags["additional"],
        "language": work.language,
        "complete": work.complete,
        "posted": work.posted,
        "word_count": work.word_count,
        "chapters": [{"title": c.title, "word_count": c.word_count} for c in work.chapters.order_by("position")],
        "encoding": result.parsed.encoding,
        "format": result.parsed.source_format,
        "file_authors": result.author_names,
        "external_creators": [{"id": e.pk, "name": e.name, "email": e.email} for e in result.external_creators],
        "problems": [asdict(p) for p in result.problems],
    }
