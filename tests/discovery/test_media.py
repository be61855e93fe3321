"""/media, /media/<medium>/fandoms and a fandom's page: what a reader sees and what is counted."""

from __future__ import annotations

import pytest

from scriptorium.discovery.selectors.media import media_index
from scriptorium.interactions.services import mute_add
from scriptorium.search.services import excluded_tag_add
from scriptorium.tags.canon.loader import canon_load
from scriptorium.tags.models import Tag, TagType
from scriptorium.tags.vocabulary import MEDIA
from tests.discovery.conftest import client_for, fandom_in
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


def _counts(user) -> dict[str, dict[str, int]]:
    return {m.tag.name: {f.tag.name: f.works for f in m.fandoms} for m in media_index(user)}


def test_the_archive_starts_with_aos_media_as_canonical_media_tags() -> None:
    media = Tag.objects.filter(type=TagType.MEDIA)
    assert sorted(media.values_list("name", flat=True)) == sorted(MEDIA)
    assert all(t.canonical for t in media)


def test_media_page_lists_each_medium_with_its_fandoms_and_counts(archive) -> None:
    page = client_for().get("/media")
    assert page.status_code == 200
    html = page.content.decode()
    assert "TV Shows" in html and "Video Games" in html
    assert "Lighthouse Keepers (TV)" in html


def test_a_fandom_without_a_medium_is_uncategorized_and_a_name_only_drafts_carry_is_not_listed(archive) -> None:
    make_work(fandoms=("Harbour Stories",))  # typed by its writer, not wrangled yet
    make_work(post=False, fandoms=("Secret Harbour",))
    uncategorized = _counts(UserFactory())["Uncategorized Fandoms"]
    assert uncategorized == {"Harbour Stories": 1}
    assert "Secret Harbour" not in client_for().get("/media/Uncategorized Fandoms/fandoms").content.decode()


def test_draft_hidden_and_restricted_works_never_count(archive) -> None:
    assert _counts(client_for().get("/").wsgi_request.user)["TV Shows"]["Lighthouse Keepers (TV)"] == 1
    reader = UserFactory()
    assert _counts(reader)["TV Shows"]["Lighthouse Keepers (TV)"] == 2  # the restricted one, for an account
    html = client_for().get("/media/TV Shows/fandoms").content.decode()
    assert 'Lighthouse Keepers (TV)</a> <span class="count">(1<' in html


def test_counts_leave_out_what_the_reader_muted_or_excluded(archive) -> None:
    reader = UserFactory()
    make_work(title="Other Keeper", fandoms=("Lighthouse Keepers (TV)",), characters=("Ada Lamp",))
    assert _counts(reader)["TV Shows"]["Lighthouse Keepers (TV)"] == 3
    mute_add(actor=reader, username="keeper")
    assert _counts(reader)["TV Shows"]["Lighthouse Keepers (TV)"] == 1
    excluded_tag_add(user=reader, name="Ada Lamp")
    assert _counts(reader)["TV Shows"]["Lighthouse Keepers (TV)"] == 0


def test_a_mediums_fandoms_page_lists_them_a_to_z_under_letters(db) -> None:
    for name in ("Zephyr Line", "Amber Coast", "7 Bells"):
        fandom_in(name, "Books & Literature")
    make_work(fandoms=("Amber Coast",))
    html = client_for().get("/media/Books *a* Literature/fandoms").content.decode()
    assert html.index("7 Bells") < html.index("Amber Coast") < html.index("Zephyr Line")
    assert '<a href="#letter-1">#</a>' in html
    assert "3 fandoms, 1 with works" in html
    assert client_for().get("/media/Nothing Such/fandoms").status_code == 404
    assert client_for().get("/media/Amber Coast/fandoms").status_code == 404  # a fandom is not a medium


def test_a_fandoms_page_shows_its_top_characters_and_relationships_by_visible_works(archive) -> None:
    for title in ("Second Light", "Third Light"):
        make_work(
            title=title,
            fandoms=("Lighthouse Keepers (TV)",),
            characters=("Ben Wick",),
            relationships=("Ada Lamp/Ben Wick",),
        )
    page = client_for().get("/fandoms/Lighthouse Keepers (TV)")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Ben Wick") < html.index("Ada Lamp")  # two works before one
    assert "Ada Lamp/Ben Wick" in html
    for secret in ("Draft Only", "Hidden Only", "Members Only"):
        assert secret not in html
    assert "Members Only" in client_for(UserFactory()).get("/fandoms/Lighthouse Keepers (TV)").content.decode()
    assert "3 work" in html and "TV Shows" in html
    # linked from the fandom's tag page; not a page for other tags
    assert "/fandoms/Lighthouse%20Keepers%20(TV)" in client_for().get("/tags/Lighthouse Keepers (TV)").content.decode()
    assert client_for().get("/fandoms/Ada Lamp").status_code == 404
    assert client_for().get("/fandoms/Nobody Knows").status_code == 404


def test_a_synonyms_fandom_page_leads_to_its_canonical_fandom(archive, wrangler_user) -> None:
    from scriptorium.tags import wrangling

    alias = Tag.objects.create(name="LK", type="fandom")
    wrangling.tag_make_synonym(actor=wrangler_user, tag=alias, target=Tag.objects.get(name="Lighthouse Keepers (TV)"))
    response = client_for().get("/fandoms/LK")
    assert response.status_code == 302 and response["Location"].endswith("/fandoms/Lighthouse%20Keepers%20(TV)")


def test_the_starter_canon_puts_its_fandoms_under_media(db) -> None:
    canon_load()
    tv = Tag.objects.get(name="TV Shows")
    assert Tag.objects.get(name="Sherlock (TV)").parents.filter(pk=tv.pk).exists()
    assert Tag.objects.get(name="Naruto").parents.filter(name="Anime & Manga").exists()
    assert canon_load().parents_added == 0  # loading again adds nothing
