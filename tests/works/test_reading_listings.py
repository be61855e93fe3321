"""The home page and the works index: what is listed, in which order, and how each blurb reads."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.search.backends import get_search_backend
from scriptorium.tags.vocabulary import EXPLICIT, MAJOR_CHARACTER_DEATH, TEEN
from scriptorium.works.models import Work
from tests.factories import PseudFactory, UserFactory, make_work

pytestmark = pytest.mark.django_db


def _set_revised(work: Work, day: str) -> None:
    Work.objects.filter(pk=work.pk).update(revised_on=day)
    get_search_backend().index_works([work.pk])  # update() sends no signal: bring the listings' index along


def test_home_welcomes_and_lists_recent_works_newest_first(client) -> None:
    old = make_work(title="The Older Story")
    new = make_work(title="The Newer Story")
    _set_revised(old, "2024-01-01")
    _set_revised(new, "2025-06-01")

    response = client.get("/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Welcome to" in body
    assert body.index("The Newer Story") < body.index("The Older Story")


def test_home_works_for_logged_in_users(writer_client, user) -> None:
    make_work(creator=user, title="Mine And Posted")

    response = writer_client.get("/")

    assertContains(response, "Mine And Posted")
    assertContains(response, "Post a new work")


def test_index_counts_and_lists_works(client) -> None:
    make_work(title="First Light")
    make_work(title="Second Wind")

    response = client.get("/works/")

    assertContains(response, "2 Works")
    assertContains(response, "First Light")
    assertContains(response, "Second Wind")


def test_drafts_are_never_listed_not_even_for_their_creator(writer_client, user) -> None:
    make_work(creator=user, title="Unfinished Draft", post=False)
    make_work(creator=user, title="Posted Piece")

    for url in ("/", "/works/"):
        response = writer_client.get(url)
        assertContains(response, "Posted Piece")
        assertNotContains(response, "Unfinished Draft")


def test_restricted_works_are_listed_for_users_only(client, user) -> None:
    make_work(title="Members Only", restricted=True)

    assertNotContains(client.get("/works/"), "Members Only")
    assertNotContains(client.get("/"), "Members Only")
    client.force_login(user)
    response = client.get("/works/")
    assertContains(response, "Members Only")
    assertContains(response, ">Restricted</span>")


def test_blurb_shows_what_a_reader_scans_for(client) -> None:
    writer = UserFactory(username="inkwell")
    second = PseudFactory(name="Second Pen")
    make_work(
        creator=writer,
        title="Harbour Lights",
        rating=EXPLICIT,
        warnings=(MAJOR_CHARACTER_DEATH,),
        categories=("F/M",),
        fandoms=("Sea Stories", "Lighthouse Keepers"),
        relationships=("Keeper/Sailor",),
        characters=("The Keeper",),
        additional_tags=("Slow Burn",),
        summary="A lamp, a storm, a <em>promise</em>.",
        language="es",
        expected_chapters=4,
        chapters=["Uno dos tres.", "Cuatro cinco."],
    )
    make_work(creator=second, title="Another Pen's Work")

    body = client.get("/works/").content.decode()

    assert 'href="/users/inkwell/pseuds/inkwell/">inkwell</a>' in body
    assert "Second Pen (" in body  # a pseud other than the login shows "Pseud (username)"
    assert 'href="/tags/Sea%20Stories/works">Sea Stories</a>' in body
    assert 'href="/tags/Lighthouse%20Keepers/works">Lighthouse Keepers</a>' in body
    assert 'href="/tags/Keeper*s*Sailor/works">Keeper/Sailor</a>' in body
    assert ">The Keeper</a>" in body and ">Slow Burn</a>" in body
    assert ">Major Character Death</a>" in body
    assert "A lamp, a storm, a <em>promise</em>." in body  # the summary's HTML is rendered
    assert "Rating: Explicit" in body  # the badge's text alternative
    assert '<span aria-hidden="true">E</span>' in body
    assert "Category: F/M" in body
    assert "Work in progress" in body
    assert "<dd>Español</dd>" in body
    assert "<dd>5</dd>" in body  # words
    assert "<dd>2/4</dd>" in body


def test_blurb_shows_complete_badge_and_series(client) -> None:
    make_work(title="Done And Dusted", expected_chapters=1, series_title="Dust Cycle", rating=TEEN)

    response = client.get("/works/")

    assertContains(response, "Complete work")
    assertContains(response, "<dd>1/1</dd>", html=False)
    assertContains(response, "Part <strong>1</strong> of")
    assertContains(response, ">Dust Cycle</a>")
    assertContains(response, '<span aria-hidden="true">T</span>')


def test_titles_and_tags_are_escaped_but_summaries_render(client) -> None:
    make_work(title="<script>alert(1)</script>", additional_tags=("Tea & Biscuits",), summary="<p>fine</p>")

    body = client.get("/works/").content.decode()

    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert 'href="/tags/Tea%20*a*%20Biscuits/works">Tea &amp; Biscuits</a>' in body
    assert "<p>fine</p>" in body


def test_pagination_shows_the_right_works_on_page_two(client, settings) -> None:
    settings.SCRIPTORIUM_WORKS_PER_PAGE = 2
    for number in range(1, 6):
        work = make_work(title=f"Story Number {number}")
        _set_revised(work, f"2025-01-0{number}")  # Story 5 is newest, so it comes first

    first = client.get("/works/").content.decode()
    second = client.get("/works/?page=2").content.decode()
    last = client.get("/works/?page=3").content.decode()

    assert "Story Number 5" in first and "Story Number 4" in first and "Story Number 3" not in first
    assert "Story Number 3" in second and "Story Number 2" in second
    assert "Story Number 5" not in second and "Story Number 1" not in second
    assert "Story Number 1" in last and "Story Number 2" not in last
    assert "3 – 4 of 5 Works" in second
    assert 'href="?page=3"' in second and 'href="/works/"' in second  # next, and page 1 without ?page


@pytest.mark.parametrize(
    ("query", "expected_title"),
    [
        ("abc", "Story Number 3"),
        ("0", "Story Number 1"),
        ("999", "Story Number 1"),
        ("-2", "Story Number 1"),
        ("", "Story Number 3"),
    ],
)
def test_bad_page_numbers_give_the_first_or_last_page(client, settings, query, expected_title) -> None:
    settings.SCRIPTORIUM_WORKS_PER_PAGE = 2
    for number in range(1, 4):
        work = make_work(title=f"Story Number {number}")
        _set_revised(work, f"2025-01-0{number}")

    response = client.get(f"/works/?page={query}")

    assert response.status_code == 200
    assertContains(response, expected_title)


def test_empty_index_says_so(client) -> None:
    response = client.get("/works/")

    assert response.status_code == 200
    assertContains(response, "Nobody has posted a work yet.")
