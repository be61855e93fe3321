"""WorkInput and ChapterInput: everything checked before a row is written, with messages keyed by field."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from scriptorium.tags.vocabulary import (
    CHAPTER_TEXT_MAX,
    NO_WARNINGS_APPLY,
    NOTES_MAX,
    SUMMARY_MAX,
    TAGS_PER_WORK_MAX,
    TITLE_MAX,
    UNDERAGE,
    VIOLENCE,
)
from scriptorium.works.inputs import ChapterInput, WorkInput


def _errors(data: WorkInput | ChapterInput) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        data.validate()
    return caught.value.message_dict


def test_a_plain_work_is_valid() -> None:
    WorkInput(title="Fine").validate()
    ChapterInput(text="Fine.").validate()


@pytest.mark.parametrize(
    ("fields", "key", "fragment"),
    [
        ({"title": "  "}, "title", "needs a title"),
        ({"title": "t" * (TITLE_MAX + 1)}, "title", "longer than 255"),
        ({"summary": "s" * (SUMMARY_MAX + 1)}, "summary", "1,251 characters; the limit is 1,250"),
        ({"notes": "n" * (NOTES_MAX + 1)}, "notes", "the limit is 5,000"),
        ({"end_notes": "n" * (NOTES_MAX + 1)}, "end_notes", "the limit is 5,000"),
        ({"language": "xx"}, "language", "Unknown language “xx”"),
        ({"rating": "R"}, "rating", "Unknown rating “R”"),
        ({"warnings": ()}, "warnings", "at least one archive warning"),
        ({"warnings": ("Peril",)}, "warnings", "Unknown archive warning “Peril”"),
        ({"warnings": (NO_WARNINGS_APPLY, VIOLENCE)}, "warnings", "cannot be combined"),
        ({"warnings": (UNDERAGE, NO_WARNINGS_APPLY)}, "warnings", "cannot be combined"),
        ({"categories": ("Het",)}, "categories", "Unknown category “Het”"),
        ({"additional_tags": tuple(f"t{i}" for i in range(TAGS_PER_WORK_MAX + 1))}, "additional_tags", "75 tags"),
        ({"expected_chapters": 0}, "expected_chapters", "at least 1"),
        ({"series_position": 0}, "series_position", "at least 1"),
        ({"series_title": "s" * (TITLE_MAX + 1)}, "series_title", "longer than 255"),
    ],
)
def test_work_input_errors(fields: dict[str, object], key: str, fragment: str) -> None:
    data = WorkInput(**{"title": "T", **fields})
    errors = _errors(data)
    assert fragment in " ".join(errors[key])


def test_all_work_problems_are_reported_at_once() -> None:
    errors = _errors(WorkInput(title="", rating="R", warnings=()))
    assert set(errors) == {"title", "rating", "warnings"}


def test_the_tag_limit_counts_every_free_tag_type() -> None:
    per_type = TAGS_PER_WORK_MAX // 4 + 1
    names = tuple(f"t{i}" for i in range(per_type))
    data = WorkInput(title="T", fandoms=names, relationships=names, characters=names, additional_tags=names)
    assert "additional_tags" in _errors(data)


def test_chose_not_to_warn_combines_with_substantive_warnings() -> None:
    WorkInput(title="T", warnings=("Creator Chose Not To Use Archive Warnings", VIOLENCE)).validate()


@pytest.mark.parametrize(
    ("fields", "key", "fragment"),
    [
        ({"text": ""}, "text", "Chapter has no text."),
        ({"text": " \n\t "}, "text", "Chapter has no text."),
        ({"text": "x" * (CHAPTER_TEXT_MAX + 1)}, "text", "the limit is 510,000"),
        ({"title": "t" * (TITLE_MAX + 1)}, "title", "longer than 255"),
        ({"summary": "s" * (SUMMARY_MAX + 1)}, "summary", "longer than 1,250"),
        ({"notes": "n" * (NOTES_MAX + 1)}, "notes", "longer than 5,000"),
        ({"end_notes": "n" * (NOTES_MAX + 1)}, "end_notes", "longer than 5,000"),
    ],
)
def test_chapter_input_errors(fields: dict[str, object], key: str, fragment: str) -> None:
    data = ChapterInput(**{"text": "x", **fields})
    assert fragment in " ".join(_errors(data)[key])


def test_chapter_messages_name_the_chapter() -> None:
    with pytest.raises(ValidationError) as caught:
        ChapterInput(text="").validate(label="Chapter 3")
    assert caught.value.message_dict["text"] == ["Chapter 3 has no text."]
