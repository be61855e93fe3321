"""Sorting by kudos per hit: works with enough hits by their ratio, the rest after them in either direction."""

from __future__ import annotations

import pytest

from scriptorium.search.query import RATIO_MIN_HITS, Sort, WorkQuery
from scriptorium.tags.models import Tag
from scriptorium.works.models import Work
from tests.factories import make_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated(backend, committed, user):
    """Four works: two loved by many readers, one by few, one by nobody yet."""
    counters = {
        "gem": (90, 300),  # 0.30
        "fair": (20, 400),  # 0.05
        "few": (9, 10),  # 0.90, but only ten readers
        "new": (0, 0),
    }
    works = {}
    with committed():
        for name in counters:
            works[name] = make_work(creator=user, title=name.title(), fandoms=("Fable",))
    for name, (kudos, hits) in counters.items():
        Work.objects.filter(pk=works[name].pk).update(kudos_count=kudos, hits_count=hits)
    return {name: work.pk for name, work in works.items()}


def titles(result, rated) -> list[str]:
    names = {pk: name for name, pk in rated.items()}
    return [names[pk] for pk in result.work_ids]


@pytest.mark.parametrize("plan", ["auto", "scan", "driver"])
def test_the_best_ratio_first_and_works_with_few_hits_last(backend, rated, plan) -> None:
    backend.plan = plan
    assert RATIO_MIN_HITS > 10
    assert titles(backend.search(WorkQuery(sort=Sort.KUDOS_RATIO)), rated) == ["gem", "fair", "few", "new"]
    ascending = backend.search(WorkQuery(sort=Sort.KUDOS_RATIO, descending=False))
    assert titles(ascending, rated) == ["fair", "gem", "few", "new"]


@pytest.mark.parametrize("plan", ["auto", "scan", "driver"])
def test_within_a_tag_and_across_pages(backend, rated, plan) -> None:
    backend.plan = plan
    fable = Tag.objects.get(name="Fable").filter_tag_id
    pages = [
        backend.search(WorkQuery(sort=Sort.KUDOS_RATIO, include_tags=(fable,), per_page=3, page=page))
        for page in (1, 2)
    ]
    assert [titles(p, rated) for p in pages] == [["gem", "fair", "few"], ["new"]]
    assert {p.total for p in pages} == {4}
