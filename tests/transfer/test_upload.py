"""The web upload on the posting page uses the same import service."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scriptorium.works.models import Chapter, Work
from tests.transfer.test_import_service import COMPLETE_MARKDOWN, DUMP

pytestmark = pytest.mark.django_db


def test_guest_is_sent_to_log_in(client) -> None:
    response = client.get(reverse("transfer:upload"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_upload_without_a_fandom_is_a_draft_whose_edit_page_lists_what_to_fill_in(writer_client, user) -> None:
    upload = SimpleUploadedFile("bakers.txt", DUMP.encode(), content_type="text/plain")
    response = writer_client.post(reverse("transfer:upload"), {"file": upload, "title": "One Oven"})
    work = Work.objects.get()
    assert work.title == "One Oven" and not work.posted
    assert list(work.creators.all()) == [user.default_pseud]
    edit = reverse("works:edit", kwargs={"work_id": work.pk})
    assert response.status_code == 302 and response["Location"] == edit
    page = writer_client.get(edit).content.decode()
    assert "Before this work can be posted" in page
    assert 'href="#id_fandoms">Fandoms</a>' in page
    # Posting it as it is is refused with the reason; nothing changes.
    writer_client.post(reverse("works:post", kwargs={"work_id": work.pk}))
    work.refresh_from_db()
    assert not work.posted
    assert "Add at least one fandom" in writer_client.get(edit).content.decode()


def test_upload_of_a_complete_file_posts_the_work(writer_client) -> None:
    upload = SimpleUploadedFile("bread.md", COMPLETE_MARKDOWN.encode(), content_type="text/markdown")
    writer_client.post(reverse("transfer:upload"), {"file": upload})
    work = Work.objects.get()
    assert work.title == "Bread for Two" and work.posted


def test_upload_without_title_is_a_draft(writer_client) -> None:
    upload = SimpleUploadedFile("bakers.txt", DUMP.encode(), content_type="text/plain")
    writer_client.post(reverse("transfer:upload"), {"file": upload})
    work = Work.objects.get()
    assert work.title == "Untitled"
    assert not work.posted


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "PNG"),
    ],
)
def test_bad_upload_shows_the_reason_and_creates_nothing(writer_client, content: bytes, message: str) -> None:
    upload = SimpleUploadedFile("bad.txt", content, content_type="text/plain")
    response = writer_client.post(reverse("transfer:upload"), {"file": upload})
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert Work.objects.count() == 0 and Chapter.objects.count() == 0


def test_upload_over_the_limit_is_refused(writer_client, settings) -> None:
    settings.SCRIPTORIUM_IMPORT_MAX_BYTES = 100
    upload = SimpleUploadedFile("big.txt", DUMP.encode(), content_type="text/plain")
    response = writer_client.post(reverse("transfer:upload"), {"file": upload})
    assert response.status_code == 400
    assert "limit" in response.content.decode()
    assert Work.objects.count() == 0
