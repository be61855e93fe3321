"""The search benchmark: the synthetic corpus (deterministic, AO3-shaped, filter table consistent with the tag
graph, refusing a database that holds works) and the query mix producing every query type. No timing asserted."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from scriptorium.accounts.models import Pseud, User
from scriptorium.search.bench import words as vocab
from scriptorium.search.bench.corpus import CorpusOptions, corpus_generate
from scriptorium.search.bench.queries import QUERY_TYPES, TEXT_TYPES
from scriptorium.search.bench.runner import run_search_bench
from scriptorium.search.bench.shapes import PLACEHOLDER_TEXT
from scriptorium.tags.filters import work_filters_rebuild
from scriptorium.tags.models import MetaTagging, Tag, TagParent, TagType, WorkFilter
from scriptorium.tags.vocabulary import EXPLICIT, GENERAL, MATURE, NOT_RATED, TEEN
from scriptorium.works.models import Chapter, Tagging, Work
from tests.factories import make_work

pytestmark = pytest.mark.django_db


def generate(works: int, *, seed: int = 1, text_words: int | None = 300, index: bool = False) -> None:
    """A corpus; ``text_words=None`` for metadata only (word counts averaging 300 too)."""
    options = CorpusOptions(
        works=works, seed=seed, text_words=text_words or 300, with_text=text_words is not None, build_index=index
    )
    corpus_generate(options=options, out=StringIO())


def snapshot() -> dict[str, object]:
    """The archive by names and values, without database ids."""
    names = dict(Tag.objects.values_list("pk", "name"))
    pseuds = dict(Pseud.objects.values_list("pk", "name"))
    tags: dict[int, list[str]] = {}
    for work_id, tag_id in Tagging.objects.order_by("work_id", "position").values_list("work_id", "tag_id"):
        tags.setdefault(work_id, []).append(names[tag_id])
    filters: dict[int, set[str]] = {}
    for work_id, tag_id in WorkFilter.objects.values_list("work_id", "tag_id"):
        filters.setdefault(work_id, set()).add(names[tag_id])
    chapters: dict[int, list[tuple]] = {}
    for row in Chapter.objects.order_by("work_id", "position").values_list("work_id", "position", "text"):
        chapters.setdefault(row[0], []).append(row[1:])
    fields = ("title", "summary", "rating", "language", "word_count", "chapter_count", "complete", "published_on",
              "revised_on", "kudos_count", "hits_count", "bookmarks_count", "comments_count", "restricted")  # fmt: skip
    works = [
        (*row[1:], tags.get(row[0]), filters.get(row[0]), chapters.get(row[0]),
         sorted(pseuds[p] for p in Work.objects.get(pk=row[0]).creators.values_list("pk", flat=True)))
        for row in Work.objects.order_by("pk").values_list("pk", *fields)
    ]  # fmt: skip
    graph = sorted(
        (t.name, t.type, t.canonical, names.get(t.merger_id), tuple(sorted(m.name for m in t.meta_tags.all())))
        for t in Tag.objects.filter(type__in=("fandom", "character", "relationship", "additional"))
    )
    return {"works": works, "tags": graph, "users": sorted(User.objects.values_list("username", flat=True))}


def wipe() -> None:
    Work.objects.all().delete()
    Tag.objects.filter(type__in=("fandom", "character", "relationship", "additional")).delete()
    User.objects.all().delete()


def test_the_same_seed_gives_the_same_archive_and_another_seed_another() -> None:
    generate(150, seed=7)
    first = snapshot()
    wipe()
    generate(150, seed=7)
    assert snapshot() == first
    wipe()
    generate(150, seed=8)
    assert snapshot()["works"] != first["works"]


def test_metadata_only_corpus_has_the_same_works_as_the_full_text_one() -> None:
    generate(100, seed=3, text_words=None)
    meta = snapshot()
    wipe()
    generate(100, seed=3, text_words=300)
    full = snapshot()
    strip = [w[:-2] + w[-1:] for w in meta["works"]]  # everything but the chapters
    assert strip == [w[:-2] + w[-1:] for w in full["works"]]
    assert meta["tags"] == full["tags"]


def test_a_small_corpus_has_ao3_like_proportions() -> None:
    corpus_generate(options=CorpusOptions(works=2000, with_text=False, build_index=False), out=StringIO())
    works = list(Work.objects.values("rating", "language", "chapter_count", "word_count", "kudos_count", "posted"))
    assert len(works) == 2000
    ratings = Counter(w["rating"] for w in works)
    for rating, share in ((GENERAL, 0.25), (TEEN, 0.30), (MATURE, 0.15), (EXPLICIT, 0.20), (NOT_RATED, 0.10)):
        assert abs(ratings[rating] / 2000 - share) < 0.04, (rating, ratings[rating])
    assert 0.86 < Counter(w["language"] for w in works)["en"] / 2000 < 0.94
    chapters = [w["chapter_count"] for w in works]
    assert 0.60 < chapters.count(1) / 2000 < 0.70
    assert max(chapters) > 20 and max(chapters) <= 100
    assert 1500 < statistics.mean(w["word_count"] for w in works) < 2600
    kudos = sorted(w["kudos_count"] for w in works)
    assert kudos[-1] > 20 * statistics.median(kudos)  # heavy tail
    assert 0.97 < sum(w["posted"] for w in works) / 2000 < 1.0

    free = Tag.objects.filter(type__in=("fandom", "character", "relationship", "additional"))
    assert 190 <= free.count() <= 210  # about works / 10
    assert free.filter(canonical=True).count() > free.filter(merger__isnull=False).count() > 0
    assert MetaTagging.objects.exists()
    character = Tag.objects.filter(type=TagType.CHARACTER, canonical=True).first()
    assert TagParent.objects.filter(child=character, parent__type=TagType.FANDOM).exists()
    by_tag = Counter(Tagging.objects.filter(tag__type=TagType.ADDITIONAL).values_list("tag_id", flat=True))
    top, *rest = sorted(by_tag.values(), reverse=True)
    assert top > 10 * statistics.median(rest)  # power-law popularity
    assert set(Chapter.objects.values_list("text", flat=True)) == {PLACEHOLDER_TEXT}
    assert Chapter.objects.count() == 2000


def test_chapter_text_matches_the_word_counts_and_holds_the_planted_words() -> None:
    generate(300, text_words=500)
    for work in Work.objects.prefetch_related("chapters")[:50]:
        chapters = list(work.chapters.all())
        assert len(chapters) == work.chapter_count
        assert sum(c.word_count for c in chapters) == work.word_count
    text = " ".join(Chapter.objects.values_list("text", flat=True))
    assert any(word in text for word in vocab.rare_words())
    assert any(" ".join(phrase) in text for phrase in vocab.phrases())


def test_filter_rows_are_what_the_full_rebuild_computes() -> None:
    generate(500, text_words=None)
    before = set(WorkFilter.objects.values_list("work_id", "tag_id"))
    result = work_filters_rebuild()
    assert (result.added, result.removed) == (0, 0)
    assert set(WorkFilter.objects.values_list("work_id", "tag_id")) == before
    synonym_use = Tagging.objects.filter(tag__merger__isnull=False).first()
    assert synonym_use is not None
    assert WorkFilter.objects.filter(work_id=synonym_use.work_id, tag_id=synonym_use.tag.merger_id).exists()
    assert not WorkFilter.objects.filter(work_id=synonym_use.work_id, tag_id=synonym_use.tag_id).exists()


def test_corpus_refuses_a_database_that_holds_works_unless_forced() -> None:
    make_work(title="Someone's real story")
    tags_before = Tag.objects.count()
    with pytest.raises(CommandError, match="already holds 1 work. .*--force"):
        call_command("bench", "corpus", "--works", "10", "--no-index", stdout=StringIO(), stderr=StringIO())
    assert Work.objects.count() == 1
    assert Tag.objects.count() == tags_before

    call_command("bench", "corpus", "--works", "10", "--no-index", "--force", stdout=StringIO(), stderr=StringIO())
    assert Work.objects.count() == 11
    assert work_filters_rebuild().added == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--works", "0"], "at least 1"),
        (["--works", "10", "--text-words", "5"], "--text-words must be at least 20"),
        (["--works", "10", "--chapters-max", "0"], "--chapters-max must be at least 1"),
    ],
)
def test_corpus_rejects_bad_options_and_writes_nothing(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("bench", "corpus", *args, "--no-index", stdout=StringIO(), stderr=StringIO())
    assert not Work.objects.exists()
    assert not Tag.objects.filter(type="fandom").exists()


def test_search_bench_on_an_empty_database_says_to_make_a_corpus() -> None:
    with pytest.raises(CommandError, match="bench corpus"):
        call_command("bench", "search", stdout=StringIO(), stderr=StringIO())


def test_search_bench_rejects_an_unknown_query_type() -> None:
    generate(50, text_words=None)
    with pytest.raises(CommandError, match="Unknown query type nope"):
        call_command("bench", "search", "--types", "tag,nope", stdout=StringIO(), stderr=StringIO())


def test_search_bench_runs_every_query_type_with_sane_figures() -> None:
    generate(400, text_words=300, index=True)
    out = StringIO()
    call_command("bench", "search", "--iterations", "4", "--json", stdout=out, stderr=StringIO())
    result = json.loads(out.getvalue())
    assert result["works"] == 400 and result["text"] is True
    assert set(result["types"]) == set(QUERY_TYPES)
    assert result["skipped"] == {}
    for row in result["types"].values():
        assert row["runs"] == 4
        assert 0 < row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"]
        assert row["qps"] > 0
    types = result["types"]
    assert types["tag"]["min_total"] > 0  # popular tags find works
    assert types["complex"]["min_total"] >= 1  # built from a work that matches it
    assert types["word_common"]["median_total"] > types["word_rare"]["median_total"]
    assert types["page"]["min_total"] >= 0


def test_search_bench_skips_text_queries_on_a_metadata_only_corpus() -> None:
    generate(200, text_words=None, index=True)
    result = run_search_bench(iterations=3, seed=1, log=StringIO())
    assert set(result["skipped"]) == set(TEXT_TYPES)
    assert set(result["types"]) == set(QUERY_TYPES) - set(TEXT_TYPES)
    assert result["types"]["facets"]["median_total"] > 0


def test_search_bench_prints_a_table_per_query_type() -> None:
    generate(200, text_words=None, index=True)
    out = StringIO()
    call_command("bench", "search", "--iterations", "2", "--types", "tag,complex", stdout=out, stderr=StringIO())
    lines = out.getvalue().splitlines()
    assert "200 works (without chapter text)" in lines[0]
    assert [line.split()[0] for line in lines[2:]] == ["tag", "complex"]


def test_search_bench_explains_where_each_query_type_spends_its_time() -> None:
    generate(200, text_words=None, index=True)
    out = StringIO()
    call_command(
        "bench", "search", "--iterations", "1", "--types", "facets,page", "--explain", stdout=out, stderr=StringIO()
    )
    text = out.getvalue()
    facets = text.split("\nfacets:\n")[1].split("\npage:\n")[0]
    assert "works found" in facets
    slowest, plan = facets.split("slowest statement")[1].split("plan:")
    assert "SELECT" in slowest
    assert plan.strip() and "no plan" not in plan  # the database's plan for it
    assert "status 200" in text.split("\npage:\n")[1]
