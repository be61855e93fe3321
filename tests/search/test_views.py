"""The works search page and the listings built on it, through the configured backend: filters in the URL,
totals, facets, exclusions and mutes inside the query, bad input, and constant query counts."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.interactions.models import Mute
from scriptorium.search import services
from scriptorium.search.backends import get_search_backend, reset_search_backends
from scriptorium.tags.vocabulary import EXPLICIT, MAJOR_CHARACTER_DEATH
from scriptorium.works.models import Work
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


def index(*works: Work) -> None:
    """Bring the search index up to date with these works (the background task's job after a commit)."""
    get_search_backend().index_works([w.pk for w in works])


def titles(response) -> list[str]:
    """Work titles in the order the results list shows them."""
    return re.findall(r'<h\d class="blurb__title"><a href="/works/\d+"[^>]*>([^<]+)</a>', response.content.decode())


@pytest.fixture
def shelf(db):
    """Five works by two writers across two fandoms."""
    ada, bo = UserFactory(username="ada"), UserFactory(username="bo")
    works = {
        "harbour": make_work(creator=ada, title="Harbour Lights", fandoms=("Sea Stories",),
                             additional_tags=("Fluff",), chapters=["The lamp burned over the grey harbour."]),
        "storm": make_work(creator=ada, title="Storm Warning", fandoms=("Sea Stories",), rating=EXPLICIT,
                           warnings=(MAJOR_CHARACTER_DEATH,), additional_tags=("Angst",),
                           chapters=["Thunder rolled over the cliffs all night."]),
        "orchard": make_work(creator=bo, title="Orchard Song", fandoms=("Country Tales",),
                             additional_tags=("Fluff",), chapters=["Apples fell in the quiet orchard."]),
        "mill": make_work(creator=bo, title="The Mill Wheel", fandoms=("Country Tales",),
                          chapters=["The wheel turned and the river ran."]),
        "secret": make_work(creator=bo, title="Members Lantern", fandoms=("Country Tales",), restricted=True,
                            chapters=["A lantern for the members only."]),
    }  # fmt: skip
    index(*works.values())
    return works


def test_the_search_page_lists_works_with_a_total_and_a_filter_panel(client, shelf) -> None:
    response = client.get("/works/search")
    assert response.status_code == 200
    body = response.content.decode()
    assert "4 works" in body  # the restricted work is not listed for guests
    assert set(titles(response)) == {"Harbour Lights", "Storm Warning", "Orchard Song", "The Mill Wheel"}
    assert '<form method="get" action="/works/search" class="search-form">' in body
    assert 'name="include"' in body and 'name="exclude"' in body and 'name="words_from"' in body
    assert 'href="/works/search/help"' in body


def test_restricted_works_count_for_accounts_only(client, user, shelf) -> None:
    assertNotContains(client.get("/works/search"), "Members Lantern")
    client.force_login(user)
    response = client.get("/works/search")
    assertContains(response, "Members Lantern")
    assertContains(response, "5 works")


def test_including_and_excluding_tags_by_name(client, shelf) -> None:
    included = client.get("/works/search", {"include": "Fluff"})
    assert set(titles(included)) == {"Harbour Lights", "Orchard Song"}
    both = client.get("/works/search", {"include": "Fluff", "exclude": "Country Tales"})
    assert titles(both) == ["Harbour Lights"]
    assertContains(both, "1 work")
    # Each active filter can be taken away on its own.
    assertContains(both, 'href="/works/search?include=Fluff"')
    assertContains(both, 'href="/works/search?exclude=Country+Tales"')


def test_ratings_and_warnings_filter(client, shelf) -> None:
    assert titles(client.get("/works/search", {"rating": EXPLICIT})) == ["Storm Warning"]
    assert "Storm Warning" not in titles(client.get("/works/search", {"exclude_warning": MAJOR_CHARACTER_DEATH}))
    assert titles(client.get("/works/search", {"include": EXPLICIT})) == ["Storm Warning"]  # a rating typed as a tag


def test_facets_count_the_results_and_link_to_narrower_searches(client, shelf) -> None:
    body = client.get("/works/search", {"include": "Fluff"}).content.decode()
    assert "Among these works" in body
    assert 'href="/works/search?include=Fluff&amp;include=Sea+Stories"' in body
    assert 'href="/works/search?include=Fluff&amp;exclude=Sea+Stories"' in body
    sea = re.search(r'>Sea Stories</a> <span class="facet__tail"><span class="count">\((\d+)\)</span>', body)
    assert sea is not None and sea.group(1) == "1"


def test_pagination_keeps_every_filter(client, settings, shelf) -> None:
    settings.SCRIPTORIUM_WORKS_PER_PAGE = 1
    first = client.get("/works/search", {"include": "Country Tales", "sort": "title"})
    assertContains(first, "1 – 1 of 2 works")
    assertContains(first, 'href="?include=Country+Tales&amp;sort=title&amp;page=2"')
    second = client.get("/works/search", {"include": "Country Tales", "sort": "title", "page": "2"})
    assert titles(first) == ["Orchard Song"] and titles(second) == ["The Mill Wheel"]
    past_the_end = client.get("/works/search", {"include": "Country Tales", "sort": "title", "page": "50"})
    assert titles(past_the_end) == ["The Mill Wheel"]


def test_sorting_by_title_both_ways(client, shelf) -> None:
    ascending = titles(client.get("/works/search", {"sort": "title"}))
    assert ascending == sorted(ascending, key=str.casefold)
    assert titles(client.get("/works/search", {"sort": "title", "order": "desc"})) == ascending[::-1]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"include": "No Such Tag"}, "No tag is named “No Such Tag”"),
        ({"words_from": "-1"}, "can’t be negative"),
        ({"words_from": "900", "words_to": "10"}, "ends before it starts"),
        ({"posted_from": "yesterday"}, "year-month-day"),
        ({"q": "x" * 2000}, "too long"),
    ],
)
def test_bad_input_is_explained_never_a_server_error(client, shelf, params, message) -> None:
    response = client.get("/works/search", params)
    assert response.status_code == 400
    assertContains(response, message, status_code=400)
    assertContains(response, "This search can’t run yet", status_code=400)
    assert titles(response) == []


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ('"unbalanced quote', "A quotation mark is not closed"),
        ("storm -", "must be followed by the word or phrase to leave out"),
        ("-angst", "cannot only leave words out"),
        ("title:", "must be followed by a word or phrase"),
    ],
)
def test_a_query_the_backend_cannot_parse_shows_its_message(client, shelf, q, message) -> None:
    response = client.get("/works/search", {"q": q})
    assert response.status_code == 400
    assertContains(response, "This search can’t run yet", status_code=400)
    assertContains(response, message, status_code=400)
    assert titles(response) == []


