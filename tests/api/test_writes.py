"""Each write of the API does what the page's form does, through the same service: what a reader then sees on the
pages changes; the service's refusals (kudos twice or on one's own work, a block, the comment rate limit, the spam
check, a suspension) come back as 400 with the service's own words."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from scriptorium.interactions.models import Block, Bookmark, Comment, HistoryPause, Reading
from scriptorium.interactions.services import BLOCKED_BY_CREATOR, KUDOS_OWN_WORK, KUDOS_TWICE, reading_record
from scriptorium.notifications.models import Subscription
from scriptorium.works.selectors import first_chapter
from tests.api.writing import token_client

pytestmark = pytest.mark.django_db

LINK_FARM = "Best deals " + " ".join(f"https://deals{n}.example.com" for n in range(6))


def page(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    return client.get(url).content.decode()


def test_a_bookmark_is_made_changed_and_deleted(shelf) -> None:
    reader, work = shelf["reader"], shelf["works"]["public"]
    api = token_client(reader)
    made = api.post(
        "/api/v1/bookmarks/",
        {"work": work.pk, "notes": "A *calm* read.", "tags": ["cosy", "sea"], "rec": True},
        format="json",
    )
    assert made.status_code == 201, made.content
    data = made.json()
    assert data["work"]["id"] == work.pk and data["tags"] == ["cosy", "sea"] and data["rec"] and not data["private"]
    assert data["held_message"] == ""
    assert "A *calm* read." in page(shelf["writer"], f"/works/{work.pk}/bookmarks")  # public: others see it
    twice = api.post("/api/v1/bookmarks/", {"work": work.pk}, format="json")
    assert twice.status_code == 400 and "already bookmarked this work" in twice.json()["detail"]
    changed = api.patch(f"/api/v1/bookmarks/{data['id']}/", {"private": True}, format="json")
    assert changed.status_code == 200 and changed.json()["private"] and changed.json()["tags"] == ["cosy", "sea"]
    assert "A *calm* read." not in page(shelf["writer"], f"/works/{work.pk}/bookmarks")
    assert api.delete(f"/api/v1/bookmarks/{data['id']}/").status_code == 204
    assert not Bookmark.objects.filter(pk=data["id"]).exists()
    # someone else's bookmark is as missing as an unknown one
    assert token_client(shelf["writer"]).get(f"/api/v1/bookmarks/{data['id']}/").status_code == 404


def test_a_series_is_bookmarked_and_bad_values_are_named(shelf) -> None:
    api = token_client(shelf["reader"])
    neither = api.post("/api/v1/bookmarks/", {"notes": "x"}, format="json")
    assert neither.status_code == 400 and "work" in neither.json()
    bad = api.post("/api/v1/bookmarks/", {"work": "many", "rec": "perhaps", "tags": ["a,b"]}, format="json")
    assert bad.status_code == 400 and set(bad.json()) == {"work", "rec", "tags"}


def test_a_spam_bookmark_is_kept_private_and_the_api_says_why(shelf) -> None:
    made = token_client(shelf["reader"]).post(
        "/api/v1/bookmarks/", {"work": shelf["works"]["public"].pk, "notes": LINK_FARM}, format="json"
    )
    assert made.status_code == 201
    assert made.json()["private"] is True
    assert "looks like spam to the archive" in made.json()["held_message"]


def test_kudos_are_given_once_and_shown_as_on_the_page(shelf) -> None:
    work = shelf["works"]["public"]
    api = token_client(shelf["reader"])
    given = api.post(f"/api/v1/works/{work.pk}/kudos/", {}, format="json")
    assert given.status_code == 201
    assert given.json() == {"names": ["reader_rue"], "more": 0, "accounts": 1, "guests": 0, "total": 1, "given": True}
    again = api.post(f"/api/v1/works/{work.pk}/kudos/", {}, format="json")
    assert again.status_code == 400 and again.json()["detail"] == KUDOS_TWICE
    own = token_client(shelf["writer"]).post(f"/api/v1/works/{work.pk}/kudos/", {}, format="json")
    assert own.status_code == 400 and own.json()["detail"] == KUDOS_OWN_WORK
    guest = Client().get(f"/api/v1/works/{work.pk}/kudos/").json()
    assert guest["names"] == ["reader_rue"] and guest["given"] is False
    assert "reader_rue" in Client().get(f"/works/{work.pk}").content.decode()
    chapter = first_chapter(work)
    on_chapter = api.post(f"/api/v1/works/{work.pk}/kudos/", {"chapter": chapter.pk}, format="json")
    assert on_chapter.status_code == 201
    elsewhere = api.post(f"/api/v1/works/{work.pk}/kudos/", {"chapter": 999_999}, format="json")
    assert elsewhere.status_code == 404


def test_a_comment_is_posted_replied_to_edited_and_deleted(shelf) -> None:
    work = shelf["works"]["public"]
    chapter = first_chapter(work)
    url = f"/api/v1/works/{work.pk}/chapters/{chapter.pk}/comments/"
    reader, writer = token_client(shelf["reader"]), token_client(shelf["writer"])
    posted = reader.post(url, {"text": "The kettle line got me."}, format="json")
    assert posted.status_code == 201, posted.content
    comment_id = posted.json()["id"]
    assert "The kettle line got me." in Client().get(chapter.get_absolute_url()).content.decode()
    reply = writer.post(url, {"text": "Thank you!", "parent": comment_id}, format="json")
    assert reply.status_code == 201 and reply.json()["parent"] == comment_id
    threads = Client().get(url).json()
    rows = threads["chapters"][0]["comments"]
    assert [(c["id"], c["depth"], c["author"]["username"]) for c in rows] == [
        (comment_id, 0, "reader_rue"),
        (reply.json()["id"], 1, "writer_wren"),
    ]
    assert rows[1]["by_creator"] is True and threads["gate"]["open"] is True
    assert Client().get(f"/api/v1/works/{work.pk}/comments/").json()["chapters"] == threads["chapters"]
    edited = reader.patch(f"/api/v1/comments/{comment_id}/", {"text": "Edited words."}, format="json")
    assert edited.status_code == 200 and "Edited words." in edited.json()["text"] and edited.json()["edited_at"]
    not_mine = writer.patch(f"/api/v1/comments/{comment_id}/", {"text": "Hijack."}, format="json")
    assert not_mine.status_code == 403 and "author" in not_mine.json()["detail"]
    assert reader.delete(f"/api/v1/comments/{comment_id}/").status_code == 204
    rows = Client().get(url).json()["chapters"][0]["comments"]
    assert rows[0]["placeholder"] == "deleted" and rows[0]["text"] == "" and rows[0]["author"] is None
    bad_parent = reader.post(url, {"text": "Hi.", "parent": 999_999}, format="json")
    assert bad_parent.status_code == 400 and "parent" in bad_parent.json()
    empty = reader.post(url, {"text": "   "}, format="json")
    assert empty.status_code == 400 and "text" in empty.json()


def test_refused_comments_carry_the_services_words(shelf, settings) -> None:
    work = shelf["works"]["public"]
    url = f"/api/v1/works/{work.pk}/chapters/{first_chapter(work).pk}/comments/"
    reader = token_client(shelf["reader"])
    spam = reader.post(url, {"text": LINK_FARM}, format="json")
    assert spam.status_code == 400 and "looks like spam" in spam.json()["detail"]
    Block.objects.create(blocker=shelf["writer"], blocked=shelf["reader"])
    blocked = reader.post(url, {"text": "Hello there."}, format="json")
    assert blocked.status_code == 400 and blocked.json()["detail"] == BLOCKED_BY_CREATOR
    Block.objects.all().delete()
    cache.clear()  # the spam attempt counted against the limit too
    settings.SCRIPTORIUM_RATE_LIMITS = {"comment_account": "1/m"}
    assert reader.post(url, {"text": "One."}, format="json").status_code == 201
    limited = reader.post(url, {"text": "Two."}, format="json")
    assert limited.status_code == 400 and "commenting too quickly" in limited.json()["detail"]
    assert Comment.objects.count() == 1


def test_a_suspended_account_is_told_why(shelf) -> None:
    reader = shelf["reader"]
    reader.suspended_until = timezone.now() + datetime.timedelta(days=2)
    reader.save()
    work = shelf["works"]["public"]
    refused = token_client(reader).post(f"/api/v1/works/{work.pk}/kudos/", {}, format="json")
    assert refused.status_code == 400 and "suspended" in refused.json()["detail"]


def test_subscriptions_later_and_history(shelf) -> None:
    reader, work = shelf["reader"], shelf["works"]["public"]
    api = token_client(reader)
    made = api.post("/api/v1/subscriptions/", {"kind": "work", "target_id": work.pk}, format="json")
    assert made.status_code == 201 and made.json()["name"] == "Open Harbour"
    assert api.post("/api/v1/subscriptions/", {"kind": "work", "target_id": work.pk}, format="json").status_code == 200
    creator = api.post("/api/v1/subscriptions/", {"kind": "creator", "target_id": shelf["writer"].pk}, format="json")
    assert creator.status_code == 201
    self_sub = api.post("/api/v1/subscriptions/", {"kind": "creator", "target_id": reader.pk}, format="json")
    assert self_sub.status_code == 400 and "yourself" in self_sub.json()["detail"]
    assert {(s["kind"], s["target_id"]) for s in api.get("/api/v1/subscriptions/").json()["results"]} == {
        ("work", work.pk),
        ("creator", shelf["writer"].pk),
    }
    assert api.delete(f"/api/v1/subscriptions/work/{work.pk}/").status_code == 204
    assert api.delete(f"/api/v1/subscriptions/work/{work.pk}/").status_code == 404
    assert list(Subscription.objects.values_list("kind", flat=True)) == ["creator"]

    marked = api.post("/api/v1/marked-for-later/", {"work": work.pk}, format="json")
    assert marked.status_code == 201 and marked.json()["work"]["id"] == work.pk
    assert [e["title"] for e in api.get("/api/v1/marked-for-later/").json()["results"]] == ["Open Harbour"]
    assert api.delete(f"/api/v1/marked-for-later/{work.pk}/").status_code == 204
    assert api.get("/api/v1/marked-for-later/").json()["results"] == []

    reading_record(user_id=reader.pk, work_id=work.pk, chapter_id=first_chapter(work).pk)
    history = api.get("/api/v1/history/").json()
    assert history["enabled"] is True and [e["work"]["id"] for e in history["results"]] == [work.pk]
    assert api.delete(f"/api/v1/history/entries/{history['results'][0]['id']}/").status_code == 204
    reading_record(user_id=reader.pk, work_id=work.pk, chapter_id=first_chapter(work).pk)
    assert api.delete("/api/v1/history/").json() == {"forgotten": 1}
    assert not Reading.objects.filter(user=reader).exists()
    assert api.put("/api/v1/history/settings/", {"enabled": False}, format="json").json() == {"enabled": False}
    assert HistoryPause.objects.filter(user=reader).exists()
    assert api.get("/api/v1/history/settings/").json() == {"enabled": False}
    assert api.put("/api/v1/history/settings/", {"enabled": "sometimes"}, format="json").status_code == 400


def test_the_accounts_lists_need_an_account(api, shelf) -> None:
    for url in ("/api/v1/bookmarks/", "/api/v1/subscriptions/", "/api/v1/marked-for-later/", "/api/v1/history/"):
        response = api.get(url)
        assert response.status_code == 401, url
    assert token_client(shelf["reader"], "read").get("/api/v1/history/").status_code == 200  # a read token reads
