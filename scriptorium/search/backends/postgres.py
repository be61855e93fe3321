"""The server backend: PostgreSQL full-text search (tsvector + GIN) and indexed SQL for everything else.

Each document row carries two vectors: ``document`` (title weighted A, creators B, tags C, summary and notes D)
and ``body`` (the chapter text), each with a GIN index. Text is folded and split into words in Python before
``to_tsvector('simple', …)``, exactly as the query words are (:mod:`scriptorium.search.textquery`), so both
backends agree on what a word is; no stemming, so results match the syntax readers are shown. Ranked with
``ts_rank`` (metadata counts four times as much as chapter text); snippets are built in Python from the
chapter text (:mod:`scriptorium.search.backends.snippets`).
"""

# SQL here is assembled from constant table/column names and %s placeholders; every value is a parameter.
# ruff: noqa: S608
from __future__ import annotations

from django.db import connections

from scriptorium.search.backends.database import DatabaseSearchBackend, _placeholders
from scriptorium.search.backends.snippets import snippet
from scriptorium.search.backends.sqlbuild import DOC, TAGS, TextPart
from scriptorium.search.indexing import Document, html_to_text
from scriptorium.search.textquery import Clause, TextQuery, any_positive_tsquery, to_tsquery, tokens

#: PostgreSQL refuses tsvectors over 1 MB; chapter text beyond this many characters is not indexed.
BODY_MAX_CHARS = 2_000_000
#: Chapter text read per work for a snippet.
SNIPPET_CHARS = 60_000
SNIPPET_CHAPTERS = 5


def _words(text: str, limit: int | None = None) -> str:
    return " ".join(tokens(text[:limit] if limit else text))


class PostgresSearchBackend(DatabaseSearchBackend):
    name = "postgresql-fts"
    vendor = "postgresql"
    #: ts_rank reads a match's whole chapter-text vector (out of line, compressed): ranking 70,000 matches of a
    #: common word takes seconds, so text that broad is ranked among its 1,000 newest matches.
    default_rank_window = 1_000
    materialize = True

    def text_part(self, text: TextQuery) -> TextPart:
        part = TextPart(needs_doc=True)
        for clause in text.clauses:
            if clause.column is None:
                condition = "(d.document @@ to_tsquery('simple', %s) OR d.body @@ to_tsquery('simple', %s))"
                params = [to_tsquery(clause), to_tsquery(clause)]
            elif clause.column == "body":
                condition, params = "d.body @@ to_tsquery('simple', %s)", [to_tsquery(clause)]
            else:
                condition, params = "d.document @@ to_tsquery('simple', %s)", [to_tsquery(clause, weighted=True)]
            for words in clause.either:  # the canonical tag a synonym names, in the work's tags
                condition = f"({condition} OR d.document @@ to_tsquery('simple', %s))"
                params = [*params, to_tsquery(Clause(words=words, column="tags"), weighted=True)]
            if clause.negated:
                condition = f"NOT COALESCE({condition}, false)"
            part.where.append(condition)
            part.params.extend(params)
        conditions = " AND ".join(c.format(w="d.work_id") for c in part.where)
        part.matches = f"SELECT d.work_id FROM {DOC} d WHERE {conditions}"
        part.matches_params = list(part.params)
        ranking = any_positive_tsquery(text)
        part.rank = "(4 * ts_rank(d.document, to_tsquery('simple', %s)) + ts_rank(d.body, to_tsquery('simple', %s)))"
        part.rank_params = [ranking, ranking]
        return part

    def text_snippets(self, text: TextQuery, work_ids: list[int]) -> dict[int, str]:
        clauses = tuple(c for c in text.positive if c.column in (None, "body"))
        meta_clauses = tuple(c for c in text.positive if c.column in (None, "title", "summary"))
        texts: dict[int, list[str]] = {}
        with connections[self.read_using].cursor() as cursor:
            cursor.execute(
                "SELECT work_id, LEFT(text, %s) FROM ("
                " SELECT work_id, text, position, ROW_NUMBER() OVER (PARTITION BY work_id ORDER BY position, id) AS n"
                f" FROM works_chapter WHERE work_id IN ({_placeholders(work_ids)})"
                ") c WHERE n <= %s ORDER BY work_id, position",
                [SNIPPET_CHARS, *work_ids, SNIPPET_CHAPTERS],
            )
            for work_id, chapter_html in cursor.fetchall():
                texts.setdefault(work_id, []).append(chapter_html)
            cursor.execute(
                f"SELECT id, title, summary FROM works_work WHERE id IN ({_placeholders(work_ids)})", work_ids
            )
            meta = {work_id: (title, summary) for work_id, title, summary in cursor.fetchall()}
        found: dict[int, str] = {}
        for work_id in work_ids:
            for chapter_html in texts.get(work_id, []):
                passage = snippet(html_to_text(chapter_html), clauses)
                if passage:
                    found[work_id] = passage
                    break
            else:
                title, summary = meta.get(work_id, ("", ""))
                for value in (title, html_to_text(summary)):
                    passage = snippet(value, meta_clauses)
                    if passage:
                        found[work_id] = passage
                        break
        return found

    extra_columns = (
        (
            "document",
            "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
            " || setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')",
        ),
        ("body", "to_tsvector('simple', %s)"),
    )

    def extra_values(self, document: Document) -> tuple[object, ...]:
        d = document
        return (
            _words(d.title), _words(d.creators), _words(d.tags), _words(d.summary), _words(d.body, BODY_MAX_CHARS),
        )  # fmt: skip

    # Created by migration search.0002; a GIN index is built several times faster in bulk than row by row.
    vendor_indexes = tuple(
        (f"searchdoc_{column}_gin", f"CREATE INDEX searchdoc_{column}_gin ON {DOC} USING GIN ({column})")
        for column in ("document", "body")
    )

    def prepare_read(self, cursor: object, *, text: bool = False) -> None:
        # With text, every search is shaped around the GIN indexes: the planner prices `body @@ query` on a
        # sequential scan as cheap, but each test decompresses a chapter-text vector, where the index answers a
        # word from its own pages. (Filter-only searches keep the planner's choice: it joins the tag ranges
        # better by itself.) JIT is off for every connection (settings.DATABASES): compiling a statement costs
        # more than running one of the site's short statements.
        if text:
            cursor.execute("SET enable_seqscan = off")

    def finish_read(self, cursor: object, *, text: bool = False) -> None:
        if text:
            cursor.execute("RESET enable_seqscan")

    def before_index_build(self, cursor: object) -> None:
        cursor.execute("SET maintenance_work_mem = '512MB'")  # room to build the GIN indexes in memory

    def delete_text(self, cursor: object, work_ids: list[int] | None) -> None:
        """The vectors live in the document rows, which the shared code deletes."""

    def after_rebuild(self) -> None:
        connection = connections[self.using]
        with connection.cursor() as cursor:
            if connection.in_atomic_block:  # VACUUM cannot run inside a transaction (tests)
                cursor.execute(f"ANALYZE {DOC}")
                cursor.execute(f"ANALYZE {TAGS}")
            else:
                # Sets the visibility map too, so index-only scans skip the table (no heap fetches).
                cursor.execute(f"VACUUM (ANALYZE) {DOC}")
                cursor.execute(f"VACUUM (ANALYZE) {TAGS}")
