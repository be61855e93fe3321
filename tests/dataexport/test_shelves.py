"""An account's shelves are in its data export (history.json): the works, their shelf and when; a work the
account can no longer open by its number only; nobody else's shelves."""

from __future__ import annotations

import zipfile

from scriptorium.dataexport import archive as files
from scriptorium.dataexport.services import export_request
from scriptorium.interactions.services import shelf_set
from scriptorium.works.models import Work
from tests.dataexport.conftest import read_json
from tests.factories import make_work


def test_the_shelves_are_exported(archive, django_capture_on_commit_callbacks) -> None:
    shelf_set(actor=archive.owner, work_id=archive.others_work.pk, status="finished")
    withdrawn = make_work(creator=archive.other, title="Withdrawn Later")
    shelf_set(actor=archive.owner, work_id=withdrawn.pk, status="to-read")
    Work.objects.filter(pk=withdrawn.pk).update(posted=False)  # its creator took it back as a draft
    shelf_set(actor=archive.other, work_id=archive.posted.pk, status="reading")  # someone else's shelf
    with django_capture_on_commit_callbacks(execute=True):
        export = export_request(user=archive.owner)
    export.refresh_from_db()
    history = read_json(zipfile.ZipFile(files.path_of(export.path)), "history.json")
    assert [(row["work"], row["status"]) for row in history["shelves"]] == [
        (
            {
                "id": archive.others_work.pk,
                "available": True,
                "title": "Salt Roads",
                "url": history["shelves"][0]["work"]["url"],
            },
            "finished",
        ),
        ({"id": withdrawn.pk, "available": False}, "to-read"),
    ]
    assert history["shelves"][0]["updated_at"]
