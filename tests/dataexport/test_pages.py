"""The export page and the download: the owner's only, while ready and not expired."""

from __future__ import annotations

import datetime
import io
import os
import zipfile

import pytest
from django.utils import timezone

from scriptorium.dataexport import archive as files
from scriptorium.dataexport.models import DataExport
from scriptorium.dataexport.services import exports_expire
from tests.factories import UserFactory

PAGE = "/account/export"
DOWNLOAD = "/account/export/download"


@pytest.fixture
def owner_client(client, archive):
    client.force_login(archive.owner)
    return client


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_guest_is_sent_to_log_in(client, db) -> None:
    assert client.get(PAGE)["Location"].startswith("/login")
    assert client.get(DOWNLOAD)["Location"].startswith("/login")
    assert client.post(PAGE).status_code == 302
    assert not DataExport.objects.exists()


def test_asking_builds_the_export_and_the_page_offers_it(owner_client, archive) -> None:
    page = owner_client.get(PAGE).content.decode()
    assert "Prepare my data" in page and "Download my data" not in page
    assert owner_client.get(DOWNLOAD).status_code == 404

    response = owner_client.post(PAGE, follow=True)
    page = response.content.decode()
    assert "Ready." in page and "Download my data" in page
    export = DataExport.objects.get(user=archive.owner)
    assert f"{export.expires_at:%Y}" in page

    response = owner_client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="lantern-data-')
    zipped = zipfile.ZipFile(io.BytesIO(_content(response)))
    assert "profile.json" in zipped.namelist()


def test_another_account_cannot_download_it(owner_client, archive, client) -> None:
    owner_client.post(PAGE)
    assert DataExport.objects.get(user=archive.owner).state == DataExport.State.READY
    client.force_login(archive.other)
    assert client.get(DOWNLOAD).status_code == 404
    assert "Prepare my data" in client.get(PAGE).content.decode()
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert client.get(DOWNLOAD).status_code == 404


def test_asking_again_while_it_is_being_prepared_changes_nothing(owner_client, archive) -> None:
    export = DataExport.objects.create(user=archive.owner, state=DataExport.State.BUILDING, attempts=1)
    response = owner_client.post(PAGE, follow=True)
    page = response.content.decode()
    assert "already being prepared" in page
    assert response["Refresh"] == "10"  # the page looks again by itself, without JavaScript
    assert "Being prepared." in page
    export.refresh_from_db()
    assert (export.state, export.attempts) == (DataExport.State.BUILDING, 1)
    assert DataExport.objects.count() == 1
    assert owner_client.get(DOWNLOAD).status_code == 404


def test_asking_again_once_ready_replaces_the_old_export(owner_client, archive) -> None:
    owner_client.post(PAGE)
    first = DataExport.objects.get(user=archive.owner)
    old_file = files.path_of(first.path)
    old_file.write_bytes(b"stale")  # marks the old file, which must not be served again
    owner_client.post(PAGE)
    second = DataExport.objects.get(user=archive.owner)
    assert second.state == DataExport.State.READY and second.path
    assert files.path_of(second.path).read_bytes() != b"stale"
    zipfile.ZipFile(io.BytesIO(_content(owner_client.get(DOWNLOAD)))).testzip()


def test_an_expired_export_is_gone_on_the_next_visit(owner_client, archive) -> None:
    owner_client.post(PAGE)
    export = DataExport.objects.get(user=archive.owner)
    path = files.path_of(export.path)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert owner_client.get(DOWNLOAD).status_code == 404
    assert not DataExport.objects.exists() and not path.exists()
    assert "Prepare my data" in owner_client.get(PAGE).content.decode()


def test_the_periodic_run_deletes_expired_exports_and_leftover_files(owner_client, archive, settings) -> None:
    owner_client.post(PAGE)
    export = DataExport.objects.get(user=archive.owner)
    path = files.path_of(export.path)
    leftover = files.folder() / "99" / "data-export-99.zip.partial"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"half")
    assert exports_expire().expired == 0 and path.exists()  # still valid; the leftover is too recent

    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    old = timezone.now().timestamp() - 2 * 24 * 3600
    os.utime(leftover, (old, old))
    report = exports_expire()
    assert report.expired == 1 and report.leftovers == ["exports/99/data-export-99.zip.partial"]
    assert not path.exists() and not leftover.exists() and not DataExport.objects.exists()


def test_a_failed_export_offers_to_try_again(owner_client, archive) -> None:
    DataExport.objects.create(user=archive.owner, state=DataExport.State.FAILED, attempts=3, error="boom")
    page = owner_client.get(PAGE).content.decode()
    assert "We could not prepare your data" in page and "Try again" in page and "boom" not in page
    assert owner_client.get(DOWNLOAD).status_code == 404
    owner_client.post(PAGE)
    assert DataExport.objects.get(user=archive.owner).state == DataExport.State.READY


def test_the_account_menu_links_the_page(owner_client, archive) -> None:
    assert PAGE in owner_client.get("/account/preferences").content.decode()


def test_the_link_is_valid_for_the_configured_days(owner_client, archive, settings) -> None:
    settings.SCRIPTORIUM_EXPORT_DAYS = 2
    owner_client.post(PAGE)
    export = DataExport.objects.get(user=archive.owner)
    assert export.expires_at - export.finished_at == datetime.timedelta(days=2)
    assert "for 2 days" in owner_client.get(PAGE).content.decode()


def test_deleting_the_account_deletes_its_export_file(owner_client, archive, django_capture_on_commit_callbacks):
    owner_client.post(PAGE)
    path = files.path_of(DataExport.objects.get(user=archive.owner).path)
    assert path.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        archive.owner.delete()
    assert not DataExport.objects.exists() and not path.exists()


def test_a_ready_export_whose_file_is_gone_offers_to_try_again(owner_client, archive) -> None:
    owner_client.post(PAGE)
    files.path_of(DataExport.objects.get(user=archive.owner).path).unlink()
    page = owner_client.get(PAGE).content.decode()
    assert "Try again" in page and "Download my data" not in page
    assert owner_client.get(DOWNLOAD).status_code == 404
