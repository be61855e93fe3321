"""The issue's "done when": listings through the filter table, synonym redirects, exclusion, tag pages."""

from __future__ import annotations

import json

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from scriptorium.tags.canon.loader import canon_load
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(db):
    canon_load()
    writer = UserFactory()
    return {
        "avengers": make_work(creator=writer, title="Only Avengers", fandoms=("The Avengers (Marvel Movies)",)),
        "romangers": make_work(
            creator=writer, title="Tagged Romangers", fandoms=("MCU",), relationships=("Romangers",)
        ),
        "loose": make_work(
            creator=writer, title="Typed Loosely", fandoms=("Marvel Movies",), relationships=("natasha x steve",)
        ),
        "stucky": make_work(creator=writer, title="Stucky Story", fandoms=("MCU",), relationships=("Stucky",)),
        "potter": make_work(creator=writer, title="Hogwarts Story", fandoms=("Harry Potter Series",)),
    }


def test_a_meta_fandom_finds_works_tagged_only_with_its_sub_fandom(client, archive) -> None:
    response = client.get("/tags/Marvel Cinematic Universe/works")
    for title in ("Only Avengers", "Tagged Romangers", "Typed Loosely", "Stucky Story"):
        assertContains(response, title)
    assertNotContains(response, "Hogwarts Story")


def test_a_ship_portmanteau_redirects_and_its_works_are_listed_under_the_canonical(client, archive) -> None:
    response = client.get("/tags/Romangers/works")
    assertRedirects(response, "/tags/Natasha%20Romanov*s*Steve%20Rogers/works", fetch_redirect_response=False)

    listing = client.get(response["Location"])
    assertContains(listing, "Tagged Romangers")
    assertContains(listing, "Typed Loosely")
    assertNotContains(listing, "Stucky Story")
    assertContains(listing, "2 Works in")


def test_excluding_a_canonical_tag_excludes_its_synonyms_works(client, archive) -> None:
    url = "/tags/Marvel Cinematic Universe/works?exclude=Natasha Romanov/Steve Rogers"
    response = client.get(url)
    assertContains(response, "Only Avengers")
    assertContains(response, "Stucky Story")
    assertNotContains(response, "Tagged Romangers")
    assertNotContains(response, "Typed Loosely")
    assertContains(response, "Excluding works found under")
    # Excluding a synonym excludes what its canonical tag finds; a meta tag takes its sub tags' works.
    assertNotContains(client.get("/tags/Marvel Cinematic Universe/works?exclude=romanogers"), "Typed Loosely")
    everything = client.get("/tags/General Audiences/works?exclude=Marvel Cinematic Universe").content.decode()
    assert "Hogwarts Story" in everything and "Only Avengers" not in everything


def test_the_tag_page_shows_synonyms_parents_characters_meta_sub_tags_and_counts(client, archive) -> None:
    ship = client.get("/tags/Natasha Romanov*s*Steve Rogers").content.decode()
    assert "<dt>Canonical:</dt><dd>Yes</dd>" in ship
    assert "Romangers" in ship and "Romanogers" in ship  # synonyms
    assert 'href="/tags/Natasha%20Romanov%20(Marvel)"' in ship and 'href="/tags/Steve%20Rogers"' in ship
    assert 'href="/tags/Marvel%20Cinematic%20Universe"' in ship
    assert "<dt>Works:</dt><dd>2</dd>" in ship

    mcu = client.get("/tags/Marvel Cinematic Universe").content.decode()
    assert "Sub tags:" in mcu and "The Avengers (Marvel Movies)" in mcu
    assert "<dt>Works:</dt><dd>4</dd>" in mcu
    assert "Characters <span" in mcu and "Relationships <span" in mcu
    avengers = client.get("/tags/The Avengers (Marvel Movies)").content.decode()
    assert "Meta tag:" in avengers and 'href="/tags/Marvel%20Cinematic%20Universe"' in avengers


def test_autocomplete_lists_canonical_tags_first_and_synonyms_with_their_canonical(client, archive) -> None:
    response = client.get("/tags/autocomplete/character", {"q": "nat"})
    assert response["Content-Type"] == "application/json"
    results = json.loads(response.content)["results"]
    assert results[0] == {
        "name": "Natasha Romanov (Marvel)", "type": "character", "status": "canonical",
        "canonical": "Natasha Romanov (Marvel)",
    }  # fmt: skip
    statuses = [r["status"] for r in results]
    assert statuses == sorted(statuses, key=["canonical", "synonym", "unwrangled"].index)
    romanoff = next(r for r in results if r["name"] == "Natasha Romanoff")
    assert romanoff["status"] == "synonym" and romanoff["canonical"] == "Natasha Romanov (Marvel)"
    assert all(r["type"] == "character" for r in results)


def test_autocomplete_matches_any_word_and_every_word(client, archive) -> None:
    def names(tag_type: str, q: str) -> list[str]:
        return [r["name"] for r in client.get(f"/tags/autocomplete/{tag_type}", {"q": q}).json()["results"]]

    assert "Natasha Romanov/Steve Rogers" in names("relationship", "steve")
    assert names("relationship", "romanov/steve")[0] == "Natasha Romanov/Steve Rogers"
    assert "Romangers" in names("relationship", "roman")
    assert "Padmé Amidala" in names("character", "padme")  # accents folded
    assert names("character", "") == [] and names("character", "   ") == []
    assert client.get("/tags/autocomplete/rating").status_code == 404


def test_autocomplete_follows_wrangling(client, wrangler) -> None:
    from scriptorium.tags import wrangling
    from scriptorium.tags.models import Tag

    steve = Tag.objects.create(name="Steve Rogers", type="character", canonical=True)
    cap = Tag.objects.create(name="Captain Steve", type="character")
    make_work(characters=("Captain Steve",))  # shown to a guest because a posted work carries it

    def statuses() -> dict[str, str]:
        results = client.get("/tags/autocomplete/character", {"q": "stev"}).json()["results"]
        return {r["name"]: r["status"] for r in results}

    assert statuses() == {"Steve Rogers": "canonical", "Captain Steve": "unwrangled"}
    wrangling.tag_make_synonym(actor=wrangler, tag=cap, target=steve)
    assert statuses() == {"Steve Rogers": "canonical", "Captain Steve": "synonym"}
    wrangling.tag_make_canonical(actor=wrangler, tag=cap)
    assert statuses() == {"Captain Steve": "canonical", "Steve Rogers": "canonical"}
