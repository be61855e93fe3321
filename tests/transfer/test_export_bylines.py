"""Downloads follow the names on a work: renaming or deleting a pseud makes the next download show the new
byline (the works it credits get a new revision through the ``pseud_renamed`` event)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from scriptorium.accounts.services import pseud_create, pseud_update
from scriptorium.transfer.models import Download
from scriptorium.works.services import pseud_delete
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


def epub_text(client, work) -> str:
    response = client.get(reverse("transfer:download", kwargs={"work_id": work.pk, "format_name": "epub"}))
    assert response.status_code == 200
    book = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(book.read(name).decode() for name in book.namelist() if name.endswith((".xhtml", ".opf")))


def test_renaming_a_pseud_changes_the_byline_of_the_next_epub(client, django_capture_on_commit_callbacks) -> None:
    writer = UserFactory()
    pen = pseud_create(actor=writer, name="Marram Grass")
    work = make_work(creator=pen, title="Dune Songs")
    assert "Marram Grass" in epub_text(client, work)  # built and kept for this revision
    old_revision = work.revision

    with django_capture_on_commit_callbacks(execute=True):
        pseud_update(actor=writer, pseud=pen, name="Sea Holly")

    work.refresh_from_db()
    assert work.revision == old_revision + 1
    text = epub_text(client, work)
    assert "Sea Holly" in text and "Marram Grass" not in text
    assert set(Download.objects.filter(work=work, format="epub").values_list("revision", flat=True)) >= {work.revision}


def test_a_description_change_keeps_the_revision(django_capture_on_commit_callbacks) -> None:
    writer = UserFactory()
    work = make_work(creator=writer)
    with django_capture_on_commit_callbacks(execute=True):
        pseud_update(actor=writer, pseud=writer.default_pseud, name=writer.default_pseud.name, description="Hi.")
    before = work.revision
    work.refresh_from_db()
    assert work.revision == before


def test_deleting_a_pseud_moves_the_byline_in_the_next_epub(client) -> None:
    writer = UserFactory()
    pen = pseud_create(actor=writer, name="Night Heron")
    work = make_work(creator=pen, title="Reed Beds")
    assert "Night Heron" in epub_text(client, work)
    pseud_delete(actor=writer, pseud=pen)
    text = epub_text(client, work)
    assert writer.default_pseud.name in text and "Night Heron" not in text
