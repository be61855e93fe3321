"""Downloads on the site: the menu, serving with the right headers, visibility, builds once per revision, the
background task, clean-up, and the `scriptorium export` command."""

from __future__ import annotations

import datetime
import io
import os
import shutil
import time
from pathlib import Path
from unittest import mock
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scriptorium.tags.vocabulary import EXPLICIT
from scriptorium.transfer.exports import converters, store
from scriptorium.transfer.exports.builds import (
    ORPHAN_SECONDS,
    downloads_build,
    downloads_cleanup,
)
from scriptorium.transfer.exports.calibre import PROGRAM
from scriptorium.transfer.exports.html import HtmlConverter
from scriptorium.transfer.models import Download
from scriptorium.works.inputs import ChapterInput
from scriptorium.works.services import chapter_add
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db
OWN_FORMATS = ("epub", "html", "txt", "md")


@pytest.fixture(autouse=True)
def _no_calibre():
    """As on an archive without calibre (its conversions have tests of their own: test_export_calibre.py)."""
    real = shutil.which
    with mock.patch("shutil.which", lambda name, *args, **kwargs: None if name == PROGRAM else real(name)):
        yield


def url(work, format_name: str = "epub") -> str:
    return reverse("transfer:download", kwargs={"work_id": work.pk, "format_name": format_name})


@pytest.mark.parametrize(
    ("format_name", "content_type", "magic"),
    [
        ("epub", "application/epub+zip", b"PK\x03\x04"),
        ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
        ("txt", "text/plain; charset=utf-8", b"Caf\xc3\xa9"),
        ("md", "text/markdown; charset=utf-8", b"---\n"),
    ],
)
def test_each_format_is_served_with_its_type_name_and_etag(client, format_name, content_type, magic) -> None:
    creator = UserFactory(username="writer-dl")
    work = make_work(creator=creator, title="Café at Night")
    response = client.get(url(work, format_name))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    body = b"".join(response.streaming_content)
    assert body.startswith(magic) and len(body) == int(response["Content-Length"])
    extension = converters()[format_name].extension
    assert response["Content-Disposition"] == (
        f'attachment; filename="Cafe at Night - writer-dl.{extension}"; '
        f"filename*=UTF-8''Caf%C3%A9%20at%20Night%20-%20writer-dl.{extension}"
    )
    download = Download.objects.get(work=work, format=format_name)
    assert response["ETag"] == f'"{download.content_hash}"'
    assert response["Cache-Control"] == "public, no-cache"
    digest = download.content_hash
    assert store.path_of(download.path) == Path(store.root(), digest[:2], f"{digest}.{extension}")


def test_an_ascii_title_needs_no_extended_file_name(client) -> None:
    work = make_work(creator=UserFactory(username="plain"), title='A "Quiet" Evening / Part 2')
    response = client.get(url(work, "txt"))
    assert response["Content-Disposition"] == 'attachment; filename="A Quiet Evening Part 2 - plain.txt"'


