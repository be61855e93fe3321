"""Finding works, people and tags in a real browser: fandoms by media, a fandom's page, the search box's "did you
mean the tag", and the people, bookmark and tag searches, at desktop and phone widths, each passing axe."""

from __future__ import annotations

import os
import re

import pytest

from scriptorium.interactions.inputs import BookmarkInput
from scriptorium.interactions.services import bookmark_create
from scriptorium.search.backends import get_search_backend
from scriptorium.tags import wrangling
from scriptorium.tags.models import Tag, TagParent
from scriptorium.tags.wranglers import wranglers_group
from tests.browser.conftest import DESKTOP, PHONE, body_text, check_page
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)

#: Where screenshots go when asked (SCRIPTORIUM_SCREENSHOTS=/some/dir), to look at the pages.
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def coast(db):
    wrangler = UserFactory(username="wrangler")
    wrangler.groups.add(wranglers_group())
    fandom = Tag.objects.create(name="Lighthouse Keepers (TV)", type="fandom", canonical=True)
    # (migration 0006 makes the media; a transactional test's flush removes them, so they are made again here)
    tv, _ = Tag.objects.get_or_create(name="TV Shows", defaults={"type": "media", "canonical": True})
    TagParent.objects.create(child=fandom, parent=tv)
    ship = Tag.objects.create(name="Ada Lamp/Ben Wick", type="relationship", canonical=True)
    alias = Tag.objects.create(name="Lampwick", type="relationship")
    wrangling.tag_make_synonym(actor=wrangler, tag=alias, target=ship)
    keeper = UserFactory(username="keeper")
    works = [
        make_work(
            creator=keeper,
            title=f"Fog Season {n}",
            fandoms=("Lighthouse Keepers (TV)",),
            characters=("Ada Lamp",) if n < 3 else ("Ben Wick", "Ada Lamp"),
            relationships=("Ada Lamp/Ben Wick",) if n < 2 else (),
        )
        for n in range(4)
    ]
    works.append(make_work(creator=keeper, title="Unposted Storm", post=False, fandoms=("Lighthouse Keepers (TV)",)))
    reader = UserFactory(username="lantern")
    bookmark_create(actor=reader, work=works[0], data=BookmarkInput(notes="A cosy storm.", tags="comfort", rec=True))
    get_search_backend().index_works([w.pk for w in works])
    return works


def test_fandoms_by_media_to_a_fandom_and_its_top_relationship(new_page, coast) -> None:
    page = new_page(DESKTOP)
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Fandoms").click()
    page.wait_for_url(re.compile(r"/media$"))
    tv = page.get_by_role("region", name="TV Shows")
    assert "Lighthouse Keepers (TV) (4" in tv.inner_text()
    shot(page, "media-desktop")
    tv.get_by_role("link", name="All 1 fandom in TV Shows").click()
    page.wait_for_url(re.compile(r"/media/TV%20Shows/fandoms$"))
    page.get_by_role("link", name="Lighthouse Keepers (TV)").click()
    page.wait_for_url(re.compile(r"/tags/Lighthouse"))
    page.goto("/tags/Lighthouse Keepers (TV)")
    page.get_by_role("link", name="Top characters and relationships").click()
    page.wait_for_url(re.compile(r"/fandoms/"))
    characters = page.get_by_role("region", name="Top characters").inner_text()
    assert characters.index("Ada Lamp") < characters.index("Ben Wick")  # four works before one
    shot(page, "fandom-desktop")
    page.get_by_role("region", name="Top relationships").get_by_role("link", name="Ada Lamp/Ben Wick").click()
    page.wait_for_url(re.compile(r"include=Ada"))
    assert sorted(page.locator(".blurb__title a").all_inner_texts()) == ["Fog Season 0", "Fog Season 1"]


def test_the_search_box_knows_tag_synonyms(new_page, coast) -> None:
    page = new_page(PHONE)
    page.goto("/")
    page.get_by_role("searchbox", name="Search works").fill("lampwick")
    page.get_by_role("searchbox", name="Search works").press("Enter")
    page.wait_for_url(re.compile(r"q=lampwick"))
    assert "Did you mean the tag Ada Lamp/Ben Wick?" in body_text(page)
    assert sorted(page.locator(".blurb__title a").all_inner_texts()) == ["Fog Season 0", "Fog Season 1"]
    shot(page, "search-hint-phone")
    page.goto("/works/search?q=lighthuose")
    page.get_by_role("link", name="lighthouse").click()
    page.wait_for_url(re.compile(r"q=lighthouse"))


def test_people_bookmark_and_tag_search(new_page, coast) -> None:
    page = new_page(DESKTOP)
    page.goto("/people/search")
    page.get_by_label("Name").fill("keep")
    page.get_by_role("search", name="Search people").get_by_role("button", name="Search").click()
    assert "keeper 4 works" in body_text(page)
    page.goto("/bookmarks/search")
    page.get_by_text("Filters").click()
    page.get_by_role("textbox", name="Bookmarker’s tags").fill("comfort")
    page.get_by_role("search", name="Search bookmarks").get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"bookmark_tags=comfort"))
    assert page.locator(".blurb__title a").all_inner_texts() == ["Fog Season 0"]
    shot(page, "bookmarks-desktop")
    page.goto("/tags/search")
    page.get_by_label("Name").fill("ada")
    page.get_by_label("Type").select_option(label="Character")
    page.get_by_role("search", name="Search tags").get_by_role("button", name="Search").click()
    assert "Ada Lamp" in body_text(page) and "4 uses" in body_text(page)
    shot(page, "tags-desktop")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_pages_pass_axe_and_fit(new_page, coast, viewport) -> None:
    page = new_page(viewport, bypass_csp=True)
    width = "phone" if viewport == PHONE else "desktop"
    for name, path in (
        ("media", "/media"),
        ("medium", "/media/TV Shows/fandoms"),
        ("fandom", "/fandoms/Lighthouse Keepers (TV)"),
        ("people", "/people/search?name=keep"),
        ("bookmarks", "/bookmarks/search?q=storm"),
        ("tags", "/tags/search?name=lamp"),
        ("search", "/works/search?q=lampwick"),
    ):
        check_page(page, path, viewport)
        shot(page, f"{name}-{width}")
