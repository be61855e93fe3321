"""The account's own lists through the API show exactly what its pages show it: the same bookmarks (private ones
too, a work no longer available kept as such), the same history and Marked for Later entries (a hidden work's
entry without its work), the same subscriptions; and nobody else's."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from scriptorium.interactions.inputs import BookmarkInput
from scriptorium.interactions.models import Reading
from scriptorium.interactions.services import bookmark_create, later_mark, reading_record
from scriptorium.notifications.services import subscription_create
from scriptorium.works.models import Work
from scriptorium.works.selectors import first_chapter
from tests.api.writing import token_client
from tests.factories import make_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(shelf):
    """The reader's things: bookmarks public and private, one of a work unposted since; readings and marks, one of
    a work hidden since; subscriptions, one to a work unposted since. Another account's things beside them."""
    reader, writer, works = shelf["reader"], shelf["writer"], shelf["works"]
    gone = make_work(creator=writer, title="Withdrawn Tide")
    bookmark_create(actor=reader, data=BookmarkInput(notes="Public note."), work=works["public"])
    bookmark_create(actor=reader, data=BookmarkInput(notes="Secret note.", private=True), work=works["restricted"])
    bookmark_create(actor=reader, data=BookmarkInput(notes="Gone note."), work=gone)
    bookmark_create(actor=writer, data=BookmarkInput(notes="Not the reader's."), work=works["muted"])
    for work in (works["public"], works["restricted"], gone):
        reading_record(user_id=reader.pk, work_id=work.pk, chapter_id=first_chapter(work).pk)
    reading_record(user_id=writer.pk, work_id=works["muted"].pk, chapter_id=first_chapter(works["muted"]).pk)
    later_mark(actor=reader, work=works["excluded"])
    later_mark(actor=reader, work=gone)
    subscription_create(actor=reader, kind="work", target_id=gone.pk)
    subscription_create(actor=reader, kind="creator", target_id=writer.pk)
    Work.objects.filter(pk=gone.pk).update(posted=False)  # unposted since
    return reader


def _pages(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api_ids(api, url: str) -> list[int]:
    return [entry["id"] for entry in api.get(url).json()["results"]]


def test_bookmarks_are_those_of_the_bookmarks_page(owned) -> None:
    page = _pages(owned).get(f"/users/{owned.username}/bookmarks").content.decode()
    api = token_client(owned, "read")
    assert _api_ids(api, "/api/v1/bookmarks/") == [int(i) for i in re.findall(r'id="bookmark-(\d+)"', page)]
    shown = api.get("/api/v1/bookmarks/").json()["results"]
    assert [(b["notes"], b["private"], b["available"]) for b in shown] == [
        ("<p>Gone note.</p>", False, False),
        ("<p>Secret note.</p>", True, True),
        ("<p>Public note.</p>", False, True),
    ]
    assert shown[0]["work"] is None and shown[0]["title"] == ""  # no longer available: nothing of it shown


@pytest.mark.parametrize(
    ("url", "page_url"),
    [("/api/v1/history/", "/account/history"), ("/api/v1/marked-for-later/", "/account/marked-for-later")],
)
def test_history_and_later_are_those_of_their_pages(owned, url, page_url) -> None:
    page = _pages(owned).get(page_url).content.decode()
    anchors = re.findall(r'id="(reading-[\w-]+)"', page)
    entries = token_client(owned, "read").get(url).json()["results"]
    assert [Reading.objects.get(pk=e["id"]).anchor for e in entries] == anchors
    for entry in entries:
        assert (entry["work"] is not None) == entry["available"]
        if not entry["available"]:
            assert entry["title"] == "" and entry["chapter"] is None


def test_subscriptions_are_those_of_the_subscriptions_page(owned) -> None:
    page = _pages(owned).get("/account/subscriptions").content.decode()
    names = {s["name"] for s in token_client(owned, "read").get("/api/v1/subscriptions/").json()["results"]}
    assert names == {None, "writer_wren"}
    assert "<span>A work that is no longer posted</span>" in page  # named by neither
    assert ">writer_wren</a>" in page


def test_nobody_sees_anothers_lists(owned, shelf) -> None:
    api = token_client(shelf["moderator"], "read")
    for url in ("/api/v1/bookmarks/", "/api/v1/history/", "/api/v1/marked-for-later/", "/api/v1/subscriptions/"):
        assert api.get(url).json()["results"] == [], url
