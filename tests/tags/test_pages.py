"""A tag's page and its works listing."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from scriptorium.tags.models import Tag
from scriptorium.tags.vocabulary import EXPLICIT, GENERAL
from tests.factories import UserFactory, make_work
from tests.works.test_selectors import count_queries

pytestmark = pytest.mark.django_db


def test_tag_works_lists_only_works_with_that_tag(client) -> None:
    make_work(title="Fluffy One", additional_tags=("Fluff",))
    make_work(title="Angsty One", additional_tags=("Angst",))

    response = client.get("/tags/Fluff/works")

    assert response.status_code == 200
    assertContains(response, "Fluffy One")
    assertNotContains(response, "Angsty One")
    assertContains(response, "1 Work in")


def test_tag_lookup_ignores_case(client) -> None:
    make_work(title="Fluffy One", additional_tags=("Fluff",))

    response = client.get("/tags/fLUFF/works")

    assertContains(response, "Fluffy One")


def test_relationship_tags_with_a_slash_work_in_urls(client) -> None:
    make_work(title="Shipping Story", relationships=("Natasha Romanov/Steve Rogers",))
    make_work(title="Friendship Story", relationships=("Natasha Romanov & Steve Rogers",))

    listing = client.get("/works/").content.decode()
    slash_url = "/tags/Natasha%20Romanov*s*Steve%20Rogers/works"
    amp_url = "/tags/Natasha%20Romanov%20*a*%20Steve%20Rogers/works"
    assert f'href="{slash_url}"' in listing and f'href="{amp_url}"' in listing

    slash = client.get(slash_url)
    amp = client.get(amp_url)
    assertContains(slash, "Shipping Story")
    assertNotContains(slash, "Friendship Story")
    assertContains(amp, "Friendship Story")
    assertNotContains(amp, "Shipping Story")


def test_rating_tag_lists_works_with_that_rating(client) -> None:
    make_work(title="Explicit Story", rating=EXPLICIT)
    make_work(title="Gentle Story", rating=GENERAL)

    response = client.get("/tags/Explicit/works")

    assertContains(response, "Explicit Story")
    assertNotContains(response, "Gentle Story")


def test_tag_works_hides_restricted_works_from_guests_and_drafts_from_everyone(client, user) -> None:
    make_work(creator=user, title="Open Fluff", additional_tags=("Fluff",))
    make_work(creator=user, title="Locked Fluff", additional_tags=("Fluff",), restricted=True)
    make_work(creator=user, title="Draft Fluff", additional_tags=("Fluff",), post=False)

    guest = client.get("/tags/Fluff/works")
    client.force_login(user)
    member = client.get("/tags/Fluff/works")

    assertContains(guest, "Open Fluff")
    assertNotContains(guest, "Locked Fluff")
    assertContains(member, "Locked Fluff")
    assertNotContains(member, "Draft Fluff")


def test_tag_works_paginates(client, settings) -> None:
    settings.SCRIPTORIUM_WORKS_PER_PAGE = 2
    for number in range(3):
        make_work(title=f"Fluff Number {number}", additional_tags=("Fluff",))

    second = client.get("/tags/Fluff/works?page=2")

    assertContains(second, "3 – 3 of 3 Works in")
    assertContains(second, "Fluff Number 0")
    assertNotContains(second, "Fluff Number 2")


def test_unknown_tag_is_404(client) -> None:
    assert client.get("/tags/No Such Tag/works").status_code == 404
    assert client.get("/tags/No Such Tag").status_code == 404


def test_tag_page_shows_name_type_canonical_flag_and_count(client, user) -> None:
    make_work(creator=user, relationships=("Keeper/Sailor",))
    make_work(creator=user, relationships=("Keeper/Sailor",), restricted=True)

    guest = client.get("/tags/Keeper*s*Sailor")
    client.force_login(user)
    member = client.get("/tags/Keeper*s*Sailor")

    assert guest.status_code == 200
    body = guest.content.decode()
    assert "<h1>Keeper/Sailor</h1>" in body
    assert "<dt>Type:</dt><dd>Relationship</dd>" in body
    assert "No, not wrangled yet" in body
    assert "<dt>Works:</dt><dd>1</dd>" in body  # the restricted one is not counted for a guest
    assert 'href="/tags/Keeper*s*Sailor/works"' in body
    assertContains(member, "<dt>Works:</dt><dd>2</dd>", html=False)


def test_tag_page_marks_canonical_tags_and_a_synonyms_pages_redirect(client) -> None:
    canonical = Tag.objects.create(name="Steve Rogers", type="character", canonical=True)
    Tag.objects.create(name="Cap", type="character", merger=canonical)

    assertContains(client.get("/tags/Steve Rogers"), "<dt>Canonical:</dt><dd>Yes</dd>", html=True)
    assertRedirects(client.get("/tags/Cap"), "/tags/Steve%20Rogers", fetch_redirect_response=False)
    assertRedirects(client.get("/tags/cap/works?page=2"), "/tags/Steve%20Rogers/works?page=2", 302, 200)


def test_tag_works_query_count_does_not_grow_with_works(client) -> None:
    writer = UserFactory()
    for i in range(3):
        make_work(creator=writer, additional_tags=("Fluff", f"Other {i}"))
    client.get("/tags/Fluff/works")
    with_three = count_queries(lambda: client.get("/tags/Fluff/works"))
    for i in range(12):
        make_work(creator=writer, additional_tags=("Fluff", f"More {i}"), characters=(f"C{i}",))

    assert count_queries(lambda: client.get("/tags/Fluff/works")) == with_three
