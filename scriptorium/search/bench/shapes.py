"""What one benchmark work looks like: AO3-like proportions and the random draws that give them.

See ``corpus`` for the whole archive. Every share here is an estimate of AO3's, good enough for a benchmark.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scriptorium.search.bench import words as vocab
from scriptorium.search.bench.graph import TagGraph, Zipf
from scriptorium.search.bench.inserts import adapt_date, adapt_datetime
from scriptorium.tags.models import TagType
from scriptorium.tags.vocabulary import (
    CHOSE_NOT_TO_WARN,
    EXPLICIT,
    GENERAL,
    MAJOR_CHARACTER_DEATH,
    MATURE,
    NO_WARNINGS_APPLY,
    NOT_RATED,
    RAPE_NONCON,
    TEEN,
    UNDERAGE,
    VIOLENCE,
)

if TYPE_CHECKING:
    from scriptorium.search.bench.corpus import CorpusOptions

RATING_SHARES = {GENERAL: 0.25, TEEN: 0.30, MATURE: 0.15, EXPLICIT: 0.20, NOT_RATED: 0.10}
#: The first warning of a work; a work with a substantive one gets a second substantive one 12 % of the time.
WARNING_SHARES = {
    NO_WARNINGS_APPLY: 0.45,
    CHOSE_NOT_TO_WARN: 0.33,
    VIOLENCE: 0.14,
    MAJOR_CHARACTER_DEATH: 0.05,
    RAPE_NONCON: 0.02,
    UNDERAGE: 0.01,
}
#: Each category independently (a work may have none or several).
CATEGORY_SHARES = {"M/M": 0.42, "F/M": 0.24, "Gen": 0.26, "F/F": 0.08, "Multi": 0.06, "Other": 0.04}
LANGUAGE_SHARES = {"en": 0.90, "zh": 0.025, "es": 0.02, "ru": 0.015, "fr": 0.012, "de": 0.01, "pt-BR": 0.008,
                   "ja": 0.005, "it": 0.003, "pl": 0.002}  # fmt: skip
SINGLE_CHAPTER_SHARE = 0.65
FIRST_DAY = datetime.date(2019, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)
PLACEHOLDER_TEXT = "<p>Benchmark work: metadata only, no chapter text.</p>"
IMPORT_FORMAT = "bench"  # marks generated works (Work.import_format)


def weighted(shares: dict[str, float]) -> tuple[list[str], list[float]]:
    keys = list(shares)
    total = 0.0
    cumulative = []
    for key in keys:
        total += shares[key]
        cumulative.append(total)
    return keys, cumulative


class Draws:
    """The random choices of one corpus (metadata stream)."""

    def __init__(self, rng: random.Random, options: CorpusOptions) -> None:
        self.rng = rng
        self.ratings = weighted(RATING_SHARES)
        self.warnings = weighted(WARNING_SHARES)
        self.languages = weighted(LANGUAGE_SHARES)
        upper = max(2, options.chapters_max)
        self.chapter_zipf = Zipf(list(range(2, upper + 1)), exponent=1.6) if upper >= 2 else None
        # Mean of chapters^0.6, to make the average word count come out at text_words.
        weights = [(c - 1) ** -1.6 for c in range(2, upper + 1)]  # Zipf over 2..upper, by rank
        spread = sum(w * c**0.6 for w, c in zip(weights, range(2, upper + 1), strict=True)) / sum(weights)
        mean_factor = SINGLE_CHAPTER_SHARE + (1 - SINGLE_CHAPTER_SHARE) * spread
        self.words_mu = math.log(options.text_words / mean_factor) - 0.5

    def pick(self, table: tuple[list[str], list[float]]) -> str:
        keys, cumulative = table
        roll = self.rng.random() * cumulative[-1]
        for key, edge in zip(keys, cumulative, strict=True):
            if roll < edge:
                return key
        return keys[-1]

    def chapters(self, chapters_max: int) -> int:
        if chapters_max <= 1 or self.rng.random() < SINGLE_CHAPTER_SHARE:
            return 1
        return self.chapter_zipf.draw(self.rng)

    def word_count(self, chapters: int) -> int:
        words = math.exp(self.rng.gauss(self.words_mu, 1.0)) * chapters**0.6
        return max(20 * chapters, min(int(words), 400_000))

    def count(self, weights: tuple[int, ...]) -> int:
        return self.rng.choices(range(len(weights)), weights=weights)[0]


def work_tags(draws: Draws, graph: TagGraph, fixed: dict[str, int]) -> list[int]:
    """A work's tags in the order the posting form keeps: warnings, categories, fandoms, relationships,
    characters, additional tags."""
    rng = draws.rng
    first = draws.pick(draws.warnings)
    warnings = [first]
    if first in (VIOLENCE, MAJOR_CHARACTER_DEATH, RAPE_NONCON, UNDERAGE) and rng.random() < 0.12:
        warnings.append(rng.choice((VIOLENCE, MAJOR_CHARACTER_DEATH, RAPE_NONCON, UNDERAGE)))
    categories = [c for c, share in CATEGORY_SHARES.items() if rng.random() < share]
    fandoms = [graph.by_type[TagType.FANDOM].draw(rng) for _ in range(draws.count((0, 86, 10, 3, 1)))]
    homes = [graph.filters[f][0] for f in fandoms]
    relationships, characters = [], []
    for _ in range(draws.count((30, 40, 18, 8, 4))):
        pool = graph.relationships_of.get(rng.choice(homes)) or graph.by_type[TagType.RELATIONSHIP]
        relationships.append(pool.draw(rng))
    for _ in range(draws.count((3, 12, 20, 20, 15, 10, 8, 6, 6))):
        pool = graph.characters_of.get(rng.choice(homes)) or graph.by_type[TagType.CHARACTER]
        characters.append(pool.draw(rng))
    additional = [graph.by_type[TagType.ADDITIONAL].draw(rng) for _ in range(min(20, int(rng.expovariate(0.2))))]
    ids = [fixed[w] for w in warnings] + [fixed[c] for c in categories]
    return list(dict.fromkeys(ids + fandoms + relationships + characters + additional))


@dataclass
class Batch:
    works: list[tuple] = field(default_factory=list)
    chapters: list[tuple] = field(default_factory=list)
    creatorships: list[tuple] = field(default_factory=list)
    taggings: list[tuple] = field(default_factory=list)
    filters: list[tuple] = field(default_factory=list)
    words: int = 0


def one_work(
    work_id: int,
    rows: Batch,
    draws: Draws,
    graph: TagGraph,
    fixed: dict[str, int],
    creators: Zipf,
    pseuds_of: list[list[int]],
    options: CorpusOptions,
    text_rng: random.Random,
) -> None:
    rng = draws.rng
    chapters = draws.chapters(options.chapters_max)
    words = draws.word_count(chapters)
    complete = rng.random() < (0.96 if chapters == 1 else 0.55)
    expected = chapters if complete else (None if rng.random() < 0.5 else chapters + rng.randint(1, 10))
    span = (LAST_DAY - FIRST_DAY).days
    published = FIRST_DAY + datetime.timedelta(days=int(span * math.sqrt(rng.random())))
    revised = published
    if chapters > 1:
        revised = min(LAST_DAY, published + datetime.timedelta(days=int(rng.random() ** 2 * 30 * chapters)))
    hits = int(math.exp(rng.gauss(6.3, 1.4)))
    kudos = int(hits * rng.uniform(0.02, 0.12))
    bookmarks = int(kudos * rng.uniform(0.05, 0.25))
    comments = int(kudos * rng.uniform(0.03, 0.2) * math.sqrt(chapters))
    title = vocab.sentence_text(rng, rng.randint(1, 6))[:-1].title()
    summary = f"<p>{vocab.sentence_text(rng, rng.randint(15, 60))}</p>"
    posted = rng.random() >= 0.01
    stamp = adapt_datetime(datetime.datetime.combine(published, datetime.time(12), tzinfo=datetime.UTC))
    tags = work_tags(draws, graph, fixed)
    pseud_list = pseuds_of[creators.draw(rng)]
    pseuds = [pseud_list[0] if len(pseud_list) == 1 or rng.random() < 0.85 else pseud_list[1]]
    if rng.random() < 0.03:
        other = pseuds_of[creators.draw(rng)][0]
        if other not in pseuds:
            pseuds.append(other)
    rating = draws.pick(draws.ratings)
    language = draws.pick(draws.languages)
    restricted = rng.random() < 0.07

    published_db, revised_db = adapt_date(published if posted else None), adapt_date(revised if posted else None)
    if options.with_text:
        _chapters_with_text(work_id, chapters, words, published_db, rows, text_rng)
    else:
        rows.chapters.append((work_id, 1, "", PLACEHOLDER_TEXT, 0, published_db))
    rows.words += words if options.with_text else 0
    rows.works.append((
        work_id, title, summary, language, rating, restricted, posted, complete, expected,
        published_db, revised_db, adapt_date(revised if posted and complete else None), words, chapters,
        IMPORT_FORMAT, stamp, stamp, kudos, hits, comments, bookmarks,
    ))  # fmt: skip
    rows.creatorships.extend((work_id, p, i) for i, p in enumerate(pseuds))
    rows.taggings.extend((work_id, t, i) for i, t in enumerate(tags))
    found: dict[int, None] = {}
    for tag_id in tags:
        found.update(dict.fromkeys(graph.filters[tag_id]))
    rows.filters.extend((work_id, t) for t in found)


def _chapters_with_text(
    work_id: int, chapters: int, words: int, published: object, rows: Batch, rng: random.Random
) -> None:
    """Chapter rows with ``words`` Zipf-drawn words, of which one is sometimes a planted rare word and three a
    planted phrase (they replace drawn words, so the count stays what the metadata says)."""
    drawn = vocab.draw_words(rng, words)
    if rng.random() < vocab.RARE_WORD_SHARE:
        drawn[rng.randrange(len(drawn))] = rng.choice(vocab.rare_words())
    if rng.random() < vocab.PHRASE_SHARE:
        at = rng.randrange(len(drawn) - 2)
        drawn[at : at + 3] = list(rng.choice(vocab.phrases()))
    cuts = sorted(rng.sample(range(1, len(drawn)), chapters - 1)) if chapters > 1 else []
    edges = [0, *cuts, len(drawn)]
    for position in range(1, chapters + 1):
        part = drawn[edges[position - 1] : edges[position]]
        title = vocab.sentence_text(rng, rng.randint(1, 4))[:-1] if rng.random() < 0.3 else ""
        rows.chapters.append((work_id, position, title, vocab.paragraphs_html(part, rng), len(part), published))
