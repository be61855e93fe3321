"""Every write of the API, asked the ways it must refuse: a guest (401), a read-only token (403, naming the
scope), a field it does not take (400, naming it), a work the account may not open (404, the same as a missing
one). Nothing is written by a refused request."""

from __future__ import annotations

import pytest

from scriptorium.interactions.inputs import BookmarkInput, CommentInput
from scriptorium.interactions.models import Bookmark, Comment, Kudos, Reading
from scriptorium.interactions.services import bookmark_create, comment_create, later_mark
from scriptorium.notifications.models import Subscription
from scriptorium.works.selectors import first_chapter
from tests.api.writing import send, token_client

pytestmark = pytest.mark.django_db


def _setup(shelf) -> dict[str, object]:
    """The reader's own things each write may name."""
    reader, public = shelf["reader"], shelf["works"]["public"]
    chapter = first_chapter(public)
    bookmark = bookmark_create(actor=reader, data=BookmarkInput(notes="Mine."), work=shelf["works"]["muted"])
    comment = comment_create(actor=reader, chapter=chapter, data=CommentInput(text="First thoughts."))
    reading = later_mark(actor=reader, work=shelf["works"]["excluded"])
    return {"public": public, "chapter": chapter, "bookmark": bookmark, "comment": comment, "reading": reading}


#: (name, method, URL from the things above, body): every write endpoint.
WRITES = [
    ("bookmark_new", "post", lambda t: "/api/v1/bookmarks/", lambda t: {"work": t["public"].pk, "notes": "Fine."}),
    ("bookmark_edit", "patch", lambda t: f"/api/v1/bookmarks/{t['bookmark'].pk}/", lambda t: {"notes": "New."}),
    ("bookmark_delete", "delete", lambda t: f"/api/v1/bookmarks/{t['bookmark'].pk}/", None),
    ("kudos", "post", lambda t: f"/api/v1/works/{t['public'].pk}/kudos/", lambda t: {}),
    (
        "comment_new",
        "post",
        lambda t: f"/api/v1/works/{t['public'].pk}/chapters/{t['chapter'].pk}/comments/",
        lambda t: {"text": "Lovely."},
    ),
    ("comment_edit", "patch", lambda t: f"/api/v1/comments/{t['comment'].pk}/", lambda t: {"text": "Changed."}),
    ("comment_delete", "delete", lambda t: f"/api/v1/comments/{t['comment'].pk}/", None),
    (
        "subscribe",
        "post",
        lambda t: "/api/v1/subscriptions/",
        lambda t: {"kind": "work", "target_id": t["public"].pk},
    ),
    ("unsubscribe", "delete", lambda t: f"/api/v1/subscriptions/work/{t['public'].pk}/", None),
    ("later_mark", "post", lambda t: "/api/v1/marked-for-later/", lambda t: {"work": t["public"].pk}),
    ("later_unmark", "delete", lambda t: f"/api/v1/marked-for-later/{t['reading'].work_id}/", None),
    ("history_clear", "delete", lambda t: "/api/v1/history/", None),
    ("history_entry", "delete", lambda t: f"/api/v1/history/entries/{t['reading'].pk}/", None),
    ("history_settings", "put", lambda t: "/api/v1/history/settings/", lambda t: {"enabled": False}),
]
IDS = [w[0] for w in WRITES]


def _state() -> tuple:
    return (
        sorted(Bookmark.objects.values_list("id", "notes", "private")),
        sorted(Comment.objects.values_list("id", "text", "deleted")),
        Kudos.objects.count(),
        Subscription.objects.count(),
        sorted(Reading.objects.values_list("id", "marked_for_later", "views")),
    )


@pytest.mark.parametrize(("name", "method", "url", "body"), WRITES, ids=IDS)
def test_a_guest_is_asked_to_authenticate(api, shelf, name, method, url, body) -> None:
    things = _setup(shelf)
    before = _state()
    response = send(api, method, url(things), body(things) if body else None)
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert _state() == before


@pytest.mark.parametrize(("name", "method", "url", "body"), WRITES, ids=IDS)
def test_a_read_token_may_not_write(shelf, name, method, url, body) -> None:
    things = _setup(shelf)
    before = _state()
    response = send(token_client(shelf["reader"], "read"), method, url(things), body(things) if body else None)
    assert response.status_code == 403
    assert "write scope" in response.json()["detail"]
    assert _state() == before


@pytest.mark.parametrize(
    ("name", "method", "url", "body"), [w for w in WRITES if w[3]], ids=[w[0] for w in WRITES if w[3]]
)
def test_an_unknown_field_is_a_400_naming_it(shelf, name, method, url, body) -> None:
    things = _setup(shelf)
    before = _state()
    response = send(token_client(shelf["reader"]), method, url(things), {**body(things), "colour": "blue"})
    assert response.status_code == 400
    assert list(response.json()) == ["colour"]
    assert "Unknown field" in response.json()["colour"][0]
    assert _state() == before


#: Writes that name a work, with the work in the URL or the body.
ON_A_WORK = [
    ("bookmark_new", "post", lambda w, c: "/api/v1/bookmarks/", lambda w, c: {"work": w}),
    ("kudos", "post", lambda w, c: f"/api/v1/works/{w}/kudos/", lambda w, c: {}),
    ("comment_new", "post", lambda w, c: f"/api/v1/works/{w}/chapters/{c}/comments/", lambda w, c: {"text": "Hi."}),
    ("subscribe", "post", lambda w, c: "/api/v1/subscriptions/", lambda w, c: {"kind": "work", "target_id": w}),
    ("later_mark", "post", lambda w, c: "/api/v1/marked-for-later/", lambda w, c: {"work": w}),
]


@pytest.mark.parametrize(("name", "method", "url", "body"), ON_A_WORK, ids=[w[0] for w in ON_A_WORK])
@pytest.mark.parametrize("state", ["hidden", "draft"])
def test_a_work_the_account_may_not_open_is_a_404_like_a_missing_one(shelf, state, name, method, url, body) -> None:
    client = token_client(shelf["reader"])
    work = shelf["works"][state]
    before = _state()
    hidden = send(client, method, url(work.pk, first_chapter(work).pk), body(work.pk, first_chapter(work).pk))
    missing = send(client, method, url(999_999, 999_999), body(999_999, 999_999))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert _state() == before
