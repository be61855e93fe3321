"""``scriptorium import`` as scripts and operators use it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from scriptorium.works.models import Work
from tests.transfer import builders
from tests.transfer.test_import_service import DUMP

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_output_describes_the_created_work(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(DUMP, encoding="utf-8")
    out, _ = _run(str(story), "--json", "--title", "Shared Oven")
    record = json.loads(out)
    work = Work.objects.get(pk=record["id"])
    assert record["status"] == "imported"
    assert record["title"] == "Shared Oven" == work.title
    assert record["url"].endswith(f"/works/{work.pk}")
    assert record["rating"] == "Not Rated"
    assert record["warnings"] == ["Creator Chose Not To Use Archive Warnings"]
    assert record["additional_tags"] == ["Romance", "Humor"]
    assert record["fandoms"] == []
    assert record["complete"] is True
    assert record["language"] == "en"
    assert [c["title"] for c in record["chapters"]] == ["Flour", "Salt"]
    assert record["word_count"] == work.word_count
    assert {p["field"] for p in record["problems"]} >= {"fandoms", "rating"}
    for key in ("summary", "categories", "relationships", "characters"):
        assert key in record


def test_batch_goes_on_past_a_bad_file_and_fails_at_the_end(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(DUMP, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    other = tmp_path / "other.txt"
    other.write_text(DUMP.replace("bakers", "pastry cooks"), encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("import", str(good), str(empty), str(other), "--json", stdout=out, stderr=io.StringIO())
    assert "1 of 3" in str(info.value)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["status"] for r in records] == ["imported", "failed", "imported"]
    assert records[1]["code"] == "empty"
    assert Work.objects.count() == 2


def test_creator_option_credits_a_pseud(tmp_path: Path, user) -> None:
    story = tmp_path / "story.txt"
    story.write_text(DUMP, encoding="utf-8")
    out, _ = _run(str(story), "--json", "--creator", user.default_pseud.name.upper(), "--title", "Mine")
    work = Work.objects.get(pk=json.loads(out)["id"])
    assert list(work.creators.all()) == [user.default_pseud]
    assert not work.posted  # the file names no fandom: a draft until one is added
    assert {"field": "fandoms", "severity": "missing"}.items() <= next(
        p for p in json.loads(out)["problems"] if p["field"] == "fandoms"
    ).items()


def test_unknown_creator_is_an_error_before_anything_is_imported(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(DUMP, encoding="utf-8")
    with pytest.raises(CommandError, match="No pseud named"):
        _run(str(story), "--creator", "Nobody At All")
    assert Work.objects.count() == 0


def test_draft_option_and_plain_output(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(DUMP, encoding="utf-8")
    out, _ = _run(str(story), "--draft", "--title", "Kept Back")
    assert "imported as “Kept Back” (draft)" in out
    assert not Work.objects.get().posted


def test_a_batch_shows_progress_with_count_rate_and_eta_on_stderr(tmp_path: Path) -> None:
    folder = tmp_path / "dumps"
    folder.mkdir()
    for number in range(3):
        (folder / f"story{number}.txt").write_text(DUMP.replace("bakers", f"bakers {number}"), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import", str(folder), "--json", stdout=out, stderr=err)
    assert len(out.getvalue().splitlines()) == 3  # stdout stays pure JSON lines
    progress = err.getvalue()
    assert "1/3 files" in progress and "3/3 files" in progress
    assert "files/s" in progress and "ETA" in progress
    assert "3 of 3 files imported" in progress


def test_progress_bar_estimates_time_left() -> None:
    from scriptorium.core.progress import FilesMeter

    ticks = iter([0.0, 10.0, 10.0])
    stream = io.StringIO()
    progress = FilesMeter(4, stream, clock=lambda: next(ticks))
    progress.done = 1
    assert progress.line() == "[######------------------] 1/4 files, 0.1 files/s, ETA 30s"


class _FlushLog(io.StringIO):
    """An output stream that notes how many complete lines it held each time it was flushed."""

    def __init__(self) -> None:
        super().__init__()
        self.flushed_at: list[int] = []

    def flush(self) -> None:
        self.flushed_at.append(self.getvalue().count("\n"))
        super().flush()


def test_json_lines_are_flushed_as_each_file_is_handled(tmp_path: Path) -> None:
    """A script reading the pipe (or the log of a killed run) gets each file's line as soon as it is done."""
    paths = []
    for number in range(3):
        story = tmp_path / f"story{number}.txt"
        story.write_text(DUMP, encoding="utf-8")
        paths.append(str(story))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = _FlushLog()
    with pytest.raises(CommandError):
        call_command("import", *paths, str(empty), "--json", stdout=out, stderr=io.StringIO())
    assert {1, 2, 3, 4} <= set(out.flushed_at)  # a flush after every line, the refused file's too


@pytest.fixture
def locked_writes(monkeypatch: pytest.MonkeyPatch):
    """The works service refuses the first ``n`` writes as SQLite does when another writer held the database
    longer than the busy timeout."""
    from scriptorium.core import dblocks
    from scriptorium.transfer.services import imports

    monkeypatch.setattr(dblocks, "FIRST_PAUSE", 0.01)
    real = imports.work_create

    def arrange(n: int) -> None:
        refused = iter(range(n))

        def work_create(**kwargs: object) -> object:
            if next(refused, None) is not None:
                raise OperationalError("database is locked")
            return real(**kwargs)

        monkeypatch.setattr(imports, "work_create", work_create)

    return arrange


@pytest.mark.django_db(transaction=True)
def test_a_zip_import_waits_out_a_locked_database_and_imports_every_story(tmp_path: Path, locked_writes) -> None:
    """Issue 14, finding 8: one "database is locked" stopped a 5,000-file import after 334 works."""
    archive = tmp_path / "stories.zip"
    archive.write_bytes(
        builders.zip_bytes({f"s{n}.txt": DUMP.replace("bakers", f"bakers {n}").encode() for n in range(4)})
    )
    locked_writes(2)
    out, _ = _run(str(archive), "--json")
    assert [json.loads(line)["status"] for line in out.splitlines()] == ["imported"] * 4
    assert Work.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_a_database_that_stays_locked_fails_that_file_and_the_import_goes_on(tmp_path: Path, locked_writes) -> None:
    archive = tmp_path / "stories.zip"
    archive.write_bytes(
        builders.zip_bytes({f"s{n}.txt": DUMP.replace("bakers", f"bakers {n}").encode() for n in range(3)})
    )
    locked_writes(4)  # every try of the first story
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of 3"):
        call_command("import", str(archive), "--json", stdout=out, stderr=io.StringIO())
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["status"] for r in records] == ["failed", "imported", "imported"]
    assert records[0]["code"] == "busy" and "import it again later" in records[0]["error"]
    assert Work.objects.count() == 2
