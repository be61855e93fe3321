"""KOReader's sync protocol, spoken as KOReader speaks it: register (closed and open), log in, push and pull
progress for a file this archive served, the web's place handed back, and bad input refused."""

from __future__ import annotations

import json

import pytest
from pytest_django.asserts import assertContains

from scriptorium.interactions.models import Reading
from scriptorium.interactions.services import reading_position_save
from scriptorium.kosync.models import DeviceProgress, SyncKey
from scriptorium.kosync.xpointer import parse
from tests.factories import UserFactory
from tests.kosync.koreader import KOReader, crengine_xpointer, md5, paragraphs, partial_md5, spine_pages

pytestmark = pytest.mark.django_db


def _epub(client, work) -> tuple[bytes, str]:
    response = client.get(f"/works/{work.pk}/download/epub")
    assert response.status_code == 200, response.status_code
    name = response["Content-Disposition"].split('filename="')[1].split('"')[0]
    return b"".join(response.streaming_content), name


def test_registration_is_closed_by_default(client, reader) -> None:
    response = KOReader(client, reader.username, "anything").register()
    assert response.status_code == 402
    assert response.json() == {"code": 2005, "message": "User registration is disabled."}
    assert not SyncKey.objects.exists()


def test_open_registration_pairs_a_device_once_the_account_confirms(client, reader, settings) -> None:
    settings.SCRIPTORIUM_KOSYNC_REGISTRATION = True
    device = KOReader(client, reader.username, "typed on the kobo")
    response = device.register()
    assert response.status_code == 201 and response.json() == {"username": reader.username}
    assert device.authorize().status_code == 401  # not until the account confirms
    # An unknown username answers the same, and nothing is kept for it.
    assert KOReader(client, "nobody_here", "x").register().json() == {"username": "nobody_here"}

    client.force_login(reader)
    page = client.get("/account/kosync")
    assertContains(page, "Devices asking to pair")
    pending = SyncKey.objects.get(user=reader, confirmed=False)
    client.post("/account/kosync", {"confirm": pending.pk})
    assert device.authorize().json() == {"authorized": "OK"}
    assert SyncKey.objects.count() == 1


def test_log_in_with_the_sync_key_and_refusals_look_alike(client, reader, sync_key) -> None:
    good = KOReader(client, reader.username, sync_key).authorize()
    assert good.status_code == 200 and good.json() == {"authorized": "OK"}
    wrong_key = KOReader(client, reader.username, "not the key").authorize()
    unknown = KOReader(client, "no_such_reader", sync_key).authorize()
    password = KOReader(client, reader.username, "password").authorize()  # the archive password is not a key
    for refused in (wrong_key, unknown, password):
        assert refused.status_code == 401
        assert refused.json() == {"code": 2001, "message": "Unauthorized"}
    assert wrong_key.content == unknown.content


def test_a_new_key_retires_the_old_one(client, reader, sync_key) -> None:
    client.force_login(reader)
    page = client.post("/account/kosync", {"make": "1"})
    new_key = page.context["key"]
    assertContains(page, new_key)
    assert KOReader(client, reader.username, sync_key).authorize().status_code == 401
    assert KOReader(client, reader.username, new_key).authorize().status_code == 200


def test_refused_sign_ins_are_limited(client, reader, sync_key, settings) -> None:
    settings.SCRIPTORIUM_RATE_LIMITS = {**settings.SCRIPTORIUM_RATE_LIMITS, "kosync_auth": "3/m"}
    for _ in range(3):
        assert KOReader(client, reader.username, "guess").authorize().status_code == 401
    limited = KOReader(client, reader.username, "guess").authorize()
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    # Once limited, even the right key waits: a guesser learns nothing more.
    assert KOReader(client, reader.username, sync_key).authorize().status_code == 429


def test_round_trip_with_a_downloaded_epub(client, voyage, reader, sync_key) -> None:
    epub, _ = _epub(client, voyage)
    document = partial_md5(epub)
    pages = spine_pages(epub)
    assert [href for href, _ in pages][:2] == ["preface.xhtml", "chapter-0001.xhtml"]
    # KOReader is on chapter 2's third paragraph ("Land, said the map."), spine item 3.
    chapter_two = pages[2][1]
    target = paragraphs(chapter_two)[2]
    assert "".join(target.itertext()) == "Land, said the map."
    from lxml import etree

    root = etree.fromstring(chapter_two)
    target = [p for p in root.iter("{*}p") if "".join(p.itertext()) == "Land, said the map."][0]
    progress = crengine_xpointer(3, chapter_two, target)
    assert progress == "/body/DocFragment[3]/body/div/div[2]/blockquote/p/text().0"

    koreader = KOReader(client, reader.username, sync_key)
    pushed = koreader.update_progress(document, progress, 0.52)
    assert pushed.status_code == 200
    assert pushed.json()["document"] == document and isinstance(pushed.json()["timestamp"], int)

    second = voyage.chapters.get(position=2)
    reading = Reading.objects.get(user=reader, work=voyage)
    assert (reading.chapter_id, reading.paragraph) == (second.pk, 3)
    client.force_login(reader)
    assertContains(client.get(voyage.get_absolute_url()), f"{second.get_absolute_url()}#p-3")

    pulled = koreader.get_progress(document).json()  # nothing newer on the web: the device's own place
    assert pulled["progress"] == progress and pulled["percentage"] == 0.52
    assert pulled["device"] == "Kobo Libra 2" and pulled["device_id"] == "D3V1C3"


