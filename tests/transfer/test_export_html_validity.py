"""The HTML download is valid HTML: the Nu Html Checker (vnu.jar, the W3C validator's engine, from npm's vnu-jar)
finds no error and no warning in it, for our sample books (right-to-left, CJK, hostile markup) and generated works."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from scriptorium.transfer.exports.html import html_parts
from scriptorium.transfer.exports.snapshot import WorkSnapshot
from tests.transfer.export_strategies import works
from tests.transfer.test_export_epubcheck import BOOKS

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")

pytestmark = [
    pytest.mark.validators,
    pytest.mark.slow,
    pytest.mark.skipif(JAVA is None, reason="Java is not installed (apt-get install default-jre-headless)"),
    pytest.mark.skipif(not VNU.exists(), reason=f"vnu.jar is missing at {VNU}: run `npm ci` (make test does)"),
]


def _messages(*paths: Path) -> list[str]:
    """Every error and warning the checker reports for these files (one JVM for all of them)."""
    command = [
        JAVA,
        "-Xss4m",
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-jar",
        str(VNU),
        "--format",
        "json",
        "--also-check-css",
        *map(str, paths),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    report = json.loads(result.stderr or result.stdout)
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('type')} {m.get('subType', '')} {m['message']}"
        for m in report["messages"]
        if m.get("type") != "info"
        or m.get("subType") == "warning"  # plain "info" notes are not findings
        # The checker guesses the language from the words; the writer's declared language is the one we print
        # (generated works mix scripts at random, so the guess disagrees with it).
        and not m["message"].startswith("This document appears to be written in")
        # Downloads print the letters the writer typed; generated text is not in composed form (NFC) or starts
        # with a combining mark, and the checker notes that about the words (in text or in the title and
        # creators' names in attribute values), not about the markup.
        and "Normalization Form C" not in m["message"]
        and "composing character" not in m["message"]
    ]


def _write(work: WorkSnapshot, path: Path) -> Path:
    path.write_text("".join(html_parts(work)), encoding="utf-8")
    return path


def test_sample_books_are_valid_html(tmp_path: Path) -> None:
    paths = [_write(work, tmp_path / f"{name}.html") for name, work in sorted(BOOKS.items())]
    assert _messages(*paths) == []


def test_the_checker_does_find_mistakes(tmp_path: Path) -> None:
    """The check can fail: a page with a stray end tag and a duplicate id is reported."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        '<body><p id="a">one</p></span><p id="a">two</p></body></html>',
        encoding="utf-8",
    )
    assert len(_messages(bad)) >= 2


@settings(
    max_examples=5,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(work=works(max_chapters=8))
def test_generated_works_are_valid_html(work: WorkSnapshot, tmp_path: Path) -> None:
    extra = tuple(
        dataclasses.replace(chapter, position=len(work.chapters) + number)
        for number, chapter in enumerate(BOOKS["hostile-html"].chapters[:3], start=1)
    )
    path = _write(dataclasses.replace(work, chapters=work.chapters + extra), tmp_path / "generated.html")
    assert _messages(path) == []
