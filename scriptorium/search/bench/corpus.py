"""``scriptorium bench corpus``: an AO3-shaped synthetic archive, the same for the same seed, written fast.

What it writes (proportions are estimates of AO3's, good enough for a benchmark):

- about works/10 free tags (see ``graph``) plus the fixed ratings, warnings and categories;
- works/4 accounts, each with its default pseud (8 % have a second one); works go to accounts by a power law
  (weight 1 / rank^0.6), 3 % of works have a second creator;
- works: ratings General 25 %, Teen 30 %, Mature 15 %, Explicit 20 %, Not Rated 10 %; archive warnings and
  categories as ``shapes.WARNING_SHARES`` / ``CATEGORY_SHARES``; 90 % English; 1 chapter for 65 % of works, otherwise
  2–``chapters_max`` by a power law; word counts log-normal (σ = 1) growing with the chapter count and averaging
  ``text_words``; published over 2019–2025; heavy-tailed hits, kudos, bookmarks, comments; 1 % drafts, 7 %
  restricted; each work found under the filter tags its tags call for (``WorkFilter`` rows written directly).
- chapters: with text, one row per chapter holding Zipf-drawn words (``words``) and the planted rare words and
  phrases; metadata only (``with_text=False``), ONE placeholder chapter row per work (the schema and the pages
  expect a first chapter) with a fixed sentence and a word count of 0, while ``Work.chapter_count`` and
  ``Work.word_count`` keep the drawn figures.

Metadata and text come from two random streams, so a metadata-only corpus has the same works, tags and creators
as the full-text corpus of the same seed and size.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from django.db import connection, transaction

from scriptorium.accounts.models import Pseud, User
from scriptorium.core.progress import Meter
from scriptorium.search.bench import words as vocab
from scriptorium.search.bench.graph import Zipf, build_graph
from scriptorium.search.bench.inserts import TableWriter, adapt_datetime, analyze, reset_sequences
from scriptorium.search.bench.shapes import Batch, Draws, one_work
from scriptorium.tags.models import MetaTagging, Tag, TagParent, TagType, WorkFilter
from scriptorium.tags.vocabulary import CATEGORIES
from scriptorium.works.models import Chapter, Creatorship, Tagging, Work


class CorpusRefused(Exception):
    """The database is not an empty scratch database; the message says what to do."""


@dataclass(frozen=True)
class CorpusOptions:
    works: int
    seed: int = 1
    text_words: int = 2000  # average words per work
    with_text: bool = True  # False: metadata only (one placeholder chapter per work)
    chapters_max: int = 100
    build_index: bool = True


@dataclass
class CorpusReport:
    works: int = 0
    tags: int = 0
    users: int = 0
    chapters: int = 0
    taggings: int = 0
    filters: int = 0
    words: int = 0
    seconds: float = 0.0
    index_backend: str = ""
    index_works: int = 0
    index_seconds: float = 0.0
    #: CPU time of this process during the build (all of it on SQLite; the client's share on PostgreSQL)
    index_cpu_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.works / self.seconds if self.seconds else 0.0

    @property
    def index_rate(self) -> float:
        return self.index_works / self.index_seconds if self.index_seconds else 0.0


def _fixed_tags() -> dict[str, int]:
    from scriptorium.tags.vocabulary import WARNINGS

    found = dict(Tag.objects.filter(type__in=(TagType.WARNING, TagType.CATEGORY)).values_list("name", "pk"))
    for tag_type, names in ((TagType.WARNING, WARNINGS), (TagType.CATEGORY, CATEGORIES)):
        for name in names:
            if name not in found:
                found[name] = Tag.objects.create(name=name, type=tag_type, canonical=True).pk
    return found


def _next_id(model: type) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def check_empty(*, force: bool) -> None:
    count = Work.objects.count()
    if count and not force:
        raise CorpusRefused(
            f"The database already holds {count:,} work{'s' if count != 1 else ''}. "
            "bench corpus fills an empty scratch database: point "
            "DATABASE_URL at a new one and run `scriptorium migrate`, or pass --force to add to this one."
        )


def corpus_generate(
    *, options: CorpusOptions, out: TextIO, force: bool = False, batch: int | None = None
) -> CorpusReport:
    """Write the corpus (one transaction per batch of works), then rebuild the search index and time it."""
    if options.works < 1:
        raise CorpusRefused("--works must be at least 1.")
    check_empty(force=force)
    report = CorpusReport()
    started = time.perf_counter()
    rng = random.Random(options.seed)
    text_rng = random.Random(options.seed * 1_000_003 + 17)
    draws = Draws(rng, options)
    if connection.vendor == "sqlite" and not connection.in_atomic_block:  # a loader's settings, for this run
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")

    with transaction.atomic():
        fixed = _fixed_tags()
        taken = {n.casefold() for n in Tag.objects.values_list("name", flat=True)}
        graph = build_graph(total_tags=max(40, options.works // 10), first_id=_next_id(Tag), rng=rng, taken_names=taken)
        now = adapt_datetime(datetime.datetime.now(datetime.UTC))
        TableWriter(Tag, ["id", "name", "type", "canonical", "merger", "created_at"]).write(
            [(*row, now) for row in graph.rows]
        )
        TableWriter(TagParent, ["child", "parent"]).write(graph.parents)
        TableWriter(MetaTagging, ["sub", "meta"]).write(graph.metas)
        pseuds_of = _creators(rng, max(10, options.works // 4), report)
    for tag_id in fixed.values():
        graph.filters[tag_id] = (tag_id,)
    report.tags = len(graph.rows)
    out.write(
        f"{report.tags:,} tags ({len(graph.metas):,} meta links, {len(graph.parents):,} parent links) and "
        f"{report.users:,} accounts written in {time.perf_counter() - started:.1f} s.\n"
    )

    creators = Zipf(list(range(len(pseuds_of))), exponent=0.6)
    size = batch or (2000 if options.with_text else 10_000)
    first_work = _next_id(Work)
    meter = Meter(options.works, out, unit="works")
    writers = _work_writers()
    for start in range(0, options.works, size):
        count = min(size, options.works - start)
        rows = Batch()
        for offset in range(count):
            one_work(first_work + start + offset, rows, draws, graph, fixed, creators, pseuds_of, options, text_rng)
        with transaction.atomic():
            for name, writer in writers.items():
                writer.write(getattr(rows, name))
        report.chapters += len(rows.chapters)
        report.taggings += len(rows.taggings)
        report.filters += len(rows.filters)
        report.words += rows.words
        meter.update(start + count)
    report.works = options.works
    if connection.vendor == "postgresql":
        reset_sequences([Tag, User, Pseud, Work])
    analyze()
    report.seconds = time.perf_counter() - started
    meter.finish(f"{report.works:,} works written in {report.seconds:.1f} s ({report.rate:,.0f} works/s).")
    if options.build_index:
        index_build(report, out)
    return report


def _creators(rng: random.Random, users: int, report: CorpusReport) -> list[list[int]]:
    """Accounts with their pseuds; returns each account's pseud ids (default first)."""
    taken_users = {n.casefold() for n in User.objects.values_list("username", flat=True)}
    taken_pseuds = {n.casefold() for n in Pseud.objects.values_list("name", flat=True)}
    made_up = vocab.vocabulary()[len(vocab.FUNCTION_WORDS) + len(vocab.CONTENT_WORDS) :]
    user_id, pseud_id = _next_id(User), _next_id(Pseud)
    now = adapt_datetime(datetime.datetime.now(datetime.UTC))
    user_rows, pseud_rows, pseuds_of = [], [], []
    for n in range(users):
        name = f"{rng.choice(made_up)}{n}"
        while name.casefold() in taken_users or name.casefold() in taken_pseuds:
            name += "x"
        taken_users.add(name.casefold())
        taken_pseuds.add(name.casefold())
        user_rows.append((user_id, "!", name, now))
        pseud_rows.append((pseud_id, user_id, name, True, now))
        mine = [pseud_id]
        pseud_id += 1
        if rng.random() < 0.08:
            second = f"{rng.choice(made_up).capitalize()} {rng.choice(made_up).capitalize()}"
            while second.casefold() in taken_pseuds:
                second += "x"
            taken_pseuds.add(second.casefold())
            pseud_rows.append((pseud_id, user_id, second, False, now))
            mine.append(pseud_id)
            pseud_id += 1
        pseuds_of.append(mine)
        user_id += 1
    TableWriter(User, ["id", "password", "username", "date_joined"]).write(user_rows)
    TableWriter(Pseud, ["id", "user", "name", "is_default", "created_at"]).write(pseud_rows)
    report.users = users
    return pseuds_of


