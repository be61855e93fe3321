"""The search form: the URL read into a WorkQuery, and every kind of bad input refused with a clear message."""

from __future__ import annotations

import datetime

import pytest
from django.http import QueryDict

from scriptorium.search.forms import LAST_PAGE, MAX_PAGE, MAX_QUERY_CHARS, MAX_TAGS, SearchForm
from scriptorium.search.query import Crossover, Sort
from scriptorium.tags.models import Tag, TagType
from scriptorium.tags.vocabulary import EXPLICIT, MAJOR_CHARACTER_DEATH, MATURE

pytestmark = pytest.mark.django_db


def form_for(query: str) -> SearchForm:
    return SearchForm(QueryDict(query))


def errors(query: str) -> dict[str, list[str]]:
    form = form_for(query)
    assert not form.is_valid()
    return form.errors


@pytest.fixture
def tags() -> dict[str, Tag]:
    steve = Tag.objects.create(name="Steve Rogers", type=TagType.CHARACTER, canonical=True)
    cap = Tag.objects.create(name="Cap", type=TagType.CHARACTER, merger=steve)
    fluff = Tag.objects.create(name="Fluff", type=TagType.ADDITIONAL, canonical=True)
    loose = Tag.objects.create(name="very loose tag", type=TagType.ADDITIONAL)
    return {"steve": steve, "cap": cap, "fluff": fluff, "loose": loose}


def test_an_empty_search_asks_for_every_work_in_the_default_order() -> None:
    form = form_for("")
    assert form.is_valid(), form.errors
    query = form.work_query()
    assert query.text == "" and query.include_tags == () and query.exclude_tags == ()
    assert query.sort == Sort.RELEVANCE and query.descending is True
    assert query.crossover == Crossover.INCLUDE and query.complete is None and query.page == 1
    assert form.params() == []


def test_tags_typed_by_name_resolve_to_filter_tags_and_synonyms_to_their_canonical(tags) -> None:
    form = form_for("include=cap, very loose tag&exclude=FLUFF")
    assert form.is_valid(), form.errors
    query = form.work_query()
    assert query.include_tags == (tags["steve"].pk, tags["loose"].pk)
    assert query.exclude_tags == (tags["fluff"].pk,)
    # The URL from now on names the canonical tag, in the archive's spelling.
    assert form.params() == [("include", "Steve Rogers"), ("include", "very loose tag"), ("exclude", "Fluff")]


def test_repeated_parameters_add_up_and_repeats_count_once(tags) -> None:
    form = form_for("include=Fluff&include=Steve Rogers&include=cap")
    assert form.is_valid(), form.errors
    assert form.work_query().include_tags == (tags["fluff"].pk, tags["steve"].pk)


def test_an_unknown_tag_is_an_error_naming_it_not_a_silent_drop(tags) -> None:
    found = errors("include=Fluff, Flufff&exclude=Nope")
    assert "No tag is named “Flufff”" in found["include"][0]
    assert "No tag is named “Nope”" in found["exclude"][0]


def test_too_many_tags_are_refused() -> None:
    names = ",".join(f"tag {n}" for n in range(MAX_TAGS + 1))
    assert f"at most {MAX_TAGS}" in errors(f"include={names}")["include"][0]


def test_ratings_typed_as_tags_or_ticked_filter_the_rating_column() -> None:
    form = form_for(f"include={EXPLICIT}&rating={MATURE}&exclude_rating=General Audiences")
    assert form.is_valid(), form.errors
    query = form.work_query()
    assert set(query.ratings) == {EXPLICIT, MATURE}
    assert query.exclude_ratings == ("General Audiences",)
    assert query.include_tags == ()


