"""End to end through the database: a posted work, downloaded from the site in each format we read back, and
imported with `work_import` becomes a work with the same metadata and the same chapter texts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scriptorium.core.text import html_to_text
from scriptorium.tags.vocabulary import MAJOR_CHARACTER_DEATH, MATURE, VIOLENCE
from scriptorium.transfer.services import work_import
from scriptorium.works.inputs import ChapterInput
from scriptorium.works.services import chapter_update
from tests.factories import make_work

pytestmark = pytest.mark.django_db
CHAPTERS = [
    "<p>مرحبا بالعالم — the kettle sang.</p><p>Chapter 3</p><p>*not emphasis* &amp; <em>emphasis</em></p>",
    "<p>שלום עולם</p><blockquote><p>雪が降る 😀</p></blockquote><ul><li>one</li><li>two</li></ul>",
    "<p>End file.</p><p>The End.</p>",
]


def _tags(work, kind: str) -> list[str]:
    return [t.tag.name for t in work.taggings.select_related("tag").order_by("position") if t.tag.type == kind]


def _texts(work) -> list[str]:
    return [" ".join(html_to_text(c.text).split()) for c in work.chapters.order_by("position")]


@pytest.mark.parametrize("format_name", ["txt", "md", "html", "epub"])
def test_download_then_import_gives_the_same_work(client, user, format_name: str) -> None:
    original = make_work(
        creator=user,
        title="Tom & <Jerry>: Prologue",
        chapters=CHAPTERS,
        summary="A summary.\n\nWith two paragraphs & <brackets>.",
        notes="Thanks to my beta.",
        end_notes="Comments welcome.",
        language="he",
        rating=MATURE,
        warnings=(VIOLENCE, MAJOR_CHARACTER_DEATH),
        categories=("F/M", "Gen"),
        fandoms=("Original Work", "Sherlock (TV)"),
        relationships=("Holmes/Watson",),
        characters=("Sherlock Holmes", "John Watson"),
        additional_tags=("Fluff & Angst", "Alternate Universe - Coffee Shop"),
        series_title="The Long Road",
        series_position=2,
        expected_chapters=5,
    )
    chapter = original.chapters.get(position=2)
    chapter_update(
        actor=user,
        chapter=chapter,
        data=ChapterInput(text=chapter.text, title="The ~Bridge~", summary="Short.", notes="Note.", end_notes="End."),
    )
    original.refresh_from_db()
    response = client.get(
        reverse("transfer:download", kwargs={"work_id": original.pk, "format_name": format_name}),
        {"view_adult": "true"},
    )
    data = b"".join(response.streaming_content)
    imported = work_import(data=data, filename=f"work.{format_name}").work
    assert imported.title == original.title
    assert (imported.rating, imported.language) == (original.rating, original.language)
    for kind in ("warning", "category", "fandom", "relationship", "character", "additional"):
        assert _tags(imported, kind) == _tags(original, kind), kind
    assert imported.series_parts.get().series.title == "The Long Road"
    assert imported.series_parts.get().position == 2
    assert (imported.complete, imported.expected_chapters) == (False, 5)
    for field in ("summary", "notes", "end_notes"):
        assert html_to_text(getattr(imported, field)) == html_to_text(getattr(original, field)), field
    assert _texts(imported) == _texts(original)
    second = imported.chapters.get(position=2)
    assert (second.title, html_to_text(second.summary), html_to_text(second.notes), html_to_text(second.end_notes)) == (
        "The ~Bridge~",
        "Short.",
        "Note.",
        "End.",
    )
    assert imported.published_on == original.published_on
