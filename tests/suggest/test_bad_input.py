"""Bad input: empty text, binary garbage, a 5 MB single paragraph — a clear error or a safe result."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from scriptorium.suggest.textsource import MAX_CHARS
from tests.suggest.helpers import suggest

pytestmark = pytest.mark.django_db


def test_empty_text_gives_an_unsure_answer() -> None:
    result = suggest("")
    assert result.characters == []
    assert result.relationships == []
    assert result.rating[0].name == "Not Rated"
    assert result.names("warnings") == ["Creator Chose Not To Use Archive Warnings"]
    assert result.language == []


def test_a_binary_file_is_refused_with_a_reason(tmp_path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(CommandError, match="binary"):
        call_command("suggest", str(path), "--json", stdout=StringIO())


def test_an_empty_file_is_refused_with_a_reason(tmp_path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="empty"):
        call_command("suggest", str(path), stdout=StringIO())


def test_an_unknown_work_or_missing_file_is_refused() -> None:
    with pytest.raises(CommandError, match="No work with id 999999"):
        call_command("suggest", "999999", stdout=StringIO())
    with pytest.raises(CommandError, match="neither a work id nor a file"):
        call_command("suggest", "/nonexistent/story.txt", stdout=StringIO())


def test_a_five_megabyte_single_paragraph_is_read_in_part_and_says_so() -> None:
    paragraph = "Natasha Romanoff walked past the HYDRA base and Steve Rogers followed her. " * 70_000
    assert len(paragraph) > 5_000_000
    result = suggest(paragraph)
    assert any("only its beginning was read" in note for note in result.notes)
    assert "Natasha Romanov (Marvel)" in result.names("characters")
    for suggestion in result.characters:
        assert all(e.end <= MAX_CHARS for e in suggestion.evidence)
