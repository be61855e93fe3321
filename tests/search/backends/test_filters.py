"""Filters, sorts, pages, totals, facets and visibility: the shared suite, run on the current database's backend."""

from __future__ import annotations

import datetime

import pytest

from scriptorium.search.query import Crossover, Sort, WorkQuery
from scriptorium.tags.models import Tag
from scriptorium.tags.vocabulary import EXPLICIT, GENERAL, MAJOR_CHARACTER_DEATH, TEEN
from scriptorium.works.models import Work
from tests.factories import PseudFactory, UserFactory, make_work

pytestmark = pytest.mark.django_db


def tag_id(name: str) -> int:
    return Tag.objects.get(name=name).filter_tag_id


def ids(result) -> list[int]:
    return result.work_ids


@pytest.fixture
def library(backend, committed, user):
    """Five posted works with different metadata, one draft and one restricted work."""
    with committed():
        w = {
            "dragon": make_work(
                creator=user, title="Dragon Tales", fandoms=("Fable",), characters=("Ember",), rating=TEEN,
                chapters=["one two three four five"],
            ),
            "sea": make_work(
                creator=user, title="Sea Song", fandoms=("Fable", "Tides"), rating=GENERAL,
                chapters=["a b c", "d e f"], expected_chapters=2,
            ),
            "war": make_work(
                creator=UserFactory(), title="After the War", fandoms=("Tides",), rating=EXPLICIT,
                warnings=(MAJOR_CHARACTER_DEATH,), language="fr", chapters=["x " * 300],
            ),
            "ash": make_work(creator=UserFactory(), title="ash and embers", fandoms=("Fable",), characters=("Ember",)),
            "hidden": make_work(creator=UserFactory(), title="Members Only", fandoms=("Fable",), restricted=True),
            "draft": make_work(creator=user, title="Draft Dragon", fandoms=("Fable",), post=False),
        }  # fmt: skip
    Work.objects.filter(pk=w["war"].pk).update(
        published_on=datetime.date(2020, 1, 1), revised_on=datetime.date(2021, 5, 1)
    )
    Work.objects.filter(pk=w["ash"].pk).update(kudos_count=50, hits_count=10, comments_count=3, bookmarks_count=7)
    Work.objects.filter(pk=w["sea"].pk).update(kudos_count=5, hits_count=900, comments_count=30, bookmarks_count=1)
    backend.index_works([w["war"].pk])  # a bulk update sends no signal: dates are part of the index
    return {k: Work.objects.get(pk=v.pk) for k, v in w.items()}


def test_guests_see_posted_unrestricted_works_and_never_drafts(backend, library) -> None:
    guest = backend.search(WorkQuery())
    assert set(ids(guest)) == {library[k].pk for k in ("dragon", "sea", "war", "ash")}
    assert guest.total == 4
    member = backend.search(WorkQuery(include_restricted=True))
    assert library["hidden"].pk in ids(member) and member.total == 5
    assert library["draft"].pk not in ids(member)


def test_include_and_exclude_tags(backend, library) -> None:
    fable = backend.search(WorkQuery(include_tags=(tag_id("Fable"),)))
    assert set(ids(fable)) == {library["dragon"].pk, library["sea"].pk, library["ash"].pk}
    both = backend.search(WorkQuery(include_tags=(tag_id("Fable"), tag_id("Ember"))))
    assert set(ids(both)) == {library["dragon"].pk, library["ash"].pk}
    without = backend.search(WorkQuery(include_tags=(tag_id("Fable"),), exclude_tags=(tag_id("Tides"),)))
    assert set(ids(without)) == {library["dragon"].pk, library["ash"].pk}
    assert without.total == 2
    warned = backend.search(WorkQuery(exclude_tags=(tag_id(MAJOR_CHARACTER_DEATH),)))
    assert library["war"].pk not in ids(warned) and warned.total == 3


