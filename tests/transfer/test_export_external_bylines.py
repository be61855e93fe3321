"""Downloads of a work archived on its author's behalf credit the author: the EPUB's and the HTML's author
metadata carry NAME, the preface reads "by NAME [archived by ARCHIVIST]", and our own importer reading the
download back credits NAME only. Once claimed, the next revision's files credit the claimer's pseud."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.urls import reverse

from scriptorium.transfer.services import parse_upload
from scriptorium.works.models import ExternalCreator
from tests.factories import UserFactory
from tests.works.archived import archive_work, claim

pytestmark = pytest.mark.django_db


def download(client, work, format_name: str) -> bytes:
    response = client.get(reverse("transfer:download", kwargs={"work_id": work.pk, "format_name": format_name}))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def archived(db):
    return archive_work(UserFactory(username="openshelf"), "Marigold Vance", title="The Lantern Field")


def test_the_epub_names_the_author_and_the_preface_the_archivist(client, archived) -> None:
    book = zipfile.ZipFile(io.BytesIO(download(client, archived, "epub")))
    opf = next(book.read(n).decode() for n in book.namelist() if n.endswith(".opf"))
    pages = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))

    assert re.findall(r"<dc:creator[^>]*>([^<]+)</dc:creator>", opf) == ["Marigold Vance"]
    assert re.search(r'<div class="byline"[^>]*>by <a rel="author" href="[^"]*/external_authors/\d+">Marigold Vance</a>'
                     r" \[archived by openshelf\]</div>", pages)  # fmt: skip


def test_the_html_and_text_downloads_say_the_same(client, archived) -> None:
    html = download(client, archived, "html").decode()
    text = download(client, archived, "txt").decode()

    assert '<meta name="author" content="Marigold Vance"/>' in html
    assert "[archived by openshelf]" in html
    assert "by Marigold Vance [archived by openshelf]" in text


def test_the_file_name_carries_the_authors_name(client, archived) -> None:
    url = reverse("transfer:download", kwargs={"work_id": archived.pk, "format_name": "epub"})
    assert "Marigold Vance" in client.get(url)["Content-Disposition"]


def test_our_importer_reads_the_author_back_not_the_archivist(client, archived) -> None:
    parsed = parse_upload(data=download(client, archived, "html"), filename="lantern.html")
    assert parsed.creators == ["Marigold Vance"]


def test_after_a_claim_the_next_download_credits_the_claimers_pseud(
    client, archived, django_capture_on_commit_callbacks
) -> None:
    assert "Marigold Vance" in download(client, archived, "txt").decode()
    with django_capture_on_commit_callbacks(execute=True):
        claim(ExternalCreator.objects.get(), UserFactory(username="marigold").default_pseud)
    archived.refresh_from_db()

    text = download(client, archived, "txt").decode()
    assert "by marigold\n" in text and "archived by" not in text and "Marigold Vance" not in text