def test_a_chinese_title_keeps_its_letters_in_the_file_name(client) -> None:
    work = make_work(creator=UserFactory(username="archive-import"), title="红楼梦")
    response = client.get(url(work, "epub"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="work-{work.pk} - archive-import.epub"; '
        "filename*=UTF-8''%E7%BA%A2%E6%A5%BC%E6%A2%A6%20-%20archive-import.epub"
    )


def test_friendly_url_serves_the_same_file(client, work) -> None:
    kwargs = {"work_id": work.pk, "slug": "A_Quiet_Evening", "extension": "epub"}
    friendly = reverse("transfer:download_file", kwargs=kwargs)
    assert friendly == f"/works/{work.pk}/download/A_Quiet_Evening.epub"
    first = client.get(friendly)
    second = client.get(url(work))
    assert first.status_code == second.status_code == 200
    assert first["ETag"] == second["ETag"]
    assert client.get(f"/works/{work.pk}/download/Anything.docx").status_code == 404
    assert client.get(f"/works/{work.pk}/download/docx").status_code == 404


def test_if_none_match_answers_304(client, work) -> None:
    etag = client.get(url(work))["ETag"]
    response = client.get(url(work), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert client.get(url(work), HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_built_once_per_revision_and_rebuilt_after_a_change(client, work, user) -> None:
    first = client.get(url(work))["ETag"]
    client.get(url(work))
    assert Download.objects.filter(work=work, format="epub").count() == 1
    chapter_add(actor=user, work=work, data=ChapterInput(text="A second chapter."))
    work.refresh_from_db()
    second = client.get(url(work))["ETag"]
    assert second != first
    assert sorted(Download.objects.filter(work=work).values_list("revision", flat=True)) == [
        work.revision - 1,
        work.revision,
    ]


def test_hidden_works_answer_like_missing_ones(client, user, other_user) -> None:
    draft = make_work(creator=user, post=False)
    restricted = make_work(creator=user, restricted=True)

    def page(path: str) -> bytes:
        response = client.get(path)
        assert response.status_code == 404
        return response.content.replace(path.encode(), b"PATH").replace(quote(path, safe="").encode(), b"PATH")

    missing = page("/works/999999/download/epub")
    for work in (draft, restricted):
        assert page(url(work)) == missing
    client.force_login(other_user)
    assert client.get(url(draft)).status_code == 404
    restricted_response = client.get(url(restricted))
    assert restricted_response.status_code == 200
    assert restricted_response["Cache-Control"] == "private, no-cache"
    client.force_login(user)
    assert client.get(url(draft)).status_code == 200
    assert not Download.objects.filter(work__in=[draft, restricted], format="txt").exists()


def test_adult_works_show_the_notice_first(client, user) -> None:
    work = make_work(creator=user, rating=EXPLICIT)
    notice = client.get(url(work))
    assert notice.status_code == 200 and b"adult" in notice.content.lower()
    assert "Content-Disposition" not in notice
    response = client.get(url(work) + "?view_adult=true")
    assert response["Content-Type"] == "application/epub+zip"


def test_unavailable_format_is_said_so_in_the_menu_and_on_its_page(client, work) -> None:
    page = client.get(work.get_absolute_url()).content.decode()
    assert 'class="downloads"' in page
    for label in ("EPUB", "HTML", "TXT", "Markdown"):
        assert f"download>{label}</a>" in page
    for label in ("AZW3", "MOBI", "PDF"):
        assert f'{label} <span class="downloads__note">unavailable</span>' in page
    response = client.get(url(work, "pdf"))
    assert response.status_code == 404
    assert b"PDF downloads are unavailable" in response.content
    assert b"ebook-convert" in response.content
    with mock.patch.object(HtmlConverter, "available", return_value=False):
        page = client.get(work.get_absolute_url()).content.decode()
        assert 'HTML <span class="downloads__note">unavailable</span>' in page
        assert client.get(url(work, "html")).status_code == 404


def test_the_menu_costs_the_work_page_no_query(client, work) -> None:
    client.get(work.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        client.get(work.get_absolute_url())
    assert not any("transfer_download" in q["sql"] for q in queries.captured_queries)


def test_a_failed_build_shows_a_page_not_an_error(client, work) -> None:
    with mock.patch.object(HtmlConverter, "convert", side_effect=RuntimeError("disk on fire")):
        response = client.get(url(work, "html"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert b"could not be made just now" in response.content
    row = Download.objects.get(work=work, format="html")
    assert row.status == Download.Status.FAILED and "disk on fire" in row.error
    # A recent failure is not retried on every request; after a while it is, and then it works.
    assert client.get(url(work, "html")).status_code == 503
    Download.objects.filter(pk=row.pk).update(built_at=row.built_at - datetime.timedelta(hours=1))
    assert client.get(url(work, "html")).status_code == 200


def test_a_missing_file_is_rebuilt(client, work) -> None:
    client.get(url(work))
    row = Download.objects.get(work=work, format="epub")
    store.delete(row.path)
    response = client.get(url(work))
    assert response.status_code == 200
    assert store.exists(Download.objects.get(pk=row.pk).path)


def test_a_build_in_progress_elsewhere_answers_at_once_and_a_dead_one_is_started_again(client, work) -> None:
    row = Download.objects.create(
        work=work, revision=work.revision, format="txt", status=Download.Status.BUILDING, started_at=timezone.now()
    )
    with mock.patch("scriptorium.transfer.exports.builds.time.sleep", side_effect=AssertionError("waited")):
        assert client.get(url(work, "txt")).status_code == 202
        # Its process died (nothing to ask about it, and it is past any build's time limit): built again.
        Download.objects.filter(pk=row.pk).update(started_at=timezone.now() - datetime.timedelta(hours=1))
        response = client.get(url(work, "txt"))
    assert response.status_code == 200
    assert Download.objects.get(pk=row.pk).status == Download.Status.READY


def test_a_build_in_progress_gets_a_page_that_reloads(client, work) -> None:
    Download.objects.create(
        work=work, revision=work.revision, format="md", status=Download.Status.BUILDING, started_at=timezone.now()
    )
    response = client.get(url(work, "md"))
    assert response.status_code == 202
    assert response["Refresh"] == "3" and response["Retry-After"] == "3"
    assert b"is being prepared" in response.content and b'http-equiv="refresh" content="3"' in response.content


def test_prebuild_can_be_turned_off(work, user, settings, django_capture_on_commit_callbacks) -> None:
    settings.SCRIPTORIUM_DOWNLOAD_PREBUILD = ()
    with django_capture_on_commit_callbacks(execute=True):
        chapter_add(actor=user, work=work, data=ChapterInput(text="More."))
    assert not Download.objects.exists()


def test_background_task_builds_every_available_format(
    work, user, settings, django_capture_on_commit_callbacks
) -> None:
    settings.SCRIPTORIUM_DOWNLOAD_PREBUILD = None  # every available format (the test settings may turn it off)
    with django_capture_on_commit_callbacks(execute=True):
        chapter_add(actor=user, work=work, data=ChapterInput(text="More."))
    work.refresh_from_db()
    rows = Download.objects.filter(work=work)
    assert sorted(rows.values_list("format", flat=True)) == sorted(OWN_FORMATS)
    assert all(row.status == Download.Status.READY and row.revision == work.revision for row in rows)


def test_background_task_skips_superseded_revisions_and_drafts(
    work, user, settings, django_capture_on_commit_callbacks
) -> None:
    settings.SCRIPTORIUM_DOWNLOAD_PREBUILD = ("txt",)
    report = downloads_build(work_id=work.pk, revision=work.revision - 1)
    assert "superseded" in report.skipped and not Download.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_work(creator=user, post=False)
    assert not Download.objects.filter(work=draft).exists()


def test_old_revisions_are_cleaned_up_after_a_new_build(client, work, user) -> None:
    client.get(url(work))
    old = Download.objects.get(work=work)
    chapter_add(actor=user, work=work, data=ChapterInput(text="More."))
    report = downloads_build(work_id=work.pk, formats=["epub"])
    assert report.built == ["epub"]
    assert list(Download.objects.filter(work=work).values_list("revision", flat=True)) == [old.revision + 1]
    assert not store.exists(old.path)


def test_cleanup_keeps_files_still_in_use_and_sweeps_orphans(client, work, user) -> None:
    client.get(url(work, "txt"))
    old = Download.objects.get(work=work)
    chapter_add(actor=user, work=work, data=ChapterInput(text="More."))
    Download.objects.create(
        work=work,
        revision=old.revision + 1,
        format="txt",
        status=Download.Status.READY,
        path=old.path,
        content_hash=old.content_hash,
        size=old.size,
    )
    assert downloads_cleanup(work_id=work.pk).files == 0
    assert store.exists(old.path)
    orphan = store.root() / "ab" / ("ab" + "0" * 62 + ".epub")
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"left behind")
    assert downloads_cleanup(orphans=True).files == 0  # too recent: it may be a build about to be recorded
    past = time.time() - ORPHAN_SECONDS - 10
    os.utime(orphan, (past, past))
    call_command("downloads_cleanup", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert not orphan.exists() and store.exists(old.path)


def test_export_command_writes_files(work, tmp_path, capsys) -> None:
    call_command("export", str(work.pk), "--format", "epub", "--format", "md", "--output", str(tmp_path / "out"))
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    creator = work.creators.get().display_name
    assert names == [f"A Quiet Evening - {creator}.epub", f"A Quiet Evening - {creator}.md"]
    assert "bytes" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Unknown format"):
        call_command("export", str(work.pk), "--format", "docx", "--output", str(tmp_path))
    with pytest.raises(CommandError, match="ebook-convert"):
        call_command("export", str(work.pk), "--format", "pdf", "--output", str(tmp_path))
    with pytest.raises(CommandError, match="1 export"):
        call_command("export", "987654", "--output", str(tmp_path))


def test_export_command_names_a_chinese_title_in_full_or_in_ascii(tmp_path) -> None:
    work = make_work(creator=UserFactory(username="archive-import"), title="红楼梦")
    call_command("export", str(work.pk), "--format", "txt", "--output", str(tmp_path / "full"), stdout=io.StringIO())
    call_command("export", str(work.pk), "--format", "txt", "--ascii-names", "--output", str(tmp_path / "ascii"),
                 stdout=io.StringIO())  # fmt: skip
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["红楼梦 - archive-import.txt"]
    assert [p.name for p in (tmp_path / "ascii").iterdir()] == [f"work-{work.pk} - archive-import.txt"]
