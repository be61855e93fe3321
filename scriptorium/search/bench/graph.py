"""The benchmark corpus's tag graph: free tags with power-law popularity, wrangled as on AO3.

Tags of each free type are made in order of popularity (rank 1 first); a work picks them by Zipf's law over
that order. About 62 % are canonical, 23 % synonyms of a more popular canonical tag of the same type and 15 %
unwrangled. Some canonical tags get a meta tag (a more popular canonical tag of the same type, so no cycles;
chains arise when the meta tag has one too). Every character and relationship belongs to a home fandom (drawn
by popularity), and canonical ones get it as a parent (relationships also two characters of that fandom).
The filter tags of each tag (its canonical tag and that tag's meta tags, transitively) are computed here, so
the generator writes ``WorkFilter`` rows without asking the database.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass, field

from scriptorium.search.bench.words import CONTENT_WORDS, vocabulary
from scriptorium.tags.models import TagType

TYPE_SHARES = {
    TagType.FANDOM: 0.06,
    TagType.CHARACTER: 0.32,
    TagType.RELATIONSHIP: 0.27,
    TagType.ADDITIONAL: 0.35,
}
CANONICAL_SHARE = 0.62
SYNONYM_SHARE = 0.23  # the rest (15 %) stay unwrangled
META_SHARE = {TagType.FANDOM: 0.15, TagType.CHARACTER: 0.03, TagType.RELATIONSHIP: 0.02, TagType.ADDITIONAL: 0.10}
_MEDIA = ("(TV)", "(Movies)", "(Video Game)", "(Comics)", "(Anime)", "- All Media Types", "(Books)", "(Podcast)")


class Zipf:
    """Draws from ``items`` (most popular first) with weight 1 / rank^exponent."""

    def __init__(self, items: list[int], exponent: float = 1.0) -> None:
        self.items = items
        self.cumulative = list(itertools.accumulate(1.0 / (r**exponent) for r in range(1, len(items) + 1)))
        self.total = self.cumulative[-1] if items else 0.0

    def __bool__(self) -> bool:
        return bool(self.items)

    def draw(self, rng: random.Random) -> int:
        return self.items[bisect.bisect_left(self.cumulative, rng.random() * self.total)]


@dataclass
class TagGraph:
    rows: list[tuple[int, str, str, bool, int | None]] = field(
        default_factory=list
    )  # id, name, type, canonical, merger
    parents: list[tuple[int, int]] = field(default_factory=list)  # child, parent
    metas: list[tuple[int, int]] = field(default_factory=list)  # sub, meta
    by_type: dict[str, Zipf] = field(default_factory=dict)
    #: filter fandom id -> characters / relationships at home there, most popular first
    characters_of: dict[int, Zipf] = field(default_factory=dict)
    relationships_of: dict[int, Zipf] = field(default_factory=dict)
    #: tag id -> the tags a work carrying it is found under
    filters: dict[int, tuple[int, ...]] = field(default_factory=dict)
    canonical_ids: dict[str, list[int]] = field(default_factory=dict)


class _Names:
    def __init__(self, taken: set[str], rng: random.Random) -> None:
        self.taken = taken
        self.rng = rng
        self.words = vocabulary()[len(CONTENT_WORDS) :]

    def unique(self, name: str) -> str:
        candidate, n = name, 1
        while candidate.casefold() in self.taken:
            n += 1
            candidate = f"{name} ({n})"
        self.taken.add(candidate.casefold())
        return candidate

    def made_up(self) -> str:
        return self.rng.choice(self.words).capitalize()

    def fandom(self) -> str:
        return f"{self.made_up()} {self.made_up()} {self.rng.choice(_MEDIA)}"

    def character(self) -> str:
        return f"{self.made_up()} {self.made_up()}"

    def additional(self) -> str:
        count = self.rng.choice((1, 2, 2, 3))
        return " ".join(self.rng.choice(CONTENT_WORDS).capitalize() for _ in range(count))


def _popular_pick(rng: random.Random, candidates: list[int]) -> int:
    """A candidate biased towards the front (the popular end)."""
    return candidates[int(len(candidates) * rng.random() ** 2)]


def build_graph(*, total_tags: int, first_id: int, rng: random.Random, taken_names: set[str]) -> TagGraph:
    graph = TagGraph()
    names = _Names(taken_names, rng)
    next_id = itertools.count(first_id)
    counts = {t: max(4, round(total_tags * share)) for t, share in TYPE_SHARES.items()}
    merger: dict[int, int | None] = {}
    meta_of: dict[int, list[int]] = {}
    home: dict[int, int] = {}  # character/relationship -> filter fandom id
    name_of: dict[int, str] = {}
    canonical_set: set[int] = set()

    for tag_type in (TagType.FANDOM, TagType.CHARACTER, TagType.RELATIONSHIP, TagType.ADDITIONAL):
        ranked: list[int] = []
        canonical: list[int] = []
        fandoms = graph.by_type.get(TagType.FANDOM)
        for rank in range(counts[tag_type]):
            tag_id = next(next_id)
            roll = rng.random()
            is_canonical = rank < 5 or roll < CANONICAL_SHARE
            target = None
            if not is_canonical and roll < CANONICAL_SHARE + SYNONYM_SHARE and canonical:
                target = _popular_pick(rng, canonical)
            if tag_type == TagType.FANDOM:
                name = names.fandom()
            elif tag_type == TagType.CHARACTER:
                name = names.character()
            elif tag_type == TagType.RELATIONSHIP:
                name = None  # named below, from its characters
            else:
                name = names.additional()
            if tag_type in (TagType.CHARACTER, TagType.RELATIONSHIP):
                fandom = fandoms.draw(rng)
                home[tag_id] = home[target] if target else merger[fandom] or fandom
            if tag_type == TagType.RELATIONSHIP:
                pool = graph.characters_of.get(home[tag_id])
                pair = [pool.draw(rng), pool.draw(rng)] if pool else []
                if len(set(pair)) == 2:
                    separator = "/" if rng.random() < 0.8 else " & "
                    name = separator.join(name_of[c] for c in pair)
                else:
                    name = f"{names.character()}/{names.character()}"
                if is_canonical:
                    graph.parents.extend((tag_id, c) for c in set(pair) if c in canonical_set)
            name = names.unique(name)
            name_of[tag_id] = name
            merger[tag_id] = target
            graph.rows.append((tag_id, name, tag_type, is_canonical, target))
            ranked.append(tag_id)
            if is_canonical:
                if rank >= 10 and rng.random() < META_SHARE[tag_type]:
                    meta = _popular_pick(rng, canonical[: max(1, len(canonical) // 2)])
                    meta_of[tag_id] = [meta]
                    graph.metas.append((tag_id, meta))
                canonical.append(tag_id)
                canonical_set.add(tag_id)
                if tag_type in (TagType.CHARACTER, TagType.RELATIONSHIP) and home[tag_id] in canonical_set:
                    graph.parents.append((tag_id, home[tag_id]))
            if tag_type == TagType.CHARACTER:
                graph.characters_of.setdefault(home[tag_id], Zipf([])).items.append(tag_id)
            elif tag_type == TagType.RELATIONSHIP:
                graph.relationships_of.setdefault(home[tag_id], Zipf([])).items.append(tag_id)
        graph.by_type[tag_type] = Zipf(ranked)
        graph.canonical_ids[tag_type] = canonical
        if tag_type == TagType.CHARACTER:
            graph.characters_of = {k: Zipf(v.items) for k, v in graph.characters_of.items()}
    graph.relationships_of = {k: Zipf(v.items) for k, v in graph.relationships_of.items()}
    graph.parents = sorted(set(graph.parents))

    closure: dict[int, tuple[int, ...]] = {}

    def closed(tag_id: int) -> tuple[int, ...]:
        if tag_id not in closure:
            found = [tag_id]
            for meta in meta_of.get(tag_id, ()):
                found.extend(t for t in closed(meta) if t not in found)
            closure[tag_id] = tuple(found)
        return closure[tag_id]

    for tag_id, *_ in graph.rows:
        graph.filters[tag_id] = closed(merger[tag_id] or tag_id)
    return graph
