"""Several files (or a ZIP) uploaded on the web: one background job, its progress page, each file's fate."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scriptorium.transfer.inputs import Upload
from scriptorium.transfer.models import ImportJob, ImportJobFile
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import import_job_create, import_job_run
from scriptorium.works.models import Work
from tests.factories import UserFactory
from tests.transfer import builders
from tests.transfer.test_import_service import DUMP

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
AO3_HTML = (SAMPLES / "html" / "ao3_download.html").read_bytes()
MARKDOWN = (SAMPLES / "markdown" / "front_matter.md").read_bytes()


def _upload(client, files, *, capture, draft=False):
    data = {"file": [SimpleUploadedFile(name, content) for name, content in files]}
    if draft:
        data["draft"] = "on"
    with capture(execute=True):
        return client.post(reverse("transfer:upload"), data)


def test_several_files_become_one_job_and_the_page_reports_each(
    writer_client, user, django_capture_on_commit_callbacks
) -> None:
    response = _upload(
        writer_client,
        [("ledger.md", MARKDOWN), ("lanterns.html", AO3_HTML), ("junk.bin", b"\x00\x01\x02\x03")],
        capture=django_capture_on_commit_callbacks,
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("transfer:job", args=[job.pk])
    assert (job.status, job.total, job.processed, job.imported) == ("done", 3, 3, 2)
    assert Work.objects.count() == 2
    assert set(Work.objects.values_list("creators", flat=True)) == {user.default_pseud.pk}
    page = writer_client.get(response["Location"]).content.decode()
    assert "3</span> files done" in page and "2</span> imported" in page
    assert "junk.bin" in page and "Not imported" in page
    for work in Work.objects.all():
        assert work.get_absolute_url() in page
    # The stored bytes are let go once each file is handled.
    assert all(bytes(data) == b"" for data in ImportJobFile.objects.values_list("data", flat=True))


def test_a_zip_is_opened_in_the_background_and_each_story_counts(
    writer_client, django_capture_on_commit_callbacks
) -> None:
    archive = builders.zip_bytes({"ledger.md": MARKDOWN, "bakers.txt": DUMP.encode(), "junk.bin": b"\x00\x01\x02"})
    _upload(writer_client, [("stories.zip", archive)], capture=django_capture_on_commit_callbacks, draft=True)
    job = ImportJob.objects.get()
    assert (job.total, job.processed, job.imported) == (3, 3, 2)
    rows = list(job.files.values_list("name", "status"))
    assert rows[0] == ("stories.zip", "expanded")
    assert ("stories.zip › junk.bin", "skipped") in rows
    assert Work.objects.filter(posted=False).count() == 2  # "keep them as drafts"


def test_progress_endpoint_reports_counts_while_waiting(writer_client, user) -> None:
    # Without running the on-commit callbacks the job stays queued, as it does until a worker picks it up.
    job = import_job_create(owner=user, uploads=[Upload("a.md", MARKDOWN), Upload("b.txt", DUMP.encode())])
    data = writer_client.get(reverse("transfer:job_progress", args=[job.pk])).json()
    assert data == {
        "status": "queued",
        "status_label": "Waiting to start",
        "finished": False,
        "total": 2,
        "processed": 0,
        "imported": 0,
        "failed": 0,
        "percent": 0,
    }
    page = writer_client.get(reverse("transfer:job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page  # without JavaScript the page reloads itself
    import_job_run(job_id=job.pk)
    data = writer_client.get(reverse("transfer:job_progress", args=[job.pk])).json()
    assert (data["finished"], data["imported"], data["percent"]) == (True, 2, 100)
    assert 'http-equiv="refresh"' not in writer_client.get(reverse("transfer:job", args=[job.pk])).content.decode()


def test_someone_elses_job_answers_like_a_missing_one(client, user) -> None:
    job = import_job_create(owner=user, uploads=[Upload("a.md", MARKDOWN), Upload("b.md", MARKDOWN)])
    client.force_login(UserFactory())
    assert client.get(reverse("transfer:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("transfer:job_progress", args=[job.pk])).status_code == 404
    assert client.get(reverse("transfer:job", args=[job.pk + 1000])).status_code == 404


def test_a_hostile_zip_is_refused_at_upload_and_nothing_is_stored(writer_client) -> None:
    evil = builders.zip_bytes([("ok.md", MARKDOWN), ("../../escape.txt", DUMP)])
    files = [SimpleUploadedFile("evil.zip", evil), SimpleUploadedFile("a.md", MARKDOWN)]
    response = writer_client.post(reverse("transfer:upload"), {"file": files})
    assert response.status_code == 400
    assert "evil.zip" in response.content.decode()
    assert ImportJob.objects.count() == 0 and ImportJobFile.objects.count() == 0 and Work.objects.count() == 0


def test_too_many_files_are_refused(writer_client, settings) -> None:
    settings.SCRIPTORIUM_IMPORT_MAX_FILES = 2
    files = [SimpleUploadedFile(f"{n}.md", MARKDOWN) for n in range(3)]
    response = writer_client.post(reverse("transfer:upload"), {"file": files})
    assert response.status_code == 400
    assert "at most 2 files" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_the_service_refuses_empty_and_oversized_uploads(user, settings) -> None:
    settings.SCRIPTORIUM_IMPORT_MAX_BYTES = 1000
    with pytest.raises(ImportRejected, match="Choose at least one file"):
        import_job_create(owner=user, uploads=[])
    with pytest.raises(ImportRejected, match="empty"):
        import_job_create(owner=user, uploads=[Upload("a.md", MARKDOWN[:500]), Upload("b.md", b"")])
    with pytest.raises(ImportRejected, match="larger than"):
        import_job_create(owner=user, uploads=[Upload("a.md", b"x" * 1001), Upload("b.md", b"y")])
    assert ImportJob.objects.count() == 0


def test_a_pseud_of_someone_else_is_refused(user) -> None:
    other = UserFactory()
    with pytest.raises(ImportRejected, match="your own pseuds"):
        import_job_create(owner=user, pseud=other.default_pseud, uploads=[Upload("a.md", MARKDOWN)])


def test_an_unexpected_error_in_one_file_does_not_stop_the_others(user, monkeypatch) -> None:
    from scriptorium.transfer.services import jobs

    real = jobs.work_import

    def flaky(**kwargs):
        if kwargs["filename"] == "boom.md":
            raise RuntimeError("disk on fire")
        return real(**kwargs)

    monkeypatch.setattr(jobs, "work_import", flaky)
    job = import_job_create(owner=user, uploads=[Upload("boom.md", MARKDOWN), Upload("fine.md", MARKDOWN)])
    job = import_job_run(job_id=job.pk)
    assert (job.status, job.processed, job.imported) == ("done", 2, 1)
    boom = job.files.get(name="boom.md")
    assert boom.status == "skipped" and "error on our side" in boom.message


def test_the_list_of_imports_shows_only_mine(writer_client, user) -> None:
    mine = import_job_create(owner=user, uploads=[Upload("a.md", MARKDOWN), Upload("b.md", MARKDOWN)])
    theirs = import_job_create(owner=UserFactory(), uploads=[Upload("a.md", MARKDOWN), Upload("b.md", MARKDOWN)])
    page = writer_client.get(reverse("transfer:jobs")).content.decode()
    assert reverse("transfer:job", args=[mine.pk]) in page
    assert reverse("transfer:job", args=[theirs.pk]) not in page


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("a.md", 10), ("b.md", 10), ("c.md", 10)], "Upload at most 2 files at a time (you chose 3)."),
        ([("a.md", 10), ("big.md", 1001)], "big.md is larger than the 0.000953674 MB limit."),
        ([("a.md", 1000), ("b.md", 1000)], None),
    ],
)
def test_the_upload_limits_are_one_check(settings, files, message) -> None:
    from scriptorium.transfer.inputs import upload_limits_check

    settings.SCRIPTORIUM_IMPORT_MAX_FILES = 2
    settings.SCRIPTORIUM_IMPORT_MAX_BYTES = 1000
    if message is None:
        upload_limits_check(files)
        return
    with pytest.raises(ImportRejected) as refused:
        upload_limits_check(files)
    assert refused.value.message == message


def test_the_form_and_the_service_refuse_an_upload_in_the_same_words(writer_client, user, settings) -> None:
    settings.SCRIPTORIUM_IMPORT_MAX_FILES = 3
    settings.SCRIPTORIUM_IMPORT_MAX_BYTES = 400  # so one upload may hold 2,000 bytes
    cases = [
        ([("a.md", 10)] * 4, "Upload at most 3 files at a time (you chose 4)."),
        ([("a.md", 10), ("big.md", 401)], "big.md is larger than the 0.00038147 MB limit."),
    ]
    for files, message in cases:
        with pytest.raises(ImportRejected) as refused:
            import_job_create(owner=user, uploads=[Upload(name, b"x" * size) for name, size in files])
        assert refused.value.message == message
        uploaded = [SimpleUploadedFile(name, b"x" * size) for name, size in files]
        response = writer_client.post(reverse("transfer:upload"), {"file": uploaded})
        assert response.status_code == 400 and message in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_together_the_files_may_not_pass_five_times_the_limit_of_one(writer_client, user, settings) -> None:
    settings.SCRIPTORIUM_IMPORT_MAX_FILES = 10
    settings.SCRIPTORIUM_IMPORT_MAX_BYTES = 1024 * 1024
    message = "Together the files are larger than the 5 MB limit of one upload."
    uploads = [Upload(f"{n}.md", b"x" * (1024 * 1024)) for n in range(6)]
    with pytest.raises(ImportRejected, match=message):
        import_job_create(owner=user, uploads=uploads)
    uploaded = [SimpleUploadedFile(upload.name, upload.data) for upload in uploads]
    response = writer_client.post(reverse("transfer:upload"), {"file": uploaded})
    assert response.status_code == 400 and message in response.content.decode()
    assert ImportJob.objects.count() == 0