def test_text_search_finds_words_in_chapters_and_marks_them(client, shelf) -> None:
    response = client.get("/works/search", {"q": "orchard"})
    assert titles(response) == ["Orchard Song"]
    assertContains(response, "<mark>")


def test_muted_creators_and_excluded_tags_leave_every_listing_with_right_totals(client, user, shelf) -> None:
    Mute.objects.create(muter=user, muted=shelf["orchard"].creators.first().user)
    services.excluded_tag_add(user=user, name="Angst")
    client.force_login(user)
    response = client.get("/works/search")
    assert titles(response) == ["Harbour Lights"]
    assertContains(response, "1 work")
    assertContains(response, "Your excluded tags and muted creators are left out")
    assertContains(response, 'href="/works/search/excluded"')
    index_page = client.get("/works/")
    assert titles(index_page) == ["Harbour Lights"]
    assertContains(index_page, "1 Work")
    assert titles(client.get("/tags/Sea Stories/works")) == ["Harbour Lights"]
    assert titles(client.get("/users/bo/")) == []
    assert "Orchard Song" not in client.get("/").content.decode()


def test_the_tag_and_pseud_listings_are_scoped_and_filterable(client, shelf) -> None:
    tag_page = client.get("/tags/Country Tales/works")
    assert set(titles(tag_page)) == {"Orchard Song", "The Mill Wheel"}
    assertContains(tag_page, 'action="/tags/Country%20Tales/works"')
    assert titles(client.get("/tags/Country Tales/works", {"include": "Fluff"})) == ["Orchard Song"]
    pseud_page = client.get("/users/ada/pseuds/ada/", {"exclude": "Angst"})
    assert titles(pseud_page) == ["Harbour Lights"]
    assert set(titles(client.get("/users/ada/"))) == {"Harbour Lights", "Storm Warning"}
    assert titles(client.get("/tags/Explicit/works")) == ["Storm Warning"]


def test_the_header_has_a_search_box_and_the_help_page_explains_the_syntax(client, db) -> None:
    home = client.get("/").content.decode()
    assert 'action="/works/search"' in home and 'name="q"' in home
    help_page = client.get("/works/search/help")
    assert help_page.status_code == 200
    for example in ('"slow burn"', "-zombies", "wizard*", "title:winter", "creator:inkwell", "tag:"):
        assertContains(help_page, example)


def test_a_logged_in_reader_can_save_the_search_from_the_results(client, user, shelf) -> None:
    client.force_login(user)
    response = client.get("/works/search", {"include": "Fluff", "page": "1"})
    assertContains(response, 'action="/works/search/saved"')
    assertContains(response, 'name="query_string" value="include=Fluff&amp;page=1"')
    client.logout()
    assertNotContains(client.get("/works/search"), 'action="/works/search/saved"')


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_results_page_costs_the_same_queries_for_ten_works_as_for_two(client, settings, signed_in) -> None:
    settings.SCRIPTORIUM_WORKS_PER_PAGE = 10
    reader = UserFactory()
    works = [
        make_work(title=f"Kettle {n:02}", fandoms=(f"Fandom {n}",), series_title=f"Series {n}",
                  additional_tags=(f"Tag {n}", "Shared"), characters=(f"Person {n}",))
        for n in range(12)
    ]  # fmt: skip
    index(*works)
    if signed_in:
        services.excluded_tag_add(user=reader, name="Tag 0")
        Mute.objects.create(muter=reader, muted=UserFactory())
        client.force_login(reader)
    client.get("/works/")  # a process's first request reads which terms accounts must accept (then cached)
    full = _count_queries(client, "/works/search?include=Shared&q=kettle&sort=title")  # ten works shown
    rest = _count_queries(client, "/works/search?include=Shared&q=kettle&sort=title&page=2")  # one or two
    assert full == rest


