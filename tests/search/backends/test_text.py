"""Full-text search through the backend: the syntax, ranking, fields, snippets, bad queries."""

from __future__ import annotations

import pytest

from scriptorium.search.query import QuerySyntaxError, Sort, WorkQuery
from scriptorium.tags.models import Tag
from scriptorium.works.models import Work
from tests.factories import PseudFactory, make_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(backend, committed):
    with committed():
        works = {
            "lighthouse": make_work(
                creator=PseudFactory(name="Marigold"),
                title="The Keeper",
                summary="A summary about <b>storms</b> & salt.",
                fandoms=("Coastlines",),
                additional_tags=("Found Family",),
                chapters=[
                    "Nobody visited the old lighthouse in winter.",
                    "The keeper's <em>lantern</em> burned until the dragon came home across the sea.",
                ],
            ),
            "dragon": make_work(
                creator=PseudFactory(name="Thistle"),
                title="Dragon Dragon Dragon",
                notes="Written for a dragon exchange.",
                fandoms=("Mountains",),
                chapters=["A dragon, a dragon, and the sea was far away. Crème brûlée for the dragonflies."],
            ),
            "plain": make_work(
                creator=PseudFactory(name="Oak"),
                title="Harbour Lights",
                fandoms=("Coastlines",),
                additional_tags=("Angst",),
                chapters=["The sea came home at night; the harbour slept."],
            ),
        }
    return works


def found(backend, text: str, **kwargs: object) -> list[int]:
    return backend.search(WorkQuery(text=text, **kwargs)).work_ids


def test_every_word_must_match_in_any_part_of_the_work(backend, shelf) -> None:
    assert set(found(backend, "sea")) == {w.pk for w in shelf.values()}
    assert set(found(backend, "sea home")) == {shelf["lighthouse"].pk, shelf["plain"].pk}
    assert found(backend, "lantern winter") == [shelf["lighthouse"].pk]  # words in two different chapters
    assert found(backend, "storms salt") == [shelf["lighthouse"].pk]  # summary
    assert found(backend, "exchange") == [shelf["dragon"].pk]  # notes
    assert found(backend, "marigold") == [shelf["lighthouse"].pk]  # creator
    assert found(backend, "found family") == [shelf["lighthouse"].pk]  # a tag
    assert found(backend, "nothing-here-at-all") == []


def test_case_and_accents_do_not_matter(backend, shelf) -> None:
    assert found(backend, "CREME BRULEE") == [shelf["dragon"].pk]
    assert found(backend, "crème") == [shelf["dragon"].pk]


def test_phrases_exclusions_and_prefixes(backend, shelf) -> None:
    assert set(found(backend, '"came home"')) == {shelf["lighthouse"].pk, shelf["plain"].pk}
    assert found(backend, '"dragon came home"') == [shelf["lighthouse"].pk]
    assert found(backend, '"home came"') == []
    assert set(found(backend, "sea -dragon")) == {shelf["plain"].pk}
    assert set(found(backend, 'sea -"found family"')) == {shelf["dragon"].pk, shelf["plain"].pk}
    assert set(found(backend, "dragonfl*")) == {shelf["dragon"].pk}
    assert set(found(backend, "harb*")) == {shelf["plain"].pk}
    assert found(backend, "spider-man") == []  # a phrase of two words, found nowhere


def test_fields_limit_a_clause_to_one_part(backend, shelf) -> None:
    assert found(backend, "title:dragon") == [shelf["dragon"].pk]
    assert set(found(backend, "text:dragon")) == {shelf["dragon"].pk, shelf["lighthouse"].pk}
    assert found(backend, "title:keeper") == [shelf["lighthouse"].pk]
    assert found(backend, "summary:storms") == [shelf["lighthouse"].pk]
    assert found(backend, "summary:lantern") == []
    assert found(backend, "creator:thistle") == [shelf["dragon"].pk]
    assert found(backend, "creator:dragon") == []
    assert set(found(backend, "tag:coastlines")) == {shelf["lighthouse"].pk, shelf["plain"].pk}
    assert found(backend, 'tag:"found family"') == [shelf["lighthouse"].pk]
    assert found(backend, "sea -tag:angst -title:dragon") == [shelf["lighthouse"].pk]


def test_text_combines_with_filters(backend, shelf) -> None:
    coast = Tag.objects.get(name="Coastlines").pk
    assert set(found(backend, "sea", include_tags=(coast,))) == {shelf["lighthouse"].pk, shelf["plain"].pk}
    assert found(backend, "sea", include_tags=(coast,), exclude_tags=(Tag.objects.get(name="Angst").pk,)) == [
        shelf["lighthouse"].pk
    ]
    result = backend.search(WorkQuery(text="sea", sort=Sort.TITLE, descending=False))
    assert result.work_ids == [shelf["dragon"].pk, shelf["plain"].pk, shelf["lighthouse"].pk]
    assert result.total == 3


@pytest.mark.parametrize("sort", [Sort.RELEVANCE, Sort.TITLE])
def test_text_with_several_tags_and_an_exclusion(backend, shelf, sort) -> None:
    coast, family, angst = (Tag.objects.get(name=n).pk for n in ("Coastlines", "Found Family", "Angst"))
    assert found(backend, "sea", include_tags=(coast, family), sort=sort) == [shelf["lighthouse"].pk]
    assert found(backend, "sea", include_tags=(coast, family), exclude_tags=(angst,), sort=sort) == [
        shelf["lighthouse"].pk
    ]
    assert found(backend, "harbour", include_tags=(coast, family), sort=sort) == []


