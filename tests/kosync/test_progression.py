"""OPDS Progression 1.0 for a work: read and written with the sync key over HTTP Basic, or the session."""

from __future__ import annotations

import base64
import json

import pytest
from pytest_django.asserts import assertContains

from scriptorium.interactions.models import Reading
from scriptorium.kosync.selectors import progression_url
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db
MEDIA_TYPE = "application/vnd.readium.progression+json"


def _basic(username: str, key: str) -> dict:
    token = base64.b64encode(f"{username}:{key}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def _put(client, url, body, **headers):
    return client.put(url, json.dumps(body), content_type=MEDIA_TYPE, **headers)


def test_put_then_get_through_basic_auth(client, voyage, reader, sync_key) -> None:
    url = progression_url(voyage)
    assert url == f"/kosync/progression/{voyage.pk}"
    auth = _basic(reader.username, sync_key)
    assert client.get(url, **auth).status_code == 404  # nothing read yet

    body = {
        "modified": "2026-12-07T18:00:00Z",
        "device": {"id": "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427", "name": "Thorium"},
        "progression": 0.55,
        "locator": {
            "href": "OEBPS/chapter-0002.xhtml",
            "type": "application/xhtml+xml",
            "locations": {"progression": 0.5, "totalProgression": 0.55},
        },
    }
    written = _put(client, url, body, **auth)
    assert written.status_code == 200 and written["Content-Type"] == MEDIA_TYPE
    second = voyage.chapters.get(position=2)
    reading = Reading.objects.get(user=reader, work=voyage)
    assert (reading.chapter_id, reading.paragraph) == (second.pk, 3)  # half of four paragraphs: the third

    read = client.get(url, **auth).json()
    assert read["locator"]["href"] == "OEBPS/chapter-0002.xhtml"
    assert read["locator"]["locations"]["progression"] == 0.5
    assert 0 < read["progression"] < 1 and read["modified"].endswith("Z")
    assert set(read["device"]) == {"id", "name"}

    client.force_login(reader)
    assertContains(client.get(voyage.get_absolute_url()), f"{second.get_absolute_url()}#p-3")


def test_a_total_progression_alone_finds_a_chapter(client, voyage, reader, sync_key) -> None:
    response = _put(client, progression_url(voyage), {"progression": 0.99}, **_basic(reader.username, sync_key))
    assert response.status_code == 200
    assert Reading.objects.get(user=reader, work=voyage).chapter.position == 3


def test_sign_in_is_required_and_refusals_look_alike(client, voyage, reader, sync_key) -> None:
    url = progression_url(voyage)
    anonymous = client.get(url)
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"].startswith("Basic ")
    wrong = client.get(url, **_basic(reader.username, "nope"))
    unknown = client.get(url, **_basic("nobody_at_all", sync_key))
    assert wrong.status_code == unknown.status_code == 401 and wrong.content == unknown.content


def test_the_session_works_with_the_csrf_token(voyage, reader) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    url = progression_url(voyage)
    refused = _put(client, url, {"progression": 0.2})
    assert refused.status_code == 403
    assert not Reading.objects.filter(user=reader).exists()
    client.get("/account/kosync")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    assert _put(client, url, {"progression": 0.2}, HTTP_X_CSRFTOKEN=token).status_code == 200
    assert client.get(url).json()["locator"]["href"] == "OEBPS/chapter-0001.xhtml"


def test_a_work_the_reader_may_not_open_is_not_found(client, reader, sync_key) -> None:
    draft = make_work(post=False)
    auth = _basic(reader.username, sync_key)
    assert client.get(progression_url(draft), **auth).status_code == 404
    assert _put(client, progression_url(draft), {"progression": 0.5}, **auth).status_code == 404
    assert client.get("/kosync/progression/999999", **auth).status_code == 404
    assert not Reading.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "'progression' is required"),
        ({"progression": "half"}, "'progression'"),
        ({"progression": 1.5}, "'progression'"),
        ({"progression": 0.5, "locator": "chapter-0002.xhtml"}, "'locator'"),
        ({"progression": 0.5, "locator": {"href": 3}}, "'locator.href'"),
        ({"progression": 0.5, "device": "Thorium"}, "'device'"),
    ],
)
def test_bad_documents_are_refused(client, voyage, reader, sync_key, body, message) -> None:
    response = _put(client, progression_url(voyage), body, **_basic(reader.username, sync_key))
    assert response.status_code == 400 and message in response.json()["error"]
    assert not Reading.objects.exists()


def test_a_huge_body_is_refused(client, voyage, reader, sync_key) -> None:
    body = {"progression": 0.5, "locator": {"href": "x", "text": {"before": "y" * 20000}}}
    response = _put(client, progression_url(voyage), body, **_basic(reader.username, sync_key))
    assert response.status_code == 413
    assert not Reading.objects.exists()


def test_other_readers_keys_do_not_read_mine(client, voyage, reader, sync_key) -> None:
    _put(client, progression_url(voyage), {"progression": 0.5}, **_basic(reader.username, sync_key))
    other = UserFactory()
    from scriptorium.kosync.services import sync_key_make

    theirs = client.get(progression_url(voyage), **_basic(other.username, sync_key_make(actor=other)))
    assert theirs.status_code == 404


def test_a_place_from_koreader_names_its_device(client, voyage, reader, sync_key) -> None:
    from tests.kosync.koreader import KOReader, partial_md5

    epub = b"".join(client.get(f"/works/{voyage.pk}/download/epub").streaming_content)
    KOReader(client, reader.username, sync_key).update_progress(
        partial_md5(epub), "/body/DocFragment[4]/body/div/div[2]/p[2]/text().0", 0.8
    )
    read = client.get(progression_url(voyage), **_basic(reader.username, sync_key)).json()
    assert read["device"] == {"id": "urn:kosync:D3V1C3", "name": "Kobo Libra 2"}
    assert read["locator"]["href"] == "OEBPS/chapter-0003.xhtml"
