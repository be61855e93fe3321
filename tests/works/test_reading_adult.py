"""The adult-content notice before Not Rated, Mature and Explicit works."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.tags.vocabulary import EXPLICIT, GENERAL, MATURE, NOT_RATED, TEEN
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db

NOTICE = (
    "This work could have adult content. If you continue, you have agreed that you are willing to see such content."
)


@pytest.mark.parametrize("rating", [NOT_RATED, MATURE, EXPLICIT])
def test_guest_sees_the_notice_instead_of_the_text(client, rating) -> None:
    work = make_work(rating=rating, chapters=["The hidden text."])

    response = client.get(f"/works/{work.pk}")

    assert response.status_code == 200
    assertContains(response, NOTICE)
    assertNotContains(response, "The hidden text.")
    assertContains(response, f'href="/works/{work.pk}?view_adult=true">Yes, Continue</a>')
    assertContains(response, "No, Go Back")
    assertNotContains(response, 'action="/adult-content"')  # guests cannot save a preference


@pytest.mark.parametrize("rating", [GENERAL, TEEN])
def test_general_and_teen_works_never_ask(client, rating) -> None:
    work = make_work(rating=rating, chapters=["The open text."])

    response = client.get(f"/works/{work.pk}")

    assertNotContains(response, NOTICE)
    assertContains(response, "The open text.")


def test_view_adult_true_proceeds_to_the_text(client) -> None:
    work = make_work(rating=EXPLICIT, chapters=["The hidden text."])

    response = client.get(f"/works/{work.pk}?view_adult=true")

    assertNotContains(response, NOTICE)
    assertContains(response, "The hidden text.")


def test_continue_keeps_the_whole_work_view(client) -> None:
    work = make_work(rating=MATURE, chapters=["One.", "Two."])

    response = client.get(f"/works/{work.pk}?view_full_work=true")

    assertContains(response, f'href="/works/{work.pk}?view_full_work=true&amp;view_adult=true">Yes, Continue</a>')


def test_chapter_pages_ask_too(client) -> None:
    work = make_work(rating=EXPLICIT, chapters=["One.", "Chapter two text."])
    second = work.chapters.get(position=2)

    response = client.get(f"/works/{work.pk}/chapters/{second.pk}")

    assertContains(response, NOTICE)
    assertNotContains(response, "Chapter two text.")


def test_the_session_remembers_consent_for_that_work_only(client) -> None:
    work = make_work(rating=EXPLICIT, chapters=["One.", "Chapter two text."])
    other = make_work(rating=EXPLICIT, chapters=["Other text."])
    second = work.chapters.get(position=2)

    client.get(f"/works/{work.pk}?view_adult=true")
    next_chapter = client.get(f"/works/{work.pk}/chapters/{second.pk}")
    other_work = client.get(f"/works/{other.pk}")

    assertNotContains(next_chapter, NOTICE)
    assertContains(next_chapter, "Chapter two text.")
    assertContains(other_work, NOTICE)


def test_logged_in_reader_without_the_preference_is_asked_and_can_opt_out(client) -> None:
    work = make_work(rating=EXPLICIT)
    client.force_login(UserFactory())

    response = client.get(f"/works/{work.pk}")

    assertContains(response, NOTICE)
    assertContains(response, 'action="/adult-content"')
    assertContains(response, f'name="next" value="/works/{work.pk}"')
    assertContains(response, "Yes, and don't ask again")


def test_reader_with_view_adult_is_not_asked(client) -> None:
    work = make_work(rating=EXPLICIT, chapters=["The hidden text."])
    client.force_login(UserFactory(view_adult=True))

    response = client.get(f"/works/{work.pk}")

    assertNotContains(response, NOTICE)
    assertContains(response, "The hidden text.")


def test_creator_is_not_asked_about_their_own_work(writer_client, user) -> None:
    work = make_work(creator=user, rating=EXPLICIT, chapters=["My own text."])

    response = writer_client.get(f"/works/{work.pk}")

    assertNotContains(response, NOTICE)
    assertContains(response, "My own text.")


def test_go_back_returns_to_the_page_the_reader_came_from_on_this_site(client) -> None:
    work = make_work(rating=EXPLICIT)

    from_index = client.get(f"/works/{work.pk}", headers={"referer": "http://testserver/tags/Fluff/works"})
    from_elsewhere = client.get(f"/works/{work.pk}", headers={"referer": "https://evil.example/"})

    assertContains(from_index, 'href="http://testserver/tags/Fluff/works">No, Go Back</a>')
    assertContains(from_elsewhere, 'href="/works/">No, Go Back</a>')
