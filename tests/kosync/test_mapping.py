"""The pieces under the protocol: KOReader's partial MD5 at its sampling boundaries, places read from a page
number or a fraction (PDF and other formats), and works the reader may no longer open."""

from __future__ import annotations

import io

import pytest

from scriptorium.interactions.models import Reading
from scriptorium.kosync.digests import partial_md5_of
from scriptorium.kosync.places import Layout, web_place
from scriptorium.works.services import work_hidden_set
from tests.factories import UserFactory
from tests.kosync.koreader import KOReader, partial_md5


@pytest.mark.parametrize("size", [0, 1, 1023, 1024, 1025, 4096, 5000, 16384, 70000, 300_000, 1_100_000])
def test_partial_md5_matches_koreader_at_every_boundary(size) -> None:
    data = bytes((i * 7 + i // 1024) % 256 for i in range(size))
    assert partial_md5_of(io.BytesIO(data)) == partial_md5(data)


def test_appending_past_the_last_sample_keeps_the_digest() -> None:
    data = bytes(range(256)) * 40  # 10 KiB: samples at 0, 1 KiB and 4 KiB
    assert partial_md5_of(io.BytesIO(data)) == partial_md5_of(io.BytesIO(data + b"%% annotations"))


@pytest.mark.django_db
def test_a_pdf_page_places_by_the_fraction_read(voyage) -> None:
    chapters = list(voyage.chapters.order_by("position"))
    layout = Layout(voyage, "pdf")
    assert web_place(layout, "1", 0.0).chapter_id == chapters[0].pk
    assert web_place(layout, "1", 0.0).paragraph == 0
    end = web_place(layout, "40", 1.0)
    assert end.chapter_id == chapters[-1].pk and end.paragraph == 3
    middle = web_place(layout, "20", 0.5)
    assert middle.chapter_id == chapters[1].pk and middle.paragraph >= 1


@pytest.mark.django_db
def test_an_xpointer_outside_our_layout_falls_back_to_the_fraction(voyage) -> None:
    place = web_place(Layout(voyage, "epub"), "/body/p[3]/text().0", 0.99)
    assert place.chapter_id == voyage.chapters.get(position=3).pk


@pytest.mark.django_db
def test_a_hidden_work_is_not_moved(client, voyage, reader, sync_key) -> None:
    epub = b"".join(client.get(f"/works/{voyage.pk}/download/epub").streaming_content)
    moderator = UserFactory(is_superuser=True)
    work_hidden_set(actor=moderator, work_id=voyage.pk, hidden=True, reason="Checking.")
    koreader = KOReader(client, reader.username, sync_key)
    response = koreader.update_progress(partial_md5(epub), "/body/DocFragment[3]/body/div", 0.4)
    assert response.status_code == 200  # kept as a document of its own, as KOReader's server would
    assert not Reading.objects.filter(user=reader).exists()


@pytest.mark.django_db
def test_answering_a_device_does_not_read_every_chapter(client, reader, sync_key) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_work

    def queries_for(chapter_count: int) -> int:
        work = make_work(chapters=[f"<p>Part {n}.</p><p>More.</p>" for n in range(chapter_count)])
        epub = b"".join(client.get(f"/works/{work.pk}/download/epub").streaming_content)
        koreader = KOReader(client, reader.username, sync_key)
        koreader.update_progress(partial_md5(epub), "/body/DocFragment[3]/body/div/div[2]/p[2]/text().0", 0.1)
        client.force_login(reader)
        client.get(work.chapters.order_by("position")[1].get_absolute_url())
        client.get(work.chapters.order_by("position")[chapter_count - 1].get_absolute_url())
        with CaptureQueriesContext(connection) as context:
            answer = koreader.get_progress(partial_md5(epub)).json()
        assert answer["device"] == "Scriptorium (web)"
        return len(context.captured_queries)

    assert queries_for(3) == queries_for(30)


@pytest.mark.django_db
def test_a_built_download_is_fingerprinted_at_once(client, voyage, django_capture_on_commit_callbacks) -> None:
    from scriptorium.kosync.models import DocumentFile, DocumentName
    from tests.kosync.koreader import md5

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/works/{voyage.pk}/download/epub")
    epub = b"".join(response.streaming_content)
    name = response["Content-Disposition"].split('filename="')[1].split('"')[0]
    recorded = DocumentFile.objects.get(work=voyage)
    assert recorded.partial_md5 == partial_md5(epub) and recorded.format == "epub"
    assert recorded.chapter_ids == list(voyage.chapters.order_by("position").values_list("id", flat=True))
    assert DocumentName.objects.filter(digest=md5(name), work=voyage, format="epub").exists()
