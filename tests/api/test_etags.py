"""ETags on the reads: each answer carries a weak ETag of what it shows; asking again with it (If-None-Match)
answers 304 while nothing the reader could notice changed, and a full answer once something did. Readers shown
different things never share an ETag."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from scriptorium.interactions.services import kudos_give
from scriptorium.works.models import Series, SeriesPart
from scriptorium.works.selectors import first_chapter

pytestmark = pytest.mark.django_db


def _reads(shelf) -> list[str]:
    work = shelf["works"]["public"]
    series = Series.objects.create(title="Harbour Tales", owner=shelf["writer"])
    series.creators.add(shelf["writer"].default_pseud)
    SeriesPart.objects.create(series=series, work=work, position=1)
    return [
        "/api/v1/works/",
        f"/api/v1/works/{work.pk}/",
        f"/api/v1/works/{work.pk}/chapters/",
        f"/api/v1/works/{work.pk}/chapters/{first_chapter(work).pk}/",
        "/api/v1/tags/Sea Stories/",
        f"/api/v1/series/{series.pk}/",
        f"/api/v1/works/{work.pk}/kudos/",
        f"/api/v1/works/{work.pk}/comments/",
    ]


def test_every_read_answers_304_to_its_own_etag(shelf, api) -> None:
    for url in _reads(shelf):
        first = api.get(url)
        assert first.status_code == 200, url
        etag = first["ETag"]
        assert etag.startswith('W/"'), url
        again = api.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, url
        assert again.content == b"" and again["ETag"] == etag
        assert api.get(url, HTTP_IF_NONE_MATCH='W/"something-else"').status_code == 200
        assert "Authorization" in first["Vary"] and "Cookie" in first["Vary"]


def test_a_change_the_reader_could_notice_changes_the_etag(shelf, api) -> None:
    work = shelf["works"]["public"]
    urls = [f"/api/v1/works/{work.pk}/", "/api/v1/works/", f"/api/v1/works/{work.pk}/kudos/"]
    before = {url: api.get(url)["ETag"] for url in urls}
    kudos_give(actor=shelf["reader"], work=work)  # the kudos count and names move
    for url in urls:
        response = api.get(url, HTTP_IF_NONE_MATCH=before[url])
        assert response.status_code == 200, url
        assert response["ETag"] != before[url]


def test_readers_shown_different_things_never_share_an_etag(shelf) -> None:
    guest, reader = APIClient(), APIClient()
    reader.force_login(shelf["reader"])
    for url in ("/api/v1/works/", "/api/v1/tags/Sea Stories/"):
        seen_by_reader, seen_by_guest = reader.get(url), guest.get(url)
        same = seen_by_guest.json() == seen_by_reader.json()
        assert (seen_by_guest["ETag"] == seen_by_reader["ETag"]) == same, url
        conditional = guest.get(url, HTTP_IF_NONE_MATCH=seen_by_reader["ETag"])
        assert conditional.status_code == (304 if same else 200), url
    # the reader's list holds the restricted work (and leaves out the muted and excluded ones): not the guest's
    assert guest.get("/api/v1/works/")["ETag"] != reader.get("/api/v1/works/")["ETag"]