WORK_FIELDS = [
    "id", "title", "summary", "language", "rating", "restricted", "posted", "complete", "expected_chapters",
    "published_on", "revised_on", "completed_on", "word_count", "chapter_count", "import_format", "created_at",
    "modified_at", "kudos_count", "hits_count", "comments_count", "bookmarks_count",
]  # fmt: skip


def _work_writers() -> dict[str, TableWriter]:
    return {
        "works": TableWriter(Work, WORK_FIELDS),
        "chapters": TableWriter(Chapter, ["work", "position", "title", "text", "word_count", "published_on"]),
        "creatorships": TableWriter(Creatorship, ["work", "pseud", "position"]),
        "taggings": TableWriter(Tagging, ["work", "tag", "position"]),
        "filters": TableWriter(WorkFilter, ["work", "tag"]),
    }


def index_build(report: CorpusReport, out: TextIO) -> None:
    """Rebuild the configured backend's index, timed (into ``report``)."""
    try:
        from scriptorium.search.backends import get_search_backend

        backend = get_search_backend()
    except ImportError as error:
        report.notes.append(f"Search index not built: the configured backend cannot be loaded ({error}).")
        out.write(report.notes[-1] + "\n")
        return
    meter = Meter(report.works, out, unit="works indexed")
    progress: Callable[[int, int], None] = lambda done, total: meter.update(done, total)  # noqa: E731
    started, cpu_started = time.perf_counter(), time.process_time()
    report.index_works = backend.rebuild(progress=progress)
    report.index_seconds = time.perf_counter() - started
    report.index_cpu_seconds = time.process_time() - cpu_started
    report.index_backend = backend.name
    meter.finish(
        f"Search index ({backend.name}) built: {report.index_works:,} works in {report.index_seconds:.1f} s "
        f"({report.index_rate:,.0f} works/s; this process used {report.index_cpu_seconds:.1f} s of CPU)."
    )
