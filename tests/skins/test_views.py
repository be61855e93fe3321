"""Work skin pages: a creator makes, edits, lists and deletes skins and is told what was left out; the stylesheet
readers' browsers fetch; the "hide creators' styles" switch for guests (a cookie) and accounts."""

from __future__ import annotations

import pytest
from django.test import Client

from scriptorium.skins.models import SkinPreference, WorkSkin
from scriptorium.skins.preference import COOKIE
from tests.factories import UserFactory, make_skin, make_work

pytestmark = pytest.mark.django_db

HOSTILE = """.letter { font-family: Georgia, serif; color: #3b2f2f; }
body { background: url(https://tracker.example/p.png); }
.overlay { position: fixed; inset: 0; z-index: 99999; }
@import url(https://evil.example/x.css);
"""


def _writer_client(user=None) -> tuple[Client, object]:
    user = user or UserFactory()
    client = Client()
    client.force_login(user)
    return client, user


def test_a_creator_makes_a_skin_and_is_told_each_part_left_out() -> None:
    client, user = _writer_client()
    response = client.post("/skins/new", {"title": "Old letters", "css": HOSTILE}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    skin = WorkSkin.objects.get(owner=user)
    assert response.redirect_chain[-1][0] == f"/skins/{skin.pk}/edit"
    assert "5 parts of its CSS were left out" in page
    assert "Left out of this skin (5)" in page
    for line, text in [(2, "background: url("), (3, "position: fixed"), (3, "inset: 0"), (3, "z-index: 99999")]:
        assert f"Line {line}: <code>{text}" in page
    assert "@import: loads another stylesheet" in page
    assert skin.css == HOSTILE.strip()  # the creator's own text is kept to edit
    assert "#workskin .letter {" in skin.css_sanitized
    assert "tracker" not in skin.css_sanitized and "fixed" not in skin.css_sanitized


def test_a_clean_skin_is_saved_whole() -> None:
    client, _ = _writer_client()
    page = client.post("/skins/new", {"title": "Plain", "css": "p { color: #222 }"}, follow=True).content.decode()
    assert "All of its CSS is kept." in page
    assert "Left out of this skin" not in page


def test_titles_are_unique_per_creator_and_oversized_css_refused() -> None:
    client, user = _writer_client()
    make_skin(owner=user, title="Chat logs")
    again = client.post("/skins/new", {"title": "chat LOGS", "css": ""})
    assert again.status_code == 400
    assert "You already have a skin called" in again.content.decode()
    huge = client.post("/skins/new", {"title": "Huge", "css": "p{}" * 20_000})
    assert huge.status_code == 400
    assert WorkSkin.objects.filter(owner=user).count() == 1


def test_only_the_owner_edits_or_deletes_a_skin() -> None:
    skin = make_skin(title="Mine", public=True)
    other, _ = _writer_client()
    assert other.get(f"/skins/{skin.pk}/edit").status_code == 404
    assert other.post(f"/skins/{skin.pk}/edit", {"title": "Taken", "css": ""}).status_code == 404
    assert other.post(f"/skins/{skin.pk}/delete").status_code == 404
    skin.refresh_from_db()
    assert skin.title == "Mine"
    assert Client().get("/skins/new").status_code == 302  # guests are asked to log in


def test_the_list_shows_ones_own_and_public_skins_never_others_private_ones() -> None:
    client, user = _writer_client()
    make_skin(owner=user, title="My private skin")
    make_skin(title="A shared skin", public=True)
    make_skin(title="Someone's private skin")
    page = client.get("/skins").content.decode()
    assert "My private skin" in page and "A shared skin" in page
    assert "Someone&#x27;s private skin" not in page and "Someone's private skin" not in page


def test_deleting_a_skin_takes_it_off_its_works() -> None:
    client, user = _writer_client()
    skin = make_skin(owner=user)
    work = make_work(creator=user, skin_id=skin.pk)
    assert client.post(f"/skins/{skin.pk}/delete", follow=True).status_code == 200
    work.refresh_from_db()
    assert work.skin_id is None
    assert 'id="workskin"' in client.get(f"/works/{work.pk}").content.decode()


def test_the_stylesheet_is_css_cacheable_at_its_fingerprinted_address() -> None:
    skin = make_skin(public=True, css="p { color: red }")
    response = Client().get(f"/skins/{skin.pk}.css?v={skin.fingerprint}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
    assert response.content.decode() == skin.css_sanitized
    stale = Client().get(f"/skins/{skin.pk}.css?v=0000")
    assert "immutable" not in stale["Cache-Control"]
    again = Client().get(f"/skins/{skin.pk}.css", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_private_skin_is_served_only_for_a_posted_work_or_to_its_owner() -> None:
    owner = UserFactory()
    skin = make_skin(owner=owner)
    assert Client().get(f"/skins/{skin.pk}.css").status_code == 404
    client, _ = _writer_client(owner)
    assert client.get(f"/skins/{skin.pk}.css").status_code == 200
    make_work(creator=owner, skin_id=skin.pk, post=False)
    assert Client().get(f"/skins/{skin.pk}.css").status_code == 404  # a draft's skin stays the owner's
    make_work(creator=owner, skin_id=skin.pk)
    assert Client().get(f"/skins/{skin.pk}.css").status_code == 200


def test_a_guest_hides_creators_styles_in_a_cookie() -> None:
    guest = Client()
    response = guest.post("/skins/preference", {"hide": "1", "next": "/works/"})
    assert response.status_code == 302 and response["Location"] == "/works/"
    assert guest.cookies[COOKIE].value == "1"
    assert guest.cookies[COOKIE]["httponly"]
    assert "Show creators’ styles again" in guest.get("/skins").content.decode()
    guest.post("/skins/preference", {"hide": "0"})
    assert guest.cookies[COOKIE].value == ""
    away = guest.post("/skins/preference", {"hide": "1", "next": "https://evil.example/"})
    assert away["Location"] == "/skins"


def test_an_account_keeps_the_choice() -> None:
    client, user = _writer_client()
    client.post("/skins/preference", {"hide": "1"})
    assert SkinPreference.objects.filter(user=user).exists()
    assert COOKIE not in client.cookies
    client.post("/skins/preference", {"hide": "0"})
    assert not SkinPreference.objects.filter(user=user).exists()
