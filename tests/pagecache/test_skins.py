"""Work skins and the guest page cache: guests who hide creators' styles never share a copy with those who see
them, and a skin's edit (or deletion) reaches the next guest of every work that uses it."""

from __future__ import annotations

import re

from django.test import Client

from scriptorium.skins.preference import COOKIE
from scriptorium.skins.services import SkinInput, skin_delete, skin_update
from scriptorium.works.models import Work
from tests.factories import make_skin, make_work
from tests.pagecache.conftest import guest


def _linked(page: bytes) -> str | None:
    found = re.search(r'href="(/skins/\d+\.css\?v=[0-9a-f]+)"', page.decode())
    return found.group(1) if found else None


def _skinned(writer, committed) -> Work:
    with committed():
        skin = make_skin(owner=writer, css="p { color: #1a5e3a }")
        return make_work(creator=writer, title="Inked Letters", skin_id=skin.pk)


def test_guests_who_hide_styles_never_share_a_copy_with_those_who_see_them(writer, committed) -> None:
    work = _skinned(writer, committed)
    url = f"/works/{work.pk}"
    seeing, hiding, hiding_too = guest(), guest("192.0.2.11"), guest("192.0.2.12")
    assert seeing.get(url)["X-Cache"] == "miss"
    hiding.cookies[COOKIE] = "1"
    first = hiding.get(url)
    assert first["X-Cache"] == "miss"
    assert _linked(first.content) is None
    again = seeing.get(url)
    assert again["X-Cache"] == "hit" and _linked(again.content)
    hiding_too.cookies[COOKIE] = "1"
    shared = hiding_too.get(url)
    assert shared["X-Cache"] == "hit" and _linked(shared.content) is None


def test_the_page_switch_is_a_page_of_its_own(writer, committed) -> None:
    work = _skinned(writer, committed)
    reader = guest()
    assert _linked(reader.get(f"/works/{work.pk}").content)
    assert _linked(reader.get(f"/works/{work.pk}?style=disable").content) is None


def test_a_skin_edit_reaches_the_next_guest_of_its_works(writer, committed) -> None:
    work = _skinned(writer, committed)
    other = make_work(creator=writer, title="No skin here")
    reader = guest()
    before = _linked(reader.get(f"/works/{work.pk}").content)
    assert reader.get(f"/works/{work.pk}")["X-Cache"] == "hit"
    reader.get(f"/works/{other.pk}")
    assert reader.get(f"/works/{other.pk}")["X-Cache"] == "hit"
    with committed():
        skin_update(actor=writer, skin=work.skin, data=SkinInput(title="Harbour Letters", css="p { color: #222 }"))
    after = reader.get(f"/works/{work.pk}")
    assert after["X-Cache"] == "miss"
    assert _linked(after.content) not in (None, before)
    assert reader.get(f"/works/{other.pk}")["X-Cache"] == "hit"  # works without the skin keep their copies
    assert Client().get(_linked(after.content)).content.decode().endswith("color: #222;\n}\n")
    with committed():
        skin_delete(actor=writer, skin=work.skin)
    gone = reader.get(f"/works/{work.pk}")
    assert gone["X-Cache"] == "miss" and _linked(gone.content) is None
