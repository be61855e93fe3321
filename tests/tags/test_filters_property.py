"""Hypothesis: after any sequence of taggings and wrangling actions, the filter table kept up incrementally (inline
or by background tasks) is exactly the one ``scriptorium tags rebuild-filters`` computes from scratch."""

from __future__ import annotations

import os

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scriptorium.tags import wrangling
from scriptorium.tags.bulk import tags_bulk_wrangle
from scriptorium.tags.filters import work_filters_rebuild, work_filters_refresh
from scriptorium.tags.models import Tag, WorkFilter
from scriptorium.works.models import Tagging, Work

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

TAGS = [("C0", "character"), ("C1", "character"), ("C2", "character"),
        ("F0", "fandom"), ("F1", "fandom"), ("F2", "fandom")]  # fmt: skip
WORKS = 3

tag_index = st.integers(0, len(TAGS) - 1)
#: Two different tags of one type (synonyms and meta links only join tags of one type).
pair = st.sampled_from([(a + offset, b + offset) for offset in (0, 3) for a in range(3) for b in range(3) if a != b])
actions = st.one_of(
    st.tuples(st.just("tag"), st.integers(0, WORKS - 1), st.sets(tag_index, max_size=4)),
    st.tuples(st.just("canonical"), tag_index),
    st.builds(lambda p, move: ("synonym", *p, move), pair, st.booleans()),
    st.tuples(st.just("unwrangle"), tag_index),
    st.builds(lambda p: ("meta_add", *p), pair),
    st.builds(lambda p: ("meta_remove", *p), pair),
    st.tuples(st.just("parent_add"), st.integers(0, 2), st.integers(3, 5)),
    st.tuples(st.just("bulk"), st.sampled_from(["canonical", "synonym", "unwrangle"]), st.sets(tag_index), tag_index),
    st.tuples(st.just("delete_work"), st.integers(0, WORKS - 1)),
)


class _Rollback(Exception):
    pass


def _apply(action: tuple, tags: list[Tag], works: list[Work], actor) -> None:
    kind = action[0]
    if kind == "tag":  # what works.services does: replace the taggings, then refresh the work's filters
        work = works[action[1]]
        if not Work.objects.filter(pk=work.pk).exists():
            return
        Tagging.objects.filter(work=work).delete()
        Tagging.objects.bulk_create([Tagging(work=work, tag=tags[i]) for i in sorted(action[2])])
        work_filters_refresh(work_ids=[work.pk])
        return
    if kind == "delete_work":
        Work.objects.filter(pk=works[action[1]].pk).delete()
        return
    fresh = [Tag.objects.get(pk=t.pk) for t in tags]
    if kind == "canonical":
        wrangling.tag_make_canonical(actor=actor, tag=fresh[action[1]])
    elif kind == "synonym":
        wrangling.tag_make_synonym(actor=actor, tag=fresh[action[1]], target=fresh[action[2]], move_synonyms=action[3])
    elif kind == "unwrangle":
        wrangling.tag_unwrangle(actor=actor, tag=fresh[action[1]])
    elif kind == "meta_add":
        wrangling.tag_meta_add(actor=actor, tag=fresh[action[1]], meta=fresh[action[2]])
    elif kind == "meta_remove":
        wrangling.tag_meta_remove(actor=actor, tag=fresh[action[1]], meta=fresh[action[2]])
    elif kind == "parent_add":
        wrangling.tag_parent_add(actor=actor, tag=fresh[action[1]], parent=fresh[action[2]])
    elif kind == "bulk":
        target = fresh[action[3]] if action[1] == "synonym" else None
        tags_bulk_wrangle(actor=actor, tags=[fresh[i] for i in sorted(action[2])], action=action[1], target=target)


@settings(
    max_examples=int(os.environ.get("SCRIPTORIUM_HYPOTHESIS_EXAMPLES", "250")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    canonical=st.lists(st.sampled_from([True, True, False]), min_size=len(TAGS), max_size=len(TAGS)),
    structure=st.lists(
        st.one_of(st.builds(lambda p: ("synonym", *p, False), pair), st.builds(lambda p: ("meta_add", *p), pair)),
        max_size=6,
    ),
    tagged=st.lists(st.sets(tag_index, min_size=1, max_size=4), min_size=WORKS, max_size=WORKS),
    steps=st.lists(actions, min_size=1, max_size=24),
    inline_max=st.integers(0, 3),
)
def test_incremental_filters_equal_a_rebuild(
    canonical, structure, tagged, steps, inline_max, wrangler, django_capture_on_commit_callbacks
) -> None:
    try:
        with transaction.atomic(), override_settings(SCRIPTORIUM_TAG_FILTERS_INLINE_MAX=inline_max):
            tags = [Tag.objects.create(name=n, type=t, canonical=c) for (n, t), c in zip(TAGS, canonical, strict=True)]
            works = [Work.objects.create(title=f"W{i}", posted=True) for i in range(WORKS)]
            # A wrangled start (synonyms, meta links), then works tagged, then the sequence under test.
            for step in [*structure, *(("tag", i, indexes) for i, indexes in enumerate(tagged)), *steps]:
                try:
                    # Callbacks run when the block ends, as on a real commit: large changes go to the task.
                    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
                        _apply(step, tags, works, wrangler)
                except ValidationError:
                    pass
            incremental = set(WorkFilter.objects.values_list("work_id", "tag_id"))
            work_filters_rebuild()
            rebuilt = set(WorkFilter.objects.values_list("work_id", "tag_id"))
            assert incremental == rebuilt, steps
            raise _Rollback
    except _Rollback:
        pass
