"""Covers: a PNG of the right size that decodes, drawn once and kept under the data directory, drawn anew when
the title or the creators change; a cover is shown only to who may see the work."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from scriptorium.opds import covers
from scriptorium.works.models import Work
from tests.factories import UserFactory, make_work
from tests.opds.conftest import NS, atom, href, path_of

pytestmark = pytest.mark.django_db


def _cover_urls(guest, title: str) -> tuple[str, str]:
    feed = atom(guest, f"/opds/works?q={title}")
    entry = feed.find("atom:entry", NS)
    return href(entry, "http://opds-spec.org/image"), href(entry, "http://opds-spec.org/image/thumbnail")


def _image(response) -> Image.Image:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    image.load()
    return image


def test_a_cover_and_its_thumbnail_decode_at_their_sizes(guest, settings) -> None:
    make_work(creator=UserFactory(username="wren"), title="Lanterns", fandoms=("Original Work",))
    full, thumbnail = _cover_urls(guest, "Lanterns")
    assert _image(guest.get(path_of(full))).size == (600, 900)
    assert _image(guest.get(path_of(thumbnail))).size == (200, 300)
    kept = list((settings.DATA_DIR / "opds" / "covers").glob("*.png"))
    assert len(kept) == 2
    # Asked again: the same file, not drawn anew; a client holding it gets a 304.
    again = guest.get(path_of(full))
    assert len(list((settings.DATA_DIR / "opds" / "covers").glob("*.png"))) == 2
    assert guest.get(path_of(full), headers={"if-none-match": again["ETag"]}).status_code == 304
    assert "public" in again["Cache-Control"]


def test_the_cover_changes_when_the_title_or_creators_change(guest) -> None:
    work = make_work(creator=UserFactory(username="wren"), title="Lanterns")
    old_url, _ = _cover_urls(guest, "Lanterns")
    old = guest.get(path_of(old_url))
    old_pixels = _image(old).tobytes()
    Work.objects.filter(pk=work.pk).update(title="Fireflies")
    work.refresh_from_db()
    work.save()  # the index follows the row
    new_url, _ = _cover_urls(guest, "Fireflies")
    assert new_url != old_url  # a new address, so e-readers that keep covers fetch it
    new = guest.get(path_of(new_url))
    assert new["ETag"] != old["ETag"]
    assert _image(new).tobytes() != old_pixels

    text = covers.cover_text(work)
    other = covers.CoverText(title=text.title, creators="someone else", fandom=text.fandom, rating=text.rating)
    assert other.key != text.key


def test_cjk_and_long_titles_draw(tmp_path) -> None:
    text = covers.CoverText(
        title="雨の日の図書館で " * 8, creators="山田", fandom="オリジナル", rating="Teen And Up Audiences"
    )
    image = Image.open(io.BytesIO(covers.draw_cover(text)))
    assert image.size == covers.FULL
    # Ink was laid down: the picture is not one flat field.
    assert len(image.getcolors(maxcolors=100_000) or []) > 2


def test_a_cover_is_404_where_the_work_is(guest) -> None:
    writer = UserFactory()
    restricted = make_work(creator=writer, title="Members", restricted=True)
    draft = make_work(creator=writer, title="Draft", post=False)
    for work in (restricted, draft):
        assert guest.get(f"/opds/covers/{work.pk}.png").status_code == 404
        assert guest.get(f"/opds/v2/covers/{work.pk}/thumbnail.png").status_code == 404
    assert guest.get("/opds/covers/999999.png").status_code == 404