@pytest.mark.parametrize("sort", [Sort.RELEVANCE, Sort.TITLE, Sort.KUDOS])
def test_text_with_a_tag_finds_the_same_whichever_is_rarer(backend, shelf, committed, sort) -> None:
    """The planner starts from the included tag when it has fewer works than the text matches, else from the
    text: both ways give the same works, total and order."""
    coast = Tag.objects.get(name="Coastlines").pk
    rare = found(backend, "lantern", include_tags=(coast,), sort=sort)  # the text is rarer than the tag
    assert rare == [shelf["lighthouse"].pk]
    with committed():  # now the text is far more common than the tag
        for n in range(6):
            make_work(title=f"Lantern {n}", fandoms=("Lanterns",), chapters=["A lantern by the sea."])
    result = backend.search(WorkQuery(text="lantern sea", include_tags=(coast,), sort=sort, descending=False))
    assert result.work_ids == [shelf["lighthouse"].pk]
    assert result.total == 1
    both = backend.search(WorkQuery(text="sea", include_tags=(coast,), sort=sort, descending=False))
    assert set(both.work_ids) == {shelf["lighthouse"].pk, shelf["plain"].pk}
    assert both.total == 2
    if sort == Sort.TITLE:
        assert both.work_ids == [shelf["plain"].pk, shelf["lighthouse"].pk]


def test_text_too_broad_to_rank_is_ranked_among_the_newest_matches(backend, shelf, committed) -> None:
    """Text matching more works than the backend's RANK_WINDOW is ranked among the newest matches only (the
    rank costs a read per match), and the result says so; a window as large as the matches ranks them all."""
    with committed():
        for n in range(3):
            make_work(title=f"Quiet {n}", chapters=["The sea, once."])
    backend.rank_window = 2
    result = backend.search(WorkQuery(text="sea", per_page=2))
    assert result.total == 6
    assert result.rank_window == 2
    assert len(result.work_ids) == 2  # ranked among the two newest matches: the quiet works
    assert set(result.work_ids) <= {w.pk for w in Work.objects.filter(title__startswith="Quiet")}
    assert backend.search(WorkQuery(text="sea", per_page=2)).work_ids == result.work_ids  # stable
    everything = backend.search(WorkQuery(text="sea", per_page=6))  # a window as large as the matches
    assert everything.rank_window == 0 and len(everything.work_ids) == 6 and everything.total == 6
    backend.rank_window = 0  # no window: every match ranked
    assert backend.search(WorkQuery(text="sea", per_page=2)).rank_window == 0
    assert backend.search(WorkQuery(text="dragon", per_page=2)).work_ids[0] == shelf["dragon"].pk


def test_best_match_ranks_title_matches_first(backend, shelf) -> None:
    assert found(backend, "dragon")[0] == shelf["dragon"].pk
    assert found(backend, "dragon", descending=False)[-1] == shelf["dragon"].pk


def test_snippets_mark_matches_in_the_chapter_text_and_are_escaped(backend, shelf) -> None:
    result = backend.search(WorkQuery(text="lantern"))
    snippet = result.snippets[shelf["lighthouse"].pk]
    assert "<mark>lantern</mark>" in snippet
    assert "<em>" not in snippet  # the chapter's own HTML is not passed through
    assert "keeper" in snippet.lower()
    salt = backend.search(WorkQuery(text="salt")).snippets[shelf["lighthouse"].pk]
    assert "<mark>salt</mark>" in salt and "&amp;" in salt and "<b>" not in salt
    phrase = backend.search(WorkQuery(text='"came home"')).snippets[shelf["plain"].pk]
    assert "<mark>" in phrase and "came" in phrase
    assert backend.search(WorkQuery(text="lantern", snippets=False)).snippets == {}


def test_snippets_escape_what_writers_typed(backend, committed) -> None:
    with committed():
        work = make_work(title="Markup", chapters=["Type <script>alert(1)</script> & more near the word beacon."])
    snippet = backend.search(WorkQuery(text="beacon")).snippets[work.pk]
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet and "&amp; more" in snippet
    assert "<mark>beacon</mark>" in snippet


@pytest.mark.parametrize(
    "text",
    ['"unclosed phrase', "-", "*", "title:", "-dragon", '-"a phrase"', "x" * 2000, "a*", '""', "- -", "!!! ???"],
)
def test_bad_queries_raise_a_reader_message(backend, shelf, text) -> None:
    with pytest.raises(QuerySyntaxError) as error:
        backend.search(WorkQuery(text=text))
    assert str(error.value)  # a sentence for the reader


@pytest.mark.parametrize(
    "text",
    ["AND", "OR NOT", "NEAR(sea home)", "sea^2", "{title}:sea", "sea:", "col:sea", "'sea'", "sea)", "(sea", "sea AND"],
)
def test_fts_and_tsquery_syntax_in_user_text_is_only_text(backend, shelf, text) -> None:
    result = backend.search(WorkQuery(text=text))  # must not raise a database error
    assert isinstance(result.total, int)


def test_operators_are_plain_words(backend, committed) -> None:
    with committed():
        work = make_work(title="Cats AND dogs", chapters=["NOT a word more."])
    assert found(backend, "AND dogs") == [work.pk]
    assert found(backend, "NOT") == [work.pk]
