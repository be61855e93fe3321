"""A reader's excluded tags and saved searches: the services' rules, the pages, and their effect on listings."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from scriptorium.search import services
from scriptorium.search.models import ExcludedTag, SavedSearch
from scriptorium.tags.models import Tag, TagType
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def steve() -> Tag:
    steve = Tag.objects.create(name="Steve Rogers", type=TagType.CHARACTER, canonical=True)
    Tag.objects.create(name="Cap", type=TagType.CHARACTER, merger=steve)
    return steve


# --- Excluded tags: services ---------------------------------------------------------------------------------


def test_excluding_a_synonym_keeps_its_canonical_tag(user, steve) -> None:
    row = services.excluded_tag_add(user=user, name="  cap ")
    assert row.tag == steve
    assert list(ExcludedTag.objects.filter(user=user).values_list("tag__name", flat=True)) == ["Steve Rogers"]


@pytest.mark.parametrize(("name", "message"), [("", "Type the name"), ("Nobody Here", "No tag is named “Nobody Here”")])
def test_excluding_nothing_or_an_unknown_tag_is_refused(user, name, message) -> None:
    with pytest.raises(ValidationError) as caught:
        services.excluded_tag_add(user=user, name=name)
    assert message in caught.value.message_dict["name"][0]
    assert not ExcludedTag.objects.exists()


def test_excluding_a_tag_twice_is_refused_even_through_a_synonym(user, steve) -> None:
    services.excluded_tag_add(user=user, name="Steve Rogers")
    with pytest.raises(ValidationError) as caught:
        services.excluded_tag_add(user=user, name="Cap")
    assert "already exclude “Steve Rogers”" in caught.value.message_dict["name"][0]
    assert ExcludedTag.objects.filter(user=user).count() == 1


def test_excluded_tags_have_a_limit(user, monkeypatch) -> None:
    monkeypatch.setattr(services, "EXCLUDED_TAGS_MAX", 2)
    for name in ("One", "Two", "Three"):
        Tag.objects.create(name=name, type=TagType.ADDITIONAL, canonical=True)
    services.excluded_tag_add(user=user, name="One")
    services.excluded_tag_add(user=user, name="Two")
    with pytest.raises(ValidationError) as caught:
        services.excluded_tag_add(user=user, name="Three")
    assert "You exclude 2 tags already" in caught.value.message_dict["name"][0]
    assert ExcludedTag.objects.filter(user=user).count() == 2


def test_only_your_own_exclusions_can_be_removed(user, other_user, steve) -> None:
    theirs = services.excluded_tag_add(user=other_user, name="Steve Rogers")
    with pytest.raises(ValidationError):
        services.excluded_tag_remove(user=user, excluded_id=theirs.pk)
    assert ExcludedTag.objects.filter(pk=theirs.pk).exists()
    services.excluded_tag_remove(user=other_user, excluded_id=theirs.pk)
    assert not ExcludedTag.objects.exists()


# --- Excluded tags: pages ------------------------------------------------------------------------------------


def test_guests_are_sent_to_log_in(client) -> None:
    for url in ("/works/search/excluded", "/works/search/saved"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"]


def test_the_excluded_tags_page_adds_lists_and_removes(writer_client, user, steve) -> None:
    page = writer_client.get("/works/search/excluded")
    assertContains(page, "You don’t exclude any tags.")
    assertContains(page, 'data-tag-autocomplete="/tags/autocomplete/all"')

    response = writer_client.post("/works/search/excluded", {"name": "Cap"})
    assertRedirects(response, "/works/search/excluded")
    listing = writer_client.get("/works/search/excluded")
    assertContains(listing, "You exclude 1 tag")
    assertContains(listing, ">Steve Rogers</a>")

    row = ExcludedTag.objects.get(user=user)
    removed = writer_client.post(f"/works/search/excluded/{row.pk}/delete", follow=True)
    assertContains(removed, "Removed from your excluded tags.")
    assert not ExcludedTag.objects.exists()


def test_the_excluded_tags_page_shows_why_a_tag_was_not_added(writer_client) -> None:
    response = writer_client.post("/works/search/excluded", {"name": "Made Up Tag"})
    assert response.status_code == 400
    assertContains(response, "No tag is named “Made Up Tag”", status_code=400)
    assert not ExcludedTag.objects.exists()


def test_removing_someone_elses_exclusion_changes_nothing(writer_client, other_user, steve) -> None:
    theirs = services.excluded_tag_add(user=other_user, name="Steve Rogers")
    response = writer_client.post(f"/works/search/excluded/{theirs.pk}/delete", follow=True)
    assertContains(response, "not in your exclusions")
    assert ExcludedTag.objects.filter(pk=theirs.pk).exists()


# --- Saved searches ------------------------------------------------------------------------------------------


def test_saving_keeps_the_query_without_its_page(user) -> None:
    saved = services.saved_search_create(user=user, name="  Long   fluff ", query_string="include=Fluff&page=4&q=")
    assert saved.name == "Long fluff"
    assert saved.query_string == "include=Fluff"


@pytest.mark.parametrize(
    ("name", "query", "message"),
    [
        ("", "q=tea", "Give the search a name"),
        ("x" * 101, "q=tea", "at most 100 characters"),
        ("Empty", "page=2", "nothing to save"),
        ("Huge", "q=" + "a" * 5000, "too long to save"),
    ],
)
def test_bad_saved_searches_are_refused(user, name, query, message) -> None:
    with pytest.raises(ValidationError) as caught:
        services.saved_search_create(user=user, name=name, query_string=query)
    assert message in " ".join(caught.value.messages)
    assert not SavedSearch.objects.exists()


def test_saved_search_names_are_unique_per_reader_and_limited_in_number(user, other_user, monkeypatch) -> None:
    services.saved_search_create(user=user, name="Tea", query_string="q=tea")
    services.saved_search_create(user=other_user, name="Tea", query_string="q=tea")  # someone else's: fine
    with pytest.raises(ValidationError) as caught:
        services.saved_search_create(user=user, name="TEA", query_string="q=green+tea")
    assert "already have a search called" in caught.value.messages[0]
    monkeypatch.setattr(services, "SAVED_SEARCHES_MAX", 1)
    with pytest.raises(ValidationError) as caught:
        services.saved_search_create(user=user, name="Coffee", query_string="q=coffee")
    assert "You keep 1 searches already" in caught.value.messages[0]
    assert SavedSearch.objects.filter(user=user).count() == 1


def test_renaming_and_deleting_touch_only_your_own_searches(user, other_user) -> None:
    mine = services.saved_search_create(user=user, name="Tea", query_string="q=tea")
    services.saved_search_create(user=user, name="Coffee", query_string="q=coffee")
    theirs = services.saved_search_create(user=other_user, name="Theirs", query_string="q=x")
    with pytest.raises(ValidationError):
        services.saved_search_rename(user=user, saved_id=mine.pk, name="coffee")
    with pytest.raises(ValidationError):
        services.saved_search_rename(user=user, saved_id=theirs.pk, name="Stolen")
    with pytest.raises(ValidationError):
        services.saved_search_delete(user=user, saved_id=theirs.pk)
    services.saved_search_rename(user=user, saved_id=mine.pk, name="Green tea")
    assert SavedSearch.objects.get(pk=mine.pk).name == "Green tea"
    assert SavedSearch.objects.get(pk=theirs.pk).name == "Theirs"
    services.saved_search_delete(user=user, saved_id=mine.pk)
    assert not SavedSearch.objects.filter(pk=mine.pk).exists()


def test_a_saved_search_round_trip_through_the_pages(writer_client, user) -> None:
    response = writer_client.post(
        "/works/search/saved", {"name": "Short complete", "query_string": "words_to=1000&complete=complete&page=2"}
    )
    assertRedirects(response, "/works/search/saved")
    page = writer_client.get("/works/search/saved")
    assertContains(page, 'href="/works/search?words_to=1000&amp;complete=complete">Short complete</a>')
    assertContains(page, "Words to: 1000 · Completion: complete")  # what it searches for, in words

    saved = SavedSearch.objects.get(user=user)
    renamed = writer_client.post(f"/works/search/saved/{saved.pk}/rename", {"name": "Quick reads"}, follow=True)
    assertContains(renamed, ">Quick reads</a>")
    deleted = writer_client.post(f"/works/search/saved/{saved.pk}/delete", follow=True)
    assertContains(deleted, "Deleted the saved search.")
    assertNotContains(deleted, "Quick reads</a>")


def test_a_search_that_cannot_be_saved_goes_back_to_the_search_with_the_reason(writer_client, user) -> None:
    services.saved_search_create(user=user, name="Tea", query_string="q=tea")
    response = writer_client.post("/works/search/saved", {"name": "tea", "query_string": "q=green+tea"})
    assert response.status_code == 302
    assert response["Location"] == "/works/search?q=green+tea"
    assert SavedSearch.objects.filter(user=user).count() == 1


def test_renaming_to_a_taken_name_shows_the_problem_next_to_the_search(writer_client, user) -> None:
    tea = services.saved_search_create(user=user, name="Tea", query_string="q=tea")
    services.saved_search_create(user=user, name="Coffee", query_string="q=coffee")
    response = writer_client.post(f"/works/search/saved/{tea.pk}/rename", {"name": "Coffee"})
    assertContains(response, "already have a search called “Coffee”", status_code=400)
    assertContains(response, 'aria-invalid="true"', status_code=400)
    assert SavedSearch.objects.get(pk=tea.pk).name == "Tea"


def test_other_readers_cannot_see_your_saved_searches(client, user) -> None:
    services.saved_search_create(user=user, name="Private list", query_string="q=tea")
    client.force_login(UserFactory())
    assertNotContains(client.get("/works/search/saved"), "Private list")
