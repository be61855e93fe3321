"""Several files uploaded in Chromium: the writer lands on the job page, which follows the background import
by itself and then lists every file; the page passes axe at desktop and phone widths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scriptorium.transfer.models import ImportJob, ImportJobFile
from scriptorium.transfer.services import import_job_run
from scriptorium.works.models import Work
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLES = Path(__file__).resolve().parents[1] / "transfer" / "samples"
MARKDOWN = (SAMPLES / "markdown" / "front_matter.md").read_bytes()
AO3_HTML = (SAMPLES / "html" / "ao3_download.html").read_bytes()


def test_uploading_several_files_shows_each_result(new_page, tmp_path: Path) -> None:
    writer = UserFactory()
    page = new_page()
    log_in(page, writer.username)
    files = []
    for name, content in (("ledger.md", MARKDOWN), ("lanterns.html", AO3_HTML), ("junk.bin", b"\x00\x01\x02\x03")):
        path = tmp_path / name
        path.write_bytes(content)
        files.append(str(path))
    page.goto("/works/import")
    page.get_by_label("Story files").set_input_files(files)
    page.get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(r"/works/import/jobs/\d+$"))
    page.get_by_text("Finished").first.wait_for()
    rows = page.locator("tbody tr")
    assert rows.count() == 3
    assert "Not imported" in rows.nth(2).inner_text()
    assert Work.objects.count() == 2


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_job_page_follows_the_import_while_it_runs(new_page, viewport) -> None:
    writer = UserFactory()
    # A job no worker has picked up yet (creating it through the service would run it at once in tests).
    job = ImportJob.objects.create(owner=writer, pseud=writer.default_pseud, total=2)
    for position, (name, data) in enumerate((("a.md", MARKDOWN), ("b.html", AO3_HTML))):
        ImportJobFile.objects.create(job=job, position=position * 10, name=name, size=len(data), data=data)
    page = new_page(viewport, bypass_csp=True)
    log_in(page, writer.username)
    page.goto(f"/works/import/jobs/{job.pk}")
    assert "Waiting to start" in page.locator("#job-status").inner_text()
    assert axe_violations(page) == []
    import_job_run(job_id=job.pk)  # what the worker does meanwhile
    page.get_by_role("link", name=re.compile("Lanterns|Ledger", re.I)).first.wait_for()
    assert "Finished" in page.locator("#job-status").inner_text()
    assert ImportJob.objects.get().imported == 2
    assert page.evaluate("document.querySelector('progress').value") == 100
    assert axe_violations(page) == []
