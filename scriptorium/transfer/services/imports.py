"""Imports: one service that the CLI, the web upload and (later) the API all call.

A file goes bytes → ParsedWork (``formats.parse_file``: plain text, Markdown, HTML, EPUB, DOCX, or a ZIP
holding one of them) → WorkInput → ``work_create``. Everything happens in one transaction: a file that fails
leaves no work, chapter, tag or account behind. A ZIP of several stories goes through
:func:`works_import_archive`: one work (and one transaction) per member.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from scriptorium.accounts.models import Pseud, User
from scriptorium.accounts.services import import_account
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
from scriptorium.transfer.parsed import ImportRejected, ParsedWork, Problem
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.languages import LANGUAGES
from scriptorium.works.models import Work
from scriptorium.works.services import work_create

UNTITLED = "Untitled"


@dataclass
class ImportResult:
    """What one import made, and what the person importing should look at."""

    work: Work
    parsed: ParsedWork
    problems: list[Problem] = field(default_factory=list)


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


@transaction.atomic
def work_import(
    *,
    data: bytes,
    filename: str = "",
    creator: Pseud | None = None,
    title: str | None = None,
    draft: bool = False,
) -> ImportResult:
    """Import one file as a work credited to ``creator`` (default: the archive's import account).

    A work without a title is kept as a draft titled "Untitled" until its creator gives it one.
    Raises ImportRejected when nothing can be imported; nothing is written then.
    """
    parsed = parse_upload(data=data, filename=filename)
    if not parsed.chapters or not any(chapter.has_text() for chapter in parsed.chapters):
        raise ImportRejected("no-prose", "The file has no story text to import.")
    work_input, problems = work_input_from_parsed(parsed, title=title)
    # What the person importing supplied is no longer missing.
    supplied = {"title"} if (title or "").strip() else set()
    if creator is not None:
        supplied.add("creators")
    problems = [p for p in problems if p.field not in supplied]
    has_title = bool((title or parsed.title or "").strip())
    pseud = creator if creator is not None else import_account().default_pseud
    actor: User = pseud.user
    chapters = _chapter_inputs(parsed, problems)
    try:
        work = work_create(
            actor=actor,
            creators=[pseud],
            data=work_input,
            chapters=chapters,
            post=has_title and not draft,
            published_on=parsed.published if has_title and not draft else None,
            revised_on=parsed.updated if has_title and not draft else None,
            import_format=parsed.source_format,
            import_problems=[asdict(p) for p in problems],
        )
    except ValidationError as exc:
        raise ImportRejected("invalid", _validation_message(exc)) from exc
    return ImportResult(work=work, parsed=parsed, problems=problems)


def works_import_archive(
    *,
    data: bytes,
    filename: str = "",
    creator: Pseud | None = None,
    draft: bool = False,
) -> list[ArchiveMemberResult]:
    """Import each story file of a ZIP archive as a work of its own, each in its own transaction.

    A damaged or hostile archive (ZIP bomb, path traversal, too many members) raises ImportRejected before
    anything is imported; a member that fails is reported in its result and the others go on.
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
            result = work_import(data=member.data, filename=member.name, creator=creator, draft=draft)
        except ImportRejected as exc:
            results.append(ArchiveMemberResult(member.name, error=exc))
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
        "problems": [asdict(p) for p in result.problems],
    }
