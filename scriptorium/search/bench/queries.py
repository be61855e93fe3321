"""The fixed query mix of ``scriptorium bench search``, drawn from the corpus the same way for the same seed.

Query types (each run ``iterations`` times, cycling through that many drawn queries):

============  ==========================================================================================
tag           one popular tag (top 10 canonical tags of a free type, by works in a sample), sorted by date
              updated, as a tag's works page
tag_exclude   a popular fandom or additional tag, minus a popular tag of another type
complex       three tags of one sample work (its most popular), minus two popular additional tags it lacks,
              its rating and one more, a word range around its length, sorted by kudos (at least 1 hit)
facets        one popular tag with every facet counted (ratings, warnings, categories, fandoms, relationships,
              characters, additional tags, languages): the backend's share of the search page
word_common   one of the 12 most frequent content words of the vocabulary, best match first
word_rare     one of the 24 planted rare words (each in ~0.2 % of works)
phrase        one of the 12 planted three-word phrases, quoted (each in ~1 % of works)
text_filters  a frequent content word (ranks 10–40) + a popular fandom + two ratings, complete works only
page          the HTML page ``/works/search`` as a guest: include a popular tag, exclude a mid tag, sort by
              kudos (with a common word as ``q`` every other time when the corpus has text); the page counts
              and facets as it always does
============  ==========================================================================================

Popularity is measured on the first 20,000 posted works (by id), so drawing the mix stays quick at 1,000,000.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.db.models import Max, Min

from scriptorium.search.bench import words as vocab
from scriptorium.search.query import FACET_TYPES, Sort, WorkQuery
from scriptorium.tags.models import Tag, TagType, WorkFilter
from scriptorium.tags.vocabulary import RATINGS
from scriptorium.works.models import Chapter, Work

FILTER_TYPES = ("tag", "tag_exclude", "complex", "facets")
TEXT_TYPES = ("word_common", "word_rare", "phrase", "text_filters")
QUERY_TYPES = (*FILTER_TYPES, *TEXT_TYPES, "page")
#: p95 targets of issue 5 (ms): filter-only at 1,000,000 works, text at 100,000 works with text, the page.
TARGET_P95_MS = {**dict.fromkeys(FILTER_TYPES, 50.0), **dict.fromkeys(TEXT_TYPES, 150.0), "page": 200.0}
SAMPLE_WORKS = 20_000
FREE = (TagType.FANDOM, TagType.CHARACTER, TagType.RELATIONSHIP, TagType.ADDITIONAL)


@dataclass
class CorpusFacts:
    works: int
    has_text: bool
    names: dict[int, str] = field(default_factory=dict)
    popular: dict[str, list[int]] = field(default_factory=dict)  # type -> top 10 canonical tags
    mid: dict[str, list[int]] = field(default_factory=dict)  # type -> ranks 30–150
    counts: dict[int, int] = field(default_factory=dict)
    #: (filter tag ids, rating, word count) of sample works that are posted, unrestricted, with 3+ free tags
    samples: list[tuple[frozenset[int], str, int]] = field(default_factory=list)


def corpus_facts() -> CorpusFacts:
    """What the mix is drawn from: tag popularity and a few sample works (a handful of queries)."""
    works = Work.objects.count()
    has_text = Chapter.objects.filter(word_count__gt=0).exists()
    facts = CorpusFacts(works=works, has_text=has_text)
    listed = Work.objects.filter(posted=True, restricted=False)
    first = listed.aggregate(lo=Min("pk"))["lo"]
    if first is None:
        return facts
    last = listed.order_by("pk").values_list("pk", flat=True)[SAMPLE_WORKS - 1 : SAMPLE_WORKS].first()
    last = last or listed.aggregate(hi=Max("pk"))["hi"]
    by_work: dict[int, set[int]] = {}
    for work_id, tag_id in WorkFilter.objects.filter(work_id__gte=first, work_id__lte=last).values_list(
        "work_id", "tag_id"
    ):
        by_work.setdefault(work_id, set()).add(tag_id)
        facts.counts[tag_id] = facts.counts.get(tag_id, 0) + 1
    tags = Tag.objects.filter(pk__in=list(facts.counts), canonical=True, type__in=FREE).values_list(
        "pk", "type", "name"
    )
    ranked: dict[str, list[int]] = {}
    free: set[int] = set()
    for tag_id, tag_type, name in tags:
        facts.names[tag_id] = name
        ranked.setdefault(tag_type, []).append(tag_id)
        free.add(tag_id)
    for tag_type, ids in ranked.items():
        ids.sort(key=lambda t: (-facts.counts[t], t))
        facts.popular[tag_type] = ids[:10]
        facts.mid[tag_type] = ids[30:150] or ids[10:] or ids
    info = dict(listed.filter(pk__gte=first, pk__lte=last).values_list("pk", "rating"))
    words = dict(listed.filter(pk__gte=first, pk__lte=last).values_list("pk", "word_count"))
    for work_id in sorted(by_work):
        filters = by_work[work_id]
        if work_id in info and len(filters & free) >= 3:
            facts.samples.append((frozenset(filters), info[work_id], words[work_id]))
    return facts


def _flat(groups: dict[str, list[int]], types: tuple[str, ...]) -> list[int]:
    return [t for tag_type in types for t in groups.get(tag_type, [])]


def build_mix(facts: CorpusFacts, *, seed: int, count: int) -> dict[str, list[object]]:
    """``count`` queries per type: WorkQuery objects, and for ``page`` lists of URL parameters."""
    rng = random.Random(seed)
    popular = _flat(facts.popular, FREE)
    fandom_or_extra = _flat(facts.popular, (TagType.FANDOM, TagType.ADDITIONAL)) or popular
    fandoms = facts.popular.get(TagType.FANDOM) or popular
    extra = facts.popular.get(TagType.ADDITIONAL) or popular
    mid = _flat(facts.mid, FREE) or popular
    mix: dict[str, list[object]] = {name: [] for name in QUERY_TYPES}
    if not popular:
        return mix
    common = vocab.common_words(12)
    frequent = vocab.CONTENT_WORDS[10:40]
    for i in range(count):
        include = rng.choice(fandom_or_extra)
        exclude = rng.choice([t for t in popular if t != include] or popular)
        mix["tag"].append(WorkQuery(include_tags=(rng.choice(popular),), sort=Sort.UPDATED))
        mix["tag_exclude"].append(WorkQuery(include_tags=(include,), exclude_tags=(exclude,), sort=Sort.UPDATED))
        mix["complex"].append(_complex(facts, rng, popular, extra))
        mix["facets"].append(WorkQuery(include_tags=(rng.choice(popular),), sort=Sort.UPDATED, facets=FACET_TYPES))
        mix["word_common"].append(WorkQuery(text=rng.choice(common)))
        mix["word_rare"].append(WorkQuery(text=rng.choice(vocab.rare_words())))
        mix["phrase"].append(WorkQuery(text='"' + " ".join(rng.choice(vocab.phrases())) + '"'))
        mix["text_filters"].append(
            WorkQuery(
                text=rng.choice(frequent),
                include_tags=(rng.choice(fandoms),),
                ratings=tuple(rng.sample(RATINGS, 2)),
                complete=True,
            )
        )
        params = [
            ("include", facts.names[rng.choice(popular)]),
            ("exclude", facts.names[rng.choice(mid)]),
            ("sort", Sort.KUDOS.value),
        ]
        if facts.has_text and i % 2:
            params.insert(0, ("q", rng.choice(common)))
        mix["page"].append(params)
    return mix


def _complex(facts: CorpusFacts, rng: random.Random, popular: list[int], extra: list[int]) -> WorkQuery:
    if not facts.samples:
        return WorkQuery(include_tags=tuple(popular[:3]), exclude_tags=tuple(extra[-2:]), sort=Sort.KUDOS)
    filters, rating, words = rng.choice(facts.samples)
    mine = sorted((t for t in filters if t in facts.names), key=lambda t: (-facts.counts[t], t))
    include = tuple(mine[:3])
    exclude = tuple([t for t in extra if t not in filters][:2])
    ratings = (rating, rng.choice([r for r in RATINGS if r != rating]))
    return WorkQuery(
        include_tags=include,
        exclude_tags=exclude,
        ratings=ratings,
        words_min=words // 2,
        words_max=words * 3,
        sort=Sort.KUDOS,
    )
