"""Fidelity: a work exported as TXT, Markdown, HTML or EPUB and imported again gives back the same metadata and
the same chapter text (after white-space normalization). Property-tested over generated works."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scriptorium.transfer.exports import converters
from scriptorium.transfer.exports.snapshot import WorkSnapshot
from scriptorium.transfer.formats import parse_file
from tests.transfer.export_strategies import CHAPTER_TEXT, expected_of, found_in, long_prose, works

ROUND_TRIP_FORMATS = ("txt", "md", "html", "epub")
MAX_BYTES = 200 * 1024 * 1024


def round_trip(work: WorkSnapshot, format_name: str, folder: Path) -> dict[str, object]:
    converter = converters()[format_name]
    target = folder / f"work.{converter.extension}"
    converter.convert(work=work, inputs={}, target=target)
    return found_in(parse_file(target.read_bytes(), target.name, max_bytes=MAX_BYTES))


@pytest.mark.parametrize("format_name", ROUND_TRIP_FORMATS)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(work=works())
def test_export_then_import_gives_back_the_work(format_name: str, work: WorkSnapshot, tmp_path: Path) -> None:
    assert round_trip(work, format_name, tmp_path) == expected_of(work)


def _repeated(work: WorkSnapshot, count: int) -> WorkSnapshot:
    """``work`` with its chapters repeated up to ``count`` chapters (Hypothesis cannot draw hundreds)."""
    base = work.chapters
    parts = tuple(
        dataclasses.replace(base[i % len(base)], position=i + 1, title=f"{base[i % len(base)].title} {i + 1}".strip())
        for i in range(count)
    )
    return dataclasses.replace(work, chapters=parts, expected_chapters=count if work.complete else None)


@pytest.mark.parametrize("format_name", ROUND_TRIP_FORMATS)
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(work=works(), count=st.integers(150, 400))
def test_hundreds_of_chapters_round_trip(format_name: str, work: WorkSnapshot, count: int, tmp_path: Path) -> None:
    work = _repeated(work, count)
    assert round_trip(work, format_name, tmp_path) == expected_of(work)


@pytest.mark.parametrize("format_name", ROUND_TRIP_FORMATS)
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(work=works(max_chapters=2), text=CHAPTER_TEXT, seed=st.integers(0, 2**32), words=st.integers(20_000, 60_000))
def test_very_long_chapters_round_trip(
    format_name: str, work: WorkSnapshot, text: str, seed: int, words: int, tmp_path: Path
) -> None:
    """Chapters of tens of thousands of words."""
    work = dataclasses.replace(
        work, chapters=tuple(dataclasses.replace(c, text=text + long_prose(seed, words)) for c in work.chapters)
    )
    assert round_trip(work, format_name, tmp_path) == expected_of(work)