def test_warnings_and_categories_are_tags_to_include_or_exclude() -> None:
    form = form_for(f"warning={MAJOR_CHARACTER_DEATH}&exclude_category=M/M")
    assert form.is_valid(), form.errors
    query = form.work_query()
    warning = Tag.objects.get(name=MAJOR_CHARACTER_DEATH)
    category = Tag.objects.get(name="M/M")
    assert query.include_tags == (warning.pk,)
    assert query.exclude_tags == (category.pk,)


def test_every_other_filter_reaches_the_query() -> None:
    form = form_for(
        "q=  dragon   lighthouse &crossover=only&complete=in_progress&single_chapter=1&words_from=100&words_to=5000"
        "&posted_from=2020-01-01&posted_to=2020-12-31&updated_from=2021-02-03&language=es&sort=kudos&order=asc&page=3"
    )
    assert form.is_valid(), form.errors
    query = form.work_query()
    assert query.text == "dragon lighthouse"
    assert query.crossover == Crossover.ONLY and query.complete is False and query.single_chapter is True
    assert (query.words_min, query.words_max) == (100, 5000)
    assert query.posted_from == datetime.date(2020, 1, 1) and query.posted_to == datetime.date(2020, 12, 31)
    assert query.updated_from == datetime.date(2021, 2, 3) and query.updated_to is None
    assert query.language == "es" and query.sort == Sort.KUDOS and query.descending is False and query.page == 3
    assert ("page", "3") not in form.params()
    assert ("crossover", "only") in form.params() and ("single_chapter", "1") in form.params()


def test_title_and_creator_sorts_run_a_to_z_unless_told_otherwise() -> None:
    for sort in ("title", "creator"):
        ascending = form_for(f"sort={sort}")
        assert ascending.is_valid() and ascending.work_query().descending is False
    explicit = form_for("sort=title&order=desc")
    assert explicit.is_valid() and explicit.work_query().descending is True
    words = form_for("sort=words")
    assert words.is_valid() and words.work_query().descending is True


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("words_from=-5", "words_from", "can’t be negative"),
        ("words_to=lots", "words_to", "whole number"),
        ("words_from=900&words_to=100", "words_to", "ends before it starts"),
        ("words_to=99999999999", "words_to", "No work is that long"),
        ("posted_from=31/12/2020", "posted_from", "year-month-day"),
        ("updated_to=2021-02-30", "updated_to", "year-month-day"),
        ("posted_from=2022-01-01&posted_to=2021-01-01", "posted_to", "ends before it starts"),
        ("updated_from=2021-05-01&updated_to=2021-04-01", "updated_to", "ends before it starts"),
        ("posted_from=0001-01-01", "posted_from", "between 1900"),
        ("rating=Extremely Explicit", "rating", "Select a valid choice"),
        ("crossover=sometimes", "crossover", "Select a valid choice"),
        ("sort=random", "sort", "Select a valid choice"),
        ("language=klingon", "language", "Select a valid choice"),
    ],
)
def test_bad_filters_get_a_clear_message_on_their_field(query: str, field: str, message: str) -> None:
    found = errors(query)
    assert field in found
    assert message in " ".join(found[field])


def test_search_text_has_a_length_limit() -> None:
    found = errors("q=" + "word " * 400)
    assert "too long" in found["q"][0] and str(MAX_QUERY_CHARS) in found["q"][0]
    assert form_for("q=" + "a" * MAX_QUERY_CHARS).is_valid()


@pytest.mark.parametrize(
    ("raw", "number", "noted"),
    [
        ("", 1, False),
        ("abc", 1, False),
        ("-2", LAST_PAGE, False),
        ("0", LAST_PAGE, False),
        ("7", 7, False),
        ("10000000000", MAX_PAGE, True),
    ],
)
def test_page_numbers_are_read_leniently_and_capped(raw: str, number: int, noted: bool) -> None:
    """As on the works index before: not a number is page 1, zero or less the last page (found by the listing)."""
    form = form_for(f"page={raw}")
    assert form.is_valid()
    assert form.page_number == number
    assert bool(form.page_note) is noted