@pytest.mark.parametrize("plan", ["auto", "scan", "driver"])
def test_several_included_tags_with_exclusions(backend, library, plan) -> None:
    backend.plan = plan
    fable_ember = (tag_id("Fable"), tag_id("Ember"))
    assert set(ids(backend.search(WorkQuery(include_tags=fable_ember)))) == {library["dragon"].pk, library["ash"].pk}
    without_teen = backend.search(WorkQuery(include_tags=fable_ember, exclude_ratings=(TEEN,)))
    assert ids(without_teen) == [library["ash"].pk]
    sea = backend.search(WorkQuery(include_tags=(tag_id("Fable"), tag_id("Tides")), exclude_tags=(tag_id("Ember"),)))
    assert ids(sea) == [library["sea"].pk] and sea.total == 1
    none = backend.search(WorkQuery(include_tags=fable_ember, exclude_tags=(tag_id("Fable"),)))
    assert ids(none) == [] and none.total == 0


def test_ratings_language_completion_chapters_words(backend, library) -> None:
    assert ids(backend.search(WorkQuery(ratings=(EXPLICIT,)))) == [library["war"].pk]
    not_explicit = backend.search(WorkQuery(exclude_ratings=(EXPLICIT, TEEN)))
    assert set(ids(not_explicit)) == {library["sea"].pk, library["ash"].pk}
    assert ids(backend.search(WorkQuery(language="fr"))) == [library["war"].pk]
    assert ids(backend.search(WorkQuery(complete=True))) == [library["sea"].pk]
    assert library["sea"].pk not in ids(backend.search(WorkQuery(complete=False)))
    single = backend.search(WorkQuery(single_chapter=True))
    assert library["sea"].pk not in ids(single) and single.total == 3
    long = backend.search(WorkQuery(words_min=100))
    assert ids(long) == [library["war"].pk]
    short = backend.search(WorkQuery(words_min=5, words_max=6))
    assert set(ids(short)) == {library["dragon"].pk, library["sea"].pk}


def test_dates(backend, library) -> None:
    old = backend.search(WorkQuery(posted_to=datetime.date(2020, 12, 31)))
    assert ids(old) == [library["war"].pk]
    recent = backend.search(WorkQuery(posted_from=datetime.date(2021, 1, 1)))
    assert library["war"].pk not in ids(recent) and recent.total == 3
    updated = backend.search(WorkQuery(updated_from=datetime.date(2021, 1, 1), updated_to=datetime.date(2021, 12, 31)))
    assert ids(updated) == [library["war"].pk]


def test_crossovers(backend, library) -> None:
    only = backend.search(WorkQuery(crossover=Crossover.ONLY))
    assert ids(only) == [library["sea"].pk]
    none = backend.search(WorkQuery(crossover=Crossover.EXCLUDE))
    assert library["sea"].pk not in ids(none) and none.total == 3


def test_a_sub_fandom_and_its_meta_fandom_are_not_a_crossover(backend, committed, wrangler, user) -> None:
    from scriptorium.tags.wrangling import tag_make_canonical, tag_meta_add

    with committed():
        work = make_work(creator=user, fandoms=("Big Saga", "Big Saga: The Film"))
    assert ids(backend.search(WorkQuery(crossover=Crossover.ONLY))) == [work.pk]
    with committed():
        saga, film = Tag.objects.get(name="Big Saga"), Tag.objects.get(name="Big Saga: The Film")
        tag_make_canonical(actor=wrangler, tag=saga)
        tag_make_canonical(actor=wrangler, tag=film)
        tag_meta_add(actor=wrangler, tag=film, meta=saga)
    assert ids(backend.search(WorkQuery(crossover=Crossover.ONLY))) == []
    assert ids(backend.search(WorkQuery(crossover=Crossover.EXCLUDE))) == [work.pk]


def test_pseuds_and_muted_creators(backend, library, user) -> None:
    mine = backend.search(WorkQuery(pseud_ids=(user.default_pseud.pk,)))
    assert set(ids(mine)) == {library["dragon"].pk, library["sea"].pk}
    muted = backend.search(WorkQuery(exclude_user_ids=(user.pk,)))
    assert set(ids(muted)) == {library["war"].pk, library["ash"].pk} and muted.total == 2