def test_reading_on_the_web_is_offered_to_the_e_reader(client, voyage, reader, sync_key) -> None:
    epub, _ = _epub(client, voyage)
    document = partial_md5(epub)
    koreader = KOReader(client, reader.username, sync_key)
    koreader.update_progress(document, "/body/DocFragment[2]/body/div/div[2]/p[2]/text().0", 0.1)

    third = voyage.chapters.get(position=3)
    client.force_login(reader)
    client.get(third.get_absolute_url())
    reading_position_save(actor=reader, work_id=voyage.pk, chapter_id=third.pk, paragraph=2)

    pulled = koreader.get_progress(document).json()
    assert pulled["device"] == "Scriptorium (web)" and pulled["device_id"] != koreader.device_id
    assert 0.5 < pulled["percentage"] < 1
    page = spine_pages(epub)[3][1]  # chapter 3 is spine item 4
    expected = crengine_xpointer(4, page, paragraphs(page)[1])
    assert pulled["progress"] == expected
    assert parse(pulled["progress"]).fragment == 4


def test_a_work_read_only_on_the_web_opens_there_on_a_fresh_download(client, voyage, reader, sync_key) -> None:
    client.force_login(reader)
    client.get(voyage.chapters.get(position=2).get_absolute_url())
    client.logout()
    epub, _ = _epub(client, voyage)
    pulled = KOReader(client, reader.username, sync_key).get_progress(partial_md5(epub)).json()
    assert pulled["progress"] == "/body/DocFragment[3]/body/div"


def test_filename_matching_finds_the_work(client, voyage, reader, sync_key) -> None:
    _, name = _epub(client, voyage)
    assert name == f"The Long Ferry - {voyage.creatorships.get().pseud.display_name}.epub"
    koreader = KOReader(client, reader.username, sync_key)
    response = koreader.update_progress(md5(name), "/body/DocFragment[4]/body/div/div[2]/p[3]/text().0", 0.95)
    assert response.status_code == 200
    reading = Reading.objects.get(user=reader, work=voyage)
    assert (reading.chapter.position, reading.paragraph) == (3, 3)


def test_unknown_documents(client, reader, sync_key) -> None:
    koreader = KOReader(client, reader.username, sync_key)
    empty = koreader.get_progress("0123456789abcdef0123456789abcdef")
    assert empty.status_code == 200 and empty.json() == {}
    # A file from elsewhere still syncs between the reader's devices, as on KOReader's own server.
    assert koreader.update_progress("f" * 32, "56", 0.32).status_code == 200
    other = KOReader(client, reader.username, "", device="PocketBook")
    other.userkey = koreader.userkey
    assert other.get_progress("f" * 32).json()["progress"] == "56"
    assert not Reading.objects.filter(user=reader).exists()


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"progress": "1", "percentage": 0.1, "device": "K"}, 403, "Field 'document' not provided."),
        ({"document": "abc", "percentage": 0.1, "device": "K"}, 403, "'progress'"),
        ({"document": "abc", "progress": "1", "percentage": "lots", "device": "K"}, 403, "'percentage'"),
        ({"document": "abc", "progress": "1", "percentage": 7, "device": "K"}, 403, "'percentage'"),
        ({"document": "abc", "progress": 5, "percentage": 0.1, "device": "K"}, 403, "'progress'"),
        ({"document": "a/b:c", "progress": "1", "percentage": 0.1, "device": "K"}, 403, "'document'"),
        ({"document": "abc", "progress": "1", "percentage": 0.1}, 403, "'device'"),
        ([1, 2], 403, "JSON object"),
        ({"document": "abc", "progress": "x" * 20000, "percentage": 0.1, "device": "K"}, 413, "larger than"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(client, reader, sync_key, body, status, message) -> None:
    koreader = KOReader(client, reader.username, sync_key)
    response = client.put(
        "/kosync/syncs/progress", json.dumps(body), content_type="application/json", **koreader._auth()
    )
    assert response.status_code == status
    assert message in response.json()["message"]
    assert not DeviceProgress.objects.exists()


def test_not_json_at_all(client, reader, sync_key) -> None:
    koreader = KOReader(client, reader.username, sync_key)
    response = client.put("/kosync/syncs/progress", b"{nope", content_type="application/json", **koreader._auth())
    assert response.status_code == 403 and "not JSON" in response.json()["message"]


def test_another_readers_key_reads_only_their_own_progress(client, voyage, reader, sync_key) -> None:
    epub, _ = _epub(client, voyage)
    KOReader(client, reader.username, sync_key).update_progress(partial_md5(epub), "/body/DocFragment[3]", 0.4)
    other = UserFactory()
    from scriptorium.kosync.services import sync_key_make

    theirs = KOReader(client, other.username, sync_key_make(actor=other)).get_progress(partial_md5(epub)).json()
    assert theirs == {}


def test_with_the_history_off_an_old_web_place_does_not_pull_the_device_back(client, voyage, reader, sync_key) -> None:
    from scriptorium.interactions.services import history_set_enabled

    client.force_login(reader)
    client.get(voyage.chapters.get(position=1).get_absolute_url())  # an old web reading
    history_set_enabled(actor=reader, enabled=False)
    epub, _ = _epub(client, voyage)
    koreader = KOReader(client, reader.username, sync_key)
    progress = "/body/DocFragment[4]/body/div/div[2]/p[3]/text().0"
    koreader.update_progress(partial_md5(epub), progress, 0.9)
    assert Reading.objects.get(user=reader, work=voyage).chapter.position == 1  # the history stays off
    assert koreader.get_progress(partial_md5(epub)).json()["progress"] == progress
