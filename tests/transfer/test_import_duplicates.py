"""Importing a file again (issue 14, finding 9): the account's earlier import is recognised by the file's bytes
and named; ``--allow-duplicates`` (or the upload form's checkbox) insists."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from scriptorium.transfer.inputs import Upload
from scriptorium.transfer.models import ImportJobFile
from scriptorium.transfer.services import AlreadyImported, import_job_create, import_job_run, work_import
from scriptorium.works.models import Work
from tests.transfer import builders
from tests.transfer.test_import_service import DUMP

pytestmark = pytest.mark.django_db


def _stories(count: int) -> dict[str, bytes]:
    return {f"story{n}.txt": DUMP.replace("bakers", f"bakers of street {n}").encode() for n in range(count)}


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_importing_the_same_zip_again_makes_no_new_works_and_names_each_one(tmp_path: Path) -> None:
    archive = tmp_path / "stories.zip"
    archive.write_bytes(builders.zip_bytes(_stories(3)))
    first = [json.loads(line) for line in _run(str(archive), "--json")[0].splitlines()]
    assert [r["status"] for r in first] == ["imported"] * 3

    again = [json.loads(line) for line in _run(str(archive), "--json")[0].splitlines()]

    assert Work.objects.count() == 3
    assert [r["status"] for r in again] == ["duplicate"] * 3
    assert [(r["member"], r["id"], r["url"]) for r in again] == [(r["member"], r["id"], r["url"]) for r in first]
    assert all("--allow-duplicates" in r["message"] for r in again)
    out, err = _run(str(archive))
    work = Work.objects.get(pk=first[0]["id"])
    assert f"stories.zip:story0.txt: already imported as “{work.title}” " in out
    assert f"{work.get_absolute_url()}; use --allow-duplicates to import it again." in out
    assert "3 files were already imported" in err
    assert Work.objects.count() == 3


def test_allow_duplicates_imports_the_same_file_again(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(DUMP, encoding="utf-8")
    _run(str(story))
    out, _ = _run(str(story), "--allow-duplicates", "--json")
    assert json.loads(out)["status"] == "imported"
    assert Work.objects.count() == 2
    # Either copy counts as imported before.
    out, _ = _run(str(story), "--json")
    assert json.loads(out)["status"] == "duplicate"
    assert Work.objects.count() == 2


def test_a_changed_file_or_another_account_is_not_a_duplicate(user) -> None:
    work_import(data=DUMP.encode(), filename="a.txt")
    work_import(data=DUMP.replace("bakers", "millers").encode(), filename="a.txt")
    # Another account importing the same bytes is told nothing of the first account's work.
    work_import(data=DUMP.encode(), filename="a.txt", creator=user.default_pseud)
    assert Work.objects.count() == 3
    with pytest.raises(AlreadyImported) as info:
        work_import(data=DUMP.encode(), filename="b.txt", creator=user.default_pseud)
    assert info.value.work.creators.get() == user.default_pseud


def test_a_deleted_work_may_be_imported_again(user) -> None:
    first = work_import(data=DUMP.encode(), creator=user.default_pseud).work
    first.delete()
    again = work_import(data=DUMP.encode(), creator=user.default_pseud).work
    assert again.pk != first.pk


def test_the_web_upload_names_the_earlier_work_and_the_checkbox_insists(writer_client, user) -> None:
    work_import(data=DUMP.encode(), title="One Oven", creator=user.default_pseud)

    upload = SimpleUploadedFile("bakers.txt", DUMP.encode(), content_type="text/plain")
    response = writer_client.post(reverse("transfer:upload"), {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "You imported this file before, as “One Oven”." in page
    assert "tick “Import files I imported before”" in page
    assert Work.objects.count() == 1

    upload = SimpleUploadedFile("bakers.txt", DUMP.encode(), content_type="text/plain")
    response = writer_client.post(reverse("transfer:upload"), {"file": upload, "allow_duplicates": "on"})
    assert response.status_code == 302
    assert Work.objects.count() == 2


def test_a_background_job_skips_files_imported_before_and_says_so(user) -> None:
    stories = _stories(2)
    work_import(data=stories["story0.txt"], title="Street Zero", creator=user.default_pseud)
    uploads = [Upload("stories.zip", builders.zip_bytes(stories))]

    job = import_job_run(job_id=import_job_create(owner=user, uploads=uploads).pk)

    assert (job.total, job.imported) == (2, 1)
    skipped = ImportJobFile.objects.get(job=job, status=ImportJobFile.Status.SKIPPED)
    assert "You imported this file before, as “Street Zero”" in skipped.message
    insisted = import_job_run(job_id=import_job_create(owner=user, uploads=uploads, allow_duplicates=True).pk)
    assert insisted.imported == 2