def test_muting_covers_every_pseud_of_the_account(backend, committed) -> None:
    writer = UserFactory()
    other = PseudFactory(user=writer, name="Second Name")
    with committed():
        make_work(creator=other, title="Under another name")
        keep = make_work(title="Someone else")
    assert ids(backend.search(WorkQuery(exclude_user_ids=(writer.pk,)))) == [keep.pk]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (Sort.KUDOS, ["ash", "sea", "war", "dragon"]),
        (Sort.HITS, ["sea", "ash", "war", "dragon"]),
        (Sort.COMMENTS, ["sea", "ash", "war", "dragon"]),
        (Sort.BOOKMARKS, ["ash", "sea", "war", "dragon"]),
        (Sort.WORDS, ["war", "ash", "sea", "dragon"]),
        (Sort.TITLE, ["sea", "dragon", "ash", "war"]),
    ],
)
def test_sorts_descending_with_ties_broken_by_newest_id(backend, library, sort, expected) -> None:
    result = backend.search(WorkQuery(sort=sort))
    # Ties (dragon and war have no counters) fall to the higher id first.
    tie_break = {Sort.KUDOS, Sort.HITS, Sort.COMMENTS, Sort.BOOKMARKS}
    if sort in tie_break:
        assert ids(result)[:2] == [library[k].pk for k in expected[:2]]
        assert ids(result)[2:] == sorted(ids(result)[2:], reverse=True)
    else:
        assert ids(result) == [library[k].pk for k in expected]


def test_ascending_is_the_reverse_and_relevance_without_text_is_updated(backend, library) -> None:
    for sort in Sort:
        if sort == Sort.KUDOS_RATIO:  # works without enough hits sort last both ways (test_ratio.py)
            continue
        down = ids(backend.search(WorkQuery(sort=sort)))
        up = ids(backend.search(WorkQuery(sort=sort, descending=False)))
        assert up == list(reversed(down)), sort
    relevance = ids(backend.search(WorkQuery(sort=Sort.RELEVANCE)))
    assert relevance == ids(backend.search(WorkQuery(sort=Sort.UPDATED)))
    assert relevance[-1] == library["war"].pk  # updated in 2021, the others today


def test_creator_sort_uses_the_first_pseud_name(backend, committed) -> None:
    with committed():
        zed = make_work(creator=PseudFactory(name="zed"), title="One")
        amy = make_work(creator=PseudFactory(name="Amy"), title="Two")
        mo = make_work(creator=PseudFactory(name="mo"), title="Three")
    assert ids(backend.search(WorkQuery(sort=Sort.CREATOR, descending=False))) == [amy.pk, mo.pk, zed.pk]


def test_pages_and_total(backend, committed) -> None:
    with committed():
        works = [make_work(title=f"Work {i}") for i in range(7)]
    newest_first = [w.pk for w in reversed(works)]
    pages = [backend.search(WorkQuery(page=p, per_page=3)) for p in (1, 2, 3, 4)]
    assert [ids(p) for p in pages] == [newest_first[:3], newest_first[3:6], newest_first[6:], []]
    assert {p.total for p in pages} == {7}


def test_facets_count_tags_through_the_filter_table(backend, library) -> None:
    result = backend.search(WorkQuery(facets=("fandom", "character", "rating", "language", "warning"), facet_size=1))
    assert [(f.label, f.count) for f in result.facets["fandom"]] == [("Fable", 3)]
    assert result.facets["fandom"][0].key == str(tag_id("Fable"))
    assert [(f.label, f.count) for f in result.facets["character"]] == [("Ember", 2)]
    assert len(result.facets["rating"]) == 1 and result.facets["rating"][0].count == 2
    assert [(f.key, f.count) for f in result.facets["language"]] == [("en", 3)]
    assert result.facets_exact
    full = backend.search(WorkQuery(include_tags=(tag_id("Tides"),), facets=("fandom", "rating")))
    assert {(f.label, f.count) for f in full.facets["fandom"]} == {("Tides", 2), ("Fable", 1)}
    assert {(f.key, f.count) for f in full.facets["rating"]} == {(GENERAL, 1), (EXPLICIT, 1)}


