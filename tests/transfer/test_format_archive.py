"""A ZIP of stories (and a folder of them): one work per file, bad files reported, the rest imported."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from scriptorium.transfer.services import works_import_archive
from scriptorium.works.models import Work
from tests.transfer import builders
from tests.transfer.test_import_service import DUMP

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
AO3_HTML = (SAMPLES / "html" / "ao3_download.html").read_bytes()
MARKDOWN = (SAMPLES / "markdown" / "front_matter.md").read_bytes()


def _mixed_archive() -> bytes:
    return builders.zip_bytes(
        [
            ("stories/", b""),
            ("stories/bakers.txt", DUMP),
            ("stories/ledger.md", MARKDOWN),
            ("stories/lanterns.html", AO3_HTML),
            ("stories/cartographer.epub", builders.fanficfare_epub()),
            ("stories/floor.docx", builders.docx_bytes([("Normal", [("The stacks were quiet.", "")])], title="Floor")),
            ("stories/broken.epub", builders.fanficfare_epub()[:300]),
            ("stories/cover.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            ("stories/inner.zip", builders.zip_bytes({"x.txt": "nested"})),
            ("__MACOSX/stories/._bakers.txt", b"\x00\x05\x16\x07"),
            ("stories/.DS_Store", b"\x00\x00\x00\x01Bud1"),
        ]
    )


def test_a_zip_of_mixed_formats_imports_one_work_per_story() -> None:
    results = works_import_archive(data=_mixed_archive(), filename="library.zip")
    by_name = {r.name: r for r in results}
    assert list(by_name) == [
        "stories/bakers.txt",
        "stories/ledger.md",
        "stories/lanterns.html",
        "stories/cartographer.epub",
        "stories/floor.docx",
        "stories/broken.epub",
        "stories/cover.png",
        "stories/inner.zip",
    ]  # folders, macOS resource forks and hidden files are skipped
    imported = {name: r.result.work for name, r in by_name.items() if r.result is not None}
    assert {name: work.import_format for name, work in imported.items()} == {
        "stories/bakers.txt": "inkitt-text",
        "stories/ledger.md": "markdown",
        "stories/lanterns.html": "ao3-html",
        "stories/cartographer.epub": "fanficfare-epub",
        "stories/floor.docx": "docx",
    }
    assert imported["stories/lanterns.html"].title == "Lanterns Over the Harbour"
    errors = {name: r.error.code for name, r in by_name.items() if r.error is not None}
    assert errors == {
        "stories/broken.epub": "corrupt",
        "stories/cover.png": "binary",
        "stories/inner.zip": "nested-archive",
    }
    assert Work.objects.count() == 5


def test_cli_imports_a_folder_and_a_zip_reporting_each_file(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    (folder / "more").mkdir(parents=True)
    (folder / "bakers.txt").write_text(DUMP, encoding="utf-8")
    (folder / "more" / "lanterns.html").write_bytes(AO3_HTML)
    (folder / "empty.md").write_bytes(b"")
    (folder / ".hidden.txt").write_text(DUMP, encoding="utf-8")
    archive = tmp_path / "stories.zip"
    archive.write_bytes(builders.zip_bytes({"ledger.md": MARKDOWN, "bad.epub": b"PK\x03\x04broken"}))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("import", str(folder), str(archive), "--json", stdout=out, stderr=err)
    assert "2 of 5 files were not imported" in str(info.value)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(Path(r["file"]).name, r.get("member"), r["status"]) for r in records] == [
        ("bakers.txt", None, "imported"),
        ("empty.md", None, "failed"),
        ("lanterns.html", None, "imported"),
        ("stories.zip", "ledger.md", "imported"),
        ("stories.zip", "bad.epub", "failed"),
    ]
    assert records[1]["code"] == "empty"
    assert records[4]["code"] == "corrupt"
    assert Work.objects.count() == 3


def test_cli_plain_output_names_archive_members(tmp_path: Path) -> None:
    archive = tmp_path / "stories.zip"
    archive.write_bytes(builders.zip_bytes({"ledger.md": MARKDOWN}))
    out = io.StringIO()
    call_command("import", str(archive), stdout=out, stderr=io.StringIO())
    assert f"{archive}:ledger.md: imported as “The Orchard Ledger” (posted)" in out.getvalue()


def test_cli_refuses_a_hostile_archive_without_importing_any_of_it(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    archive.write_bytes(builders.zip_bytes([("ok.md", MARKDOWN), ("../../escape.txt", DUMP)]))
    before = builders.row_counts()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", str(archive), stdout=io.StringIO(), stderr=err)
    assert "path traversal" in err.getvalue()
    assert builders.row_counts() == before


def test_web_upload_takes_an_epub(writer_client, user) -> None:
    upload = SimpleUploadedFile("cartographer.epub", builders.fanficfare_epub(), content_type="application/epub+zip")
    response = writer_client.post(reverse("transfer:upload"), {"file": upload})
    work = Work.objects.get()
    assert work.title == "The Cartographer's Apprentice" and work.posted
    assert list(work.creators.all()) == [user.default_pseud]
    assert response.status_code == 302


def test_upload_form_lists_the_formats(writer_client) -> None:
    page = writer_client.get(reverse("transfer:upload")).content.decode()
    assert "EPUB" in page and "Markdown" in page and "Word (.docx)" in page
    assert 'accept="' in page and ".epub" in page