def test_facet_counts_over_a_sample_say_so(client, settings, shelf) -> None:
    backend_path = type(get_search_backend()).__module__ + "." + type(get_search_backend()).__name__
    settings.SCRIPTORIUM_SEARCH = {"default": {"BACKEND": backend_path, "FACET_EXACT_LIMIT": 2, "FACET_SAMPLE": 3}}
    reset_search_backends()
    try:
        response = client.get("/works/search")
    finally:
        reset_search_backends()
    assertContains(response, "Counted over the 3 most recent matching works.")
    assertContains(response, "4 works")  # the total is still exact


def test_text_too_broad_to_rank_says_where_the_best_matches_come_from(client, settings, shelf) -> None:
    backend_path = type(get_search_backend()).__module__ + "." + type(get_search_backend()).__name__
    settings.SCRIPTORIUM_SEARCH = {"default": {"BACKEND": backend_path, "RANK_WINDOW": 1}}
    settings.SCRIPTORIUM_WORKS_PER_PAGE = 1
    reset_search_backends()
    try:
        response = client.get("/works/search", {"q": "the"})  # three works say "the"
    finally:
        reset_search_backends()
    assertContains(response, "the best matches are picked from the 1 newest of them")


def test_a_total_the_backend_stopped_counting_reads_more_than(client, settings, shelf) -> None:
    backend_path = type(get_search_backend()).__module__ + "." + type(get_search_backend()).__name__
    settings.SCRIPTORIUM_SEARCH = {"default": {"BACKEND": backend_path, "COUNT_EXACT_LIMIT": 2}}
    settings.SCRIPTORIUM_WORKS_PER_PAGE = 1
    reset_search_backends()
    try:
        response = client.get("/works/search", {"exclude": "Angst", "exclude_rating": EXPLICIT})
    finally:
        reset_search_backends()
    assertContains(response, "1 – 1 of more than 2 works")


def test_an_absurd_page_number_shows_the_last_page_with_a_note(client, shelf) -> None:
    response = client.get("/works/search", {"page": "99999999999999", "sort": "title"})
    assert response.status_code == 200
    assertContains(response, "Results stop at page 5,000")
    assert titles(response) == sorted(titles(client.get("/works/search", {"sort": "title"})), key=str.casefold)


# Adult works' text in snippets (issue 14, finding 3): the text waits behind the adult notice, as on the work page.

WITHHELD = "Text matches; this work is rated Explicit."


def test_guests_who_have_not_passed_the_adult_notice_see_no_text_of_an_adult_work(client, shelf) -> None:
    response = client.get("/works/search", {"q": "thunder"})
    assert titles(response) == ["Storm Warning"]  # the work is found and its blurb (title, tags) shown
    assertContains(response, "Angst")
    assertNotContains(response, "cliffs")
    assertNotContains(response, "<mark>")
    assertContains(response, WITHHELD)
    # A work for all audiences keeps its passage.
    orchard = client.get("/works/search", {"q": "apples"})
    assertContains(orchard, "<mark>Apples</mark> fell in the quiet orchard")
    assertNotContains(orchard, "this work is rated")


def test_an_adult_works_text_shows_once_the_reader_passed_its_notice(client, shelf) -> None:
    storm = shelf["storm"]
    assert client.get(f"/works/{storm.pk}?view_adult=true").status_code == 200  # "Proceed" on the notice
    response = client.get("/works/search", {"q": "thunder"})
    assertContains(response, "<mark>Thunder</mark> rolled over the cliffs")
    assertNotContains(response, WITHHELD)


def test_accounts_see_an_adult_works_text_only_when_they_chose_to_or_wrote_it(client, shelf) -> None:
    reader = UserFactory(username="reader")
    client.force_login(reader)
    assertContains(client.get("/works/search", {"q": "thunder"}), WITHHELD)
    reader.view_adult = True
    reader.save(update_fields=["view_adult"])
    assertContains(client.get("/works/search", {"q": "thunder"}), "<mark>Thunder</mark>")
    client.force_login(shelf["storm"].creatorships.get().pseud.user)  # its creator never sees the notice
    creator_page = client.get("/works/search", {"q": "thunder"})
    assertContains(creator_page, "<mark>Thunder</mark>")
    assertNotContains(creator_page, WITHHELD)


def test_a_not_rated_works_text_is_withheld_too_and_the_page_still_answers(client) -> None:
    from scriptorium.tags.vocabulary import NOT_RATED

    index(make_work(title="Unlabelled Tide", rating=NOT_RATED, chapters=["Driftwood piled along the bay."]))
    response = client.get("/works/search", {"q": "driftwood"})
    assert response.status_code == 200  # was a server error: the not-rated line had no values to format
    assertContains(response, "Text matches; this work is not rated.")
    assertNotContains(response, "<mark>")