def test_facets_over_many_matches_are_sampled_and_say_so(backend, library, settings) -> None:
    backend.facet_exact_limit, backend.facet_sample = 2, 2
    result = backend.search(WorkQuery(facets=("fandom",)))
    assert not result.facets_exact and result.facets_sampled == 2
    assert sum(f.count for f in result.facets["fandom"]) <= 4  # at most two works' fandoms were counted
    assert result.total == 4


def test_sampled_facets_of_found_matches_count_the_newest(backend, library) -> None:
    # An exclusion makes the backend read the matching ids; facets over too many of them count the newest.
    backend.facet_exact_limit, backend.facet_sample = 1, 1
    result = backend.search(WorkQuery(exclude_tags=(tag_id("Tides"),), facets=("rating",)))
    assert set(ids(result)) == {library["dragon"].pk, library["ash"].pk}
    assert not result.facets_exact and result.facets_sampled == 1
    assert [(f.key, f.count) for f in result.facets["rating"]] == [(library["ash"].rating, 1)]
    assert library["ash"].rating != library["dragon"].rating


def test_synonyms_and_meta_tags_find_works(backend, committed, wrangler, user) -> None:
    from scriptorium.tags.wrangling import tag_make_canonical, tag_make_synonym, tag_meta_add

    with committed():
        work = make_work(creator=user, fandoms=("Avengers Movies",))
        canon = Tag.objects.create(name="The Avengers", type="fandom")
        universe = Tag.objects.create(name="Marvel Universe", type="fandom")
        tag_make_canonical(actor=wrangler, tag=canon)
        tag_make_canonical(actor=wrangler, tag=universe)
        tag_make_synonym(actor=wrangler, tag=Tag.objects.get(name="Avengers Movies"), target=canon)
        tag_meta_add(actor=wrangler, tag=canon, meta=universe)
    for name in ("The Avengers", "Marvel Universe"):
        assert ids(backend.search(WorkQuery(include_tags=(tag_id(name),)))) == [work.pk], name
    assert ids(backend.search(WorkQuery(exclude_tags=(tag_id("Marvel Universe"),)))) == []


@pytest.mark.parametrize("sort", list(Sort))
def test_both_page_shapes_give_the_same_pages(backend, library, sort) -> None:
    """A page read by walking the sort's index equals the one read by sorting the matches."""
    queries = [
        WorkQuery(sort=sort, per_page=2, page=2),
        WorkQuery(sort=sort, include_tags=(tag_id("Fable"),), exclude_tags=(tag_id("Tides"),), descending=False),
        WorkQuery(sort=sort, include_tags=(tag_id("Fable"), tag_id("Ember")), include_restricted=True),
        WorkQuery(sort=sort, ratings=(GENERAL, TEEN, EXPLICIT), exclude_user_ids=(library["ash"].pk,)),
    ]
    for query in queries:
        results = {}
        for plan in ("scan", "driver"):
            backend.plan = plan
            results[plan] = backend.search(query)
        assert results["scan"].work_ids == results["driver"].work_ids, query
        assert results["scan"].total == results["driver"].total


def test_large_counts_with_per_work_tests_stop_at_the_limit(backend, library) -> None:
    backend.count_exact_limit = 2
    capped = backend.search(WorkQuery(exclude_tags=(tag_id("Tides"),), include_restricted=True, per_page=1))
    assert capped.total == 2 and not capped.total_exact
    # One tag, or the whole archive, is a single index range: counted exactly whatever its size.
    fable = backend.search(WorkQuery(include_tags=(tag_id("Fable"),)))
    assert fable.total == 3 and fable.total_exact
    assert backend.search(WorkQuery()).total == 4
