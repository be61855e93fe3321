"""Word documents: formatting kept as HTML, chapters cut at headings, title and author from the document."""

from __future__ import annotations

import pytest

from scriptorium.transfer.formats import parse_file
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import work_import
from tests.transfer import builders

MB = 1024 * 1024

STORY = [
    ("Title", [("The Quiet Floor", "")]),
    ("Heading 1", [("Chapter 1: Stacks", "")]),
    ("Normal", [("The library closed at six, ", ""), ("officially", "i"), (".", "")]),
    ("Normal", [("Nobody told the ", ""), ("cat", "b"), (", who had ", ""), ("opinions", "u"), (".", "")]),
    ("Normal", [("* * *", "c")]),
    ("Normal", [("Later, the lights hummed.", "")]),
    ("Heading 1", [("Chapter 2: Returns", "")]),
    ("Normal", [("In the morning the returns cart was ", ""), ("full", "bi"), (" again.", "")]),
]


def _parse(data: bytes, filename: str = "story.docx"):
    return parse_file(data, filename, max_bytes=10 * MB)


def test_italics_bold_and_chapters() -> None:
    work = _parse(builders.docx_bytes(STORY, author="Juniper Vale", language="en-US"))
    assert work.source_format == "docx"
    assert work.title == "The Quiet Floor"  # the Title-style paragraph
    assert work.creators == ["Juniper Vale"]
    assert work.language == "en"
    first, second = work.chapters
    assert (first.title, second.title) == ("Stacks", "Returns")
    assert "<p>The library closed at six, <em>officially</em>.</p>" in first.html
    assert "<strong>cat</strong>" in first.html and "<u>opinions</u>" in first.html
    assert '<p align="center">* * *</p>' in first.html
    assert "<em><strong>full</strong></em>" in second.html
    assert "The Quiet Floor" not in first.html


def test_core_title_wins_and_placeholder_authors_are_ignored() -> None:
    data = builders.docx_bytes(STORY, title="A Better Title", author="Microsoft Office User")
    work = _parse(data)
    assert work.title == "A Better Title"
    assert work.creators == []
    assert work.has_problem("creators")


def test_plain_chapter_lines_cut_chapters() -> None:
    paragraphs = [
        ("Normal", [("Chapter One", "b")]),
        ("Normal", [("Rain on the skylight.", "")]),
        ("Normal", [("Chapter Two: Dry", "")]),
        ("Normal", [("Sun on the skylight.", "")]),
    ]
    work = _parse(builders.docx_bytes(paragraphs))
    assert [(c.title, c.paragraphs) for c in work.chapters] == [
        ("", ["Rain on the skylight."]),
        ("Dry", ["Sun on the skylight."]),
    ]
    assert work.title is None  # python-docx's own defaults are not a title or an author
    assert work.creators == []


def test_lone_heading_1_is_the_title_when_heading_2_cuts_chapters() -> None:
    paragraphs = [
        ("Heading 1", [("Moth Season", "")]),
        ("Heading 2", [("Dusk", "")]),
        ("Normal", [("They came at dusk.", "")]),
        ("Heading 2", [("Dawn", "")]),
        ("Normal", [("They left at dawn.", "")]),
    ]
    work = _parse(builders.docx_bytes(paragraphs))
    assert work.title == "Moth Season"
    assert [c.title for c in work.chapters] == ["Dusk", "Dawn"]


@pytest.mark.django_db
def test_docx_import_keeps_formatting_in_the_stored_chapter() -> None:
    result = work_import(data=builders.docx_bytes(STORY, author="Juniper Vale"), filename="floor.docx")
    chapter = result.work.chapters.get(position=1)
    assert "<em>officially</em>" in chapter.text
    assert result.work.title == "The Quiet Floor"


def test_docx_without_text_is_rejected() -> None:
    with pytest.raises(ImportRejected) as info:
        _parse(builders.docx_bytes([("Title", [("Only a title", "")])]))
    assert info.value.code == "no-prose"


