"""The embedded backend: SQLite FTS5 for the text, indexed SQL for everything else (nothing to run).

The text of each listed work is one row of the FTS5 table ``search_fts`` (rowid = work id) with five columns:
title, creators, tags, summary (summary, notes, chapter titles and notes) and body (the chapter text). The
``unicode61`` tokenizer folds case and accents, as :func:`scriptorium.search.textquery.fold` does. Results are
ranked with bm25, title and creator matches weighing most. Snippets come from FTS5's ``snippet()``.

A second FTS5 table, ``search_tagfts``, holds each work's filter tags as tokens (``all t12 t345 …``): its
posting lists answer several included tags and any exclusions in one merge (``(t1 AND t2) NOT t3``) where the
shared SQL would walk one tag's works and probe the others' rows for each of them.
"""

# SQL here is assembled from constant table/column names and %s placeholders; every value is a parameter.
# ruff: noqa: S608
from __future__ import annotations

import html
from collections.abc import Iterable

from django.db import connections

from scriptorium.search.backends.database import DatabaseSearchBackend, _placeholders
from scriptorium.search.backends.sqlbuild import SearchSQL, TextPart
from scriptorium.search.indexing import Document
from scriptorium.search.textquery import TextQuery, to_fts5

FTS = "search_fts"
FTS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
    "title, creators, tags, summary, body, tokenize = 'unicode61 remove_diacritics 2')"
)
TAG_FTS = "search_tagfts"
TAG_FTS_DDL = f"CREATE VIRTUAL TABLE IF NOT EXISTS {TAG_FTS} USING fts5(tags, detail=none, columnsize=0)"
#: bm25 weights per column (title, creators, tags, summary, body).
WEIGHTS = (8.0, 4.0, 3.0, 2.0, 1.0)
OPEN, CLOSE, ELLIPSIS = "\x02", "\x03", "\x04"
SNIPPET_TOKENS = 32
#: FTS5's default: merge segments as the index grows (turned off during a full rebuild).
AUTOMERGE = 4


def tag_tokens(filter_tags: Iterable[int]) -> str:
    """A work's row in the tag postings: ``all`` (so that exclusions alone have a list to subtract from) and one
    ``t<id>`` per filter tag."""
    return " ".join(["all", *(f"t{tag_id}" for tag_id in sorted(set(filter_tags)))])


def _snippet_html(raw: str) -> str:
    text = html.escape(raw, quote=False)
    return text.replace(OPEN, "<mark>").replace(CLOSE, "</mark>").replace(ELLIPSIS, "…")