def test_docx_missing_its_body_is_corrupt() -> None:
    data = builders.docx_bytes(STORY)
    broken = builders.zip_bytes(
        [(name, content) for name, content in _members(data) if name != "word/document.xml"]
        + [("word/other.xml", "<x/>")]
    )
    with pytest.raises(ImportRejected) as info:
        _parse(broken, "broken.docx")
    assert info.value.code == "corrupt"


def _members(data: bytes) -> list[tuple[str, bytes]]:
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(data))
    return [(name, archive.read(name)) for name in archive.namelist()]


def test_tables_keep_their_text() -> None:
    import io

    import docx

    document = docx.Document()
    document.core_properties.author = ""
    document.add_paragraph("Her phone buzzed.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Mara"
    table.cell(0, 1).text = "are you up"
    table.cell(1, 0).text = "Ilse"
    table.cell(1, 1).text = "no"
    document.add_paragraph("She put it face down.")
    buffer = io.BytesIO()
    document.save(buffer)
    chapter = _parse(buffer.getvalue()).chapters[0]
    assert chapter.html.index("Her phone buzzed.") < chapter.html.index("<table>") < chapter.html.index("face down")
    assert "<td>are you up</td>" in chapter.html


# --- Metadata lines above the story, pictures and equations (issue 15) --------------------------------------

HEADED = [
    ("Normal", [("The Lamplighter's Round", "")]),
    ("Normal", [("by Odile Marsh", "")]),
    ("Normal", [("Rating:", "b"), (" Mature", "")]),
    ("Normal", [("Fandom:", "b"), (" Original Work", "")]),
    ("Normal", [("Tags:", "b"), (" Night Walks, Lamplight", "")]),
    ("Normal", [("Summary:", "b")]),
    ("Normal", [("Every lamp on the hill, lit by one pair of hands.", "")]),
    ("Normal", [("* * *", "c")]),
    ("Normal", [("The first lamp was always the hardest, because it was the coldest.", "")]),
    ("Normal", [("By the tenth her fingers remembered the work.", "")]),
]


def test_metadata_lines_are_read_not_kept_as_story_text() -> None:
    work = _parse(builders.docx_bytes(HEADED))
    assert work.title == "The Lamplighter's Round"
    assert work.creators == ["Odile Marsh"]
    assert work.rating == "Mature"
    assert work.fandoms == ["Original Work"]
    assert work.additional_tags == ["Night Walks", "Lamplight"]
    assert work.summary == "Every lamp on the hill, lit by one pair of hands."
    assert work.chapters[0].paragraphs == [
        "The first lamp was always the hardest, because it was the coldest.",
        "By the tenth her fingers remembered the work.",
    ]


def test_a_story_opening_with_one_colon_line_keeps_it() -> None:
    story = [
        ("Normal", [("Note: the lamps are gas, not oil.", "")]),
        ("Normal", [("She checked each valve twice before she struck the match.", "")]),
    ]
    work = _parse(builders.docx_bytes(story))
    assert work.chapters[0].paragraphs[0] == "Note: the lamps are gas, not oil."
    assert work.rating is None


def _with_picture_and_equation(text: bool) -> bytes:
    import base64
    import io

    import docx
    from docx.oxml import parse_xml

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    document = docx.Document()
    document.core_properties.author = ""
    if text:
        document.add_paragraph("The map was drawn on the back of a receipt.")
    document.add_picture(io.BytesIO(png))
    if text:
        paragraph = document.add_paragraph("Distance: ")
        paragraph._p.append(
            parse_xml(
                '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
                "<m:r><m:t>d=vt</m:t></m:r></m:oMath>"
            )
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_pictures_and_equations_left_out_are_reported() -> None:
    work = _parse(_with_picture_and_equation(text=True))
    messages = {problem.message: problem.severity for problem in work.problems}
    assert messages["1 image was left out: images are not imported."] == "info"
    assert messages["1 equation was left out: Word equations are not imported."] == "doubtful"


def test_a_document_of_pictures_only_says_so() -> None:
    with pytest.raises(ImportRejected) as info:
        _parse(_with_picture_and_equation(text=False))
    assert info.value.code == "no-prose"
    assert "only 1 picture" in info.value.message