class SQLiteSearchBackend(DatabaseSearchBackend):
    name = "sqlite-fts5"
    vendor = "sqlite"
    force_join = "CROSS JOIN"  # SQLite joins left to right with CROSS JOIN: the planned driver stays outside
    rank_reads_all_matches = True
    exact_driver_sizes = True
    rank_on_doc = False  # bm25 exists only in the FTS5 scan
    #: bm25 costs about 1.6 µs per match: text matching more works than this is ranked among its newest this many.
    default_rank_window = 5_000
    tag_index = TAG_FTS

    def prepare_read(self, cursor: object, *, text: bool = False) -> None:
        # Larger page cache and memory-mapped reads for this connection (both per connection, harmless).
        cursor.execute("PRAGMA cache_size = -65536")
        cursor.execute("PRAGMA mmap_size = 1073741824")

    def text_part(self, text: TextQuery) -> TextPart:
        weights = ", ".join(str(w) for w in WEIGHTS)
        # The matches are computed once (LIMIT -1 keeps SQLite from folding the subquery into the join and
        # running MATCH once per row) and drive the search.
        match = to_fts5(text)
        return TextPart(
            source=f"(SELECT rowid AS work_id, bm25({FTS}, {weights}) AS score FROM {FTS}"
            f" WHERE {FTS} MATCH %s LIMIT -1) m",
            source_params=[match],
            rank="(-m.score)",
            matches=f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s",
            matches_params=[match],
            plain_source=f"(SELECT rowid AS work_id FROM {FTS} WHERE {FTS} MATCH %s LIMIT -1) m",
            # Driven by a rarer tag (unranked sorts only: bm25 costs one pass over all the text's matches per
            # statement, so ranking goes through ``source``): the matches are read once into a temporary index.
            driven_where=f"{{w}} IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)",
            driven_params=[match],
            fts_table=FTS,
            fts_rank=f"bm25({FTS}, {weights})",
        )

    def _windowed(
        self, cursor: object, sql: SearchSQL, driver: int | None, window: int, per_page: int, offset: int
    ) -> tuple[list[tuple], int, bool]:
        rows = self._execute(cursor, sql.fts_windowed_page(window=window, limit=per_page, offset=offset))
        if rows and rows[0][1] < window:
            return rows, rows[0][1], True  # the window holds every match
        # A full window (or a page past it): count apart, stopping at the cap, without ranking.
        total = self._execute(cursor, sql.count(None, cap=self.count_exact_limit + 1))[0][0]
        return rows, min(total, self.count_exact_limit), total <= self.count_exact_limit

    def text_snippets(self, text: TextQuery, work_ids: list[int]) -> dict[int, str]:
        with connections[self.read_using].cursor() as cursor:
            # The chapter text's passage when the text matched there, else the best of the other columns.
            cursor.execute(
                f"SELECT rowid, snippet({FTS}, 4, %s, %s, %s, {SNIPPET_TOKENS}),"
                f" snippet({FTS}, -1, %s, %s, %s, {SNIPPET_TOKENS}) FROM {FTS}"
                f" WHERE {FTS} MATCH %s AND rowid IN ({_placeholders(work_ids)})",
                [OPEN, CLOSE, ELLIPSIS, OPEN, CLOSE, ELLIPSIS, to_fts5(text), *work_ids],
            )
            found = {}
            for work_id, body, best in cursor.fetchall():
                raw = body if body and OPEN in body else best
                if raw and OPEN in raw:
                    found[work_id] = _snippet_html(raw)
            return found

    def text_rows(self, documents: list[Document]) -> list[tuple]:
        return [
            (d.work_id, d.title, d.creators, d.tags, d.summary, d.body, tag_tokens(d.filter_tags)) for d in documents
        ]

    def write_text(self, cursor: object, rows: list[tuple]) -> None:
        cursor.executemany(
            f"INSERT INTO {FTS} (rowid, title, creators, tags, summary, body) VALUES (%s, %s, %s, %s, %s, %s)",
            [row[:6] for row in rows],
        )
        cursor.executemany(f"INSERT INTO {TAG_FTS} (rowid, tags) VALUES (%s, %s)", [(r[0], r[6]) for r in rows])

    def delete_text(self, cursor: object, work_ids: list[int] | None) -> None:
        for table, ddl in ((FTS, FTS_DDL), (TAG_FTS, TAG_FTS_DDL)):
            if work_ids is None:
                # Dropping and creating the table is much faster than deleting every row of a large index.
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
                cursor.execute(ddl)
            elif work_ids:
                cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({_placeholders(work_ids)})", work_ids)

    def text_ids(self) -> set[int]:
        """Works in both FTS5 tables (a work missing from either is reported missing by ``search check``)."""
        with connections[self.using].cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {FTS}")
            text = {row[0] for row in cursor.fetchall()}
            cursor.execute(f"SELECT rowid FROM {TAG_FTS}")
            return text & {row[0] for row in cursor.fetchall()}

    def before_rebuild(self) -> None:
        # No merging while the index fills (about a fifth faster); one 'optimize' at the end merges everything.
        with connections[self.using].cursor() as cursor:
            for table in (FTS, TAG_FTS):
                cursor.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('automerge', 0)")

    def after_rebuild(self) -> None:
        with connections[self.using].cursor() as cursor:
            for table in (FTS, TAG_FTS):
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
                cursor.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('automerge', {AUTOMERGE})")
            cursor.execute("ANALYZE")
