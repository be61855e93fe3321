"""What the two database backends share: filters, sorts, counts, facets and index upkeep, in plain SQL.

Both backends answer from the same tables (``search_searchdocument``, the tags app's ``tags_workfilter`` and
the works table for counters), so every filter means the same thing on SQLite and PostgreSQL. A subclass adds
the text part: :meth:`text_match` (the works matching the ``q`` text, with a rank) and :meth:`text_snippets`,
and stores the text with :meth:`write_text` / :meth:`delete_text`.
"""

# SQL here is assembled from constant table/column names and %s placeholders; every value is a parameter.
# ruff: noqa: S608
from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable

from django.db import connections, transaction

from scriptorium.search import indexing
from scriptorium.search.backends.base import BaseSearchBackend, DriftReport
from scriptorium.search.backends.parallel import Rows, default_workers, rebuild_rows
from scriptorium.search.backends.sqlbuild import DOC, TAGS, SearchSQL, Statement, TextPart
from scriptorium.search.indexing import Document
from scriptorium.search.query import FACET_TYPES, FacetValue, SearchResult, WorkQuery
from scriptorium.search.textquery import TextQuery, parse

DOC_COLUMNS = (
    "work_id", "restricted", "rating", "language", "complete", "chapter_count", "word_count", "posted_on",
    "updated_on", "fandom_count", "title_sort", "creator_sort", "revision", "digest",
)  # fmt: skip
TAG = "tags_tag"
TAG_FACETS = tuple(t for t in FACET_TYPES if t not in ("rating", "language"))

#: Facets are counted over every match up to this many; beyond it, over the first FACET_SAMPLE matches in the
#: result order (SearchResult.facets_exact is then False). Settable per backend in SCRIPTORIUM_SEARCH.
FACET_EXACT_LIMIT = 2_000
FACET_SAMPLE = 1_000
#: Counting stops after this many matches when each match needs its own tests (exclusions, several tags,
#: ratings, text…): SearchResult.total is then this number and total_exact False ("more than 10,000 works").
#: A single tag's or the whole archive's count is one index range and always exact.
COUNT_EXACT_LIMIT = 10_000


def _placeholders(values: Iterable[object]) -> str:
    return ", ".join("%s" for _ in values)


class DatabaseSearchBackend(BaseSearchBackend):
    """Filters, sorts, counts and facets in SQL over the index table; text in the subclass."""

    vendor = ""

    def __init__(self, alias: str, params: dict) -> None:
        super().__init__(alias, params)
        self.using = params.get("DATABASE", "default")
        self.read_using = params.get("READ_DATABASE", self.using)
        self.facet_exact_limit = int(params.get("FACET_EXACT_LIMIT", FACET_EXACT_LIMIT))
        self.facet_sample = int(params.get("FACET_SAMPLE", FACET_SAMPLE))
        self.count_exact_limit = int(params.get("COUNT_EXACT_LIMIT", COUNT_EXACT_LIMIT))
        #: Text matching more works than this is ranked among this many most recently updated matches only
        #: (0: always rank every match). Vendors whose rank is cheap per match leave it at 0.
        self.rank_window = int(params.get("RANK_WINDOW", self.default_rank_window))
        #: Included tags are sized up to this many works to choose the one that drives a search.
        self.driver_count_limit = max(5 * self.count_exact_limit, 1)
        #: Processes preparing batches beside the writer during a full rebuild (0: prepare in-process).
        self.rebuild_workers = int(params.get("REBUILD_WORKERS", default_workers()))
        #: "auto" (choose per search), or "scan"/"driver" to force one page shape (tests compare them).
        self.plan = params.get("PLAN", "auto")

    # --- the text part, per vendor ----------------------------------------------------------------------

    def text_part(self, text: TextQuery) -> TextPart:
        """The SQL that limits a search to the works matching ``text``, with a rank."""
        raise NotImplementedError

    def text_snippets(self, text: TextQuery, work_ids: list[int]) -> dict[int, str]:
        raise NotImplementedError

    def title_or_summary_sql(self, phrases: tuple[str, ...]) -> tuple[list[str], list[object]]:
        """SELECTs of the works whose title or summary holds one of the phrases (whole words, any case), through
        the text index: a blocklist's words (``search.blocking``)."""
        selects: list[str] = []
        params: list[object] = []
        for phrase in phrases:
            for column in ("title", "summary"):
                text = parse(f'{column}:"{phrase}"')
                if text is None:
                    continue
                part = self.text_part(text)
                selects.append(part.matches)
                params.extend(part.matches_params)
        return selects, params

    #: The vendor's own indexes on the index tables, (name, CREATE statement): dropped during a full rebuild and
    #: built once at its end, like the models' secondary indexes.
    vendor_indexes: tuple[tuple[str, str], ...] = ()

    #: Extra document columns a vendor fills in the same INSERT: (column, SQL value expression).
    extra_columns: tuple[tuple[str, str], ...] = ()

    def extra_values(self, document: Document) -> tuple[object, ...]:
        return ()

    def text_rows(self, documents: list[Document]) -> list[tuple]:
        """Rows of the text index, when the vendor keeps the text apart from the document rows."""
        return []

    def write_text(self, cursor: object, rows: list[tuple]) -> None:
        """Store the rows of :meth:`text_rows`."""

    def delete_text(self, cursor: object, work_ids: list[int] | None) -> None:
        """Forget the text of these works (``None``: of every work)."""
        raise NotImplementedError

    def text_ids(self) -> set[int] | None:
        """Works the text index holds, when it is stored apart from the documents (for ``check``)."""
        return None

    def before_rebuild(self) -> None:
        """Settings for a bulk load into the emptied index."""

    def before_index_build(self, cursor: object) -> None:
        """Settings for building the indexes at the end of a full rebuild (this connection)."""

    def after_rebuild(self) -> None:
        """Tidy up after a full rebuild (merge segments, refresh planner statistics)."""

    def prepare_read(self, cursor: object, *, text: bool = False) -> None:
        """Per-connection settings for reads (cache sizes, planner settings); ``text`` when the search has text."""

    def finish_read(self, cursor: object, *, text: bool = False) -> None:
        """Undo what :meth:`prepare_read` set that other queries on the connection must not inherit."""

    # --- searching --------------------------------------------------------------------------------------

    force_join = "JOIN"
    default_rank_window = 0
    #: True when the statements' join order is ours (SQLite's CROSS JOIN), so choosing between several huge tags
    #: is worth exact counts; PostgreSQL's planner orders the joins itself.
    exact_driver_sizes = False
    #: Find the matches before sorting them (a materialized CTE) in one-pass pages: see ``SearchSQL.page``.
    materialize = False
    #: True when the text's rank is an expression on the document row ``d`` (it can sort a list of ids).
    rank_on_doc = True
    #: True when ranking one match costs a pass over all of the text's matches (SQLite's bm25 computes its
    #: statistics per statement), so a ranked search always starts from the text.
    rank_reads_all_matches = False
    #: A vendor table of posting lists per filter tag (SQLite FTS5): two or more included tags, with their
    #: exclusions, are then one MATCH against it, and no tag drives (``SearchSQL.tag_match``). Empty: probes.
    tag_index = ""

    def _driver(self, cursor: object, sql: SearchSQL) -> tuple[int | None, int | None]:
        """The included tag with the fewest works (its index range drives the search) and its size, if any.

        With text, the tag drives only when it has fewer works than the text matches (else the text does), and
        not for a ranked search on a backend whose rank needs a pass over every match anyway."""
        if not sql.includes or sql.tag_match is not None:
            return None, None  # with tag postings, their merge drives (or the text does)
        if sql.text is not None and (not sql.text.matches or (sql.ranked and self.rank_reads_all_matches)):
            return None, None
        sizes = {}
        for tag_id in sql.includes:
            # Counting stops at the cap: choosing between huge tags needs no exact size, and a popular tag's
            # full count would cost more than the search it plans.
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {TAGS} WHERE tag_id = %s LIMIT %s) capped",
                [tag_id, self.driver_count_limit],
            )
            sizes[tag_id] = cursor.fetchone()[0]
        at_cap = [t for t in sql.includes if sizes[t] >= self.driver_count_limit]
        if self.exact_driver_sizes and len(at_cap) == len(sql.includes) > 1:
            # Every tag is huge: which one drives decides how many works the search walks, so count them all.
            for tag_id in at_cap:
                cursor.execute(f"SELECT COUNT(*) FROM {TAGS} WHERE tag_id = %s", [tag_id])
                sizes[tag_id] = cursor.fetchone()[0]
        driver = min(sql.includes, key=lambda t: (sizes[t], t))
        if sql.text is not None:
            text_size = self._execute(cursor, sql.text_count(sizes[driver] + 1))[0][0]
            if text_size <= sizes[driver]:
                return None, None
        return driver, sizes[driver]

    def _listed_estimate(self, cursor: object) -> int:
        # Two statements: SQLite answers a lone MIN or MAX from the end of the key, not both at once.
        cursor.execute(f"SELECT MIN(work_id) FROM {DOC}")
        low = cursor.fetchone()[0]
        cursor.execute(f"SELECT MAX(work_id) FROM {DOC}")
        high = cursor.fetchone()[0]
        return 0 if low is None else high - low + 1

    def _execute(self, cursor: object, statement: Statement) -> list[tuple]:
        cursor.execute(statement.sql, statement.params)
        return cursor.fetchall()

    def search(self, query: WorkQuery) -> SearchResult:
        text = parse(query.text, tag_words=dict(query.text_tags))
        per_page = max(1, min(query.per_page, 500))
        offset = (max(query.page, 1) - 1) * per_page
        with connections[self.read_using].cursor() as cursor:
            self.prepare_read(cursor, text=text is not None)
            try:
                result = self._search(cursor, query, text, per_page, offset)
            finally:
                self.finish_read(cursor, text=text is not None)
        if text is not None and query.snippets and result.work_ids:
            result.snippets = self.text_snippets(text, result.work_ids)
        return result

    def _search(
        self, cursor: object, query: WorkQuery, text: TextQuery | None, per_page: int, offset: int
    ) -> SearchResult:
        sql = SearchSQL(
            query, self.text_part(text) if text else None, force_join=self.force_join, tag_index=self.tag_index
        )
        driver, driver_size = self._driver(cursor, sql)
        total_exact, rows, scan, rank_window = True, None, self.plan == "scan", 0
        found: list[int] | None = None  # every matching id, when a step read them all
        if sql.count_is_cheap(driver):
            total = self._execute(cursor, sql.count(driver))[0][0]
        elif self.rank_window and sql.ranked:
            window = max(self.rank_window, offset + per_page)
            rows, total, total_exact = self._windowed(cursor, sql, driver, window, per_page, offset)
            if total > window:
                rank_window = window
        elif self.plan != "scan" and (
            (text is not None and driver is None) or (driver is not None and driver_size <= self.count_exact_limit)
        ):
            # Few candidates: count them and sort them in one pass.
            rows = self._execute(
                cursor,
                sql.page(
                    driver, scan=False, limit=per_page, offset=offset, with_total=True, materialize=self.materialize
                ),
            )
            total = rows[0][1] if rows else self._execute(cursor, sql.count(driver))[0][0]
        else:
            # Read up to the cap's worth of matching ids, unsorted: dense matches stop the walk early; sparse ones
            # are then all known, so the page is sorted from them without walking the candidates a second time.
            found = [r[0] for r in self._execute(cursor, sql.ids(driver, self.count_exact_limit + 1))]
            total = len(found)
            if total > self.count_exact_limit:
                total, total_exact, found = self.count_exact_limit, False, None
            elif total and self.plan == "auto" and (not sql.ranked or self.rank_on_doc):
                rows = self._execute(
                    cursor, sql.order_ids(found, limit=per_page, offset=offset, materialize=self.materialize)
                )
        if rows is None:
            if self.plan == "auto" and text is None and total and sql.walkable and not sql.sorted_by_tag_index(driver):
                # Walk the sort's index when a page is found sooner that way than by sorting every match.
                scan = total * total > (offset + per_page) * self._listed_estimate(cursor)
            rows = self._execute(cursor, sql.page(driver, scan=scan, limit=per_page, offset=offset)) if total else []
        result = SearchResult(
            work_ids=[r[0] for r in rows], total=total, total_exact=total_exact, rank_window=rank_window
        )
        wanted = [f for f in dict.fromkeys(query.facets) if f in FACET_TYPES]
        if wanted and total:
            # The works counted: a list of ids when a step already read them, else the statement finding them,
            # run as a subquery of the counts (PostgreSQL plans a thousand bound ids slower than it joins them).
            source: list[int] | Statement
            if total > self.facet_exact_limit or not total_exact:
                if found is not None:  # every match is already known: the newest of them, without a second walk
                    source = heapq.nlargest(self.facet_sample, found)
                    sampled = len(source)
                else:
                    source, sampled = sql.sample(driver, self.facet_sample), min(total, self.facet_sample)
                result.facets_exact, result.facets_sampled = False, sampled
            elif found is not None:
                source = found
            else:
                source = sql.ids(driver, total)
            if isinstance(source, Statement) and query.blocklist is not None:
                # The works a blocklist hides are a set built per statement, and PostgreSQL plans it as a subplan
                # run per row when it sits inside a facet's count (10 s for a text search): read the ids once.
                source = [r[0] for r in self._execute(cursor, source)]
            self._facets(cursor, source, wanted, max(1, query.facet_size), result)
        return result

    def _windowed(
        self, cursor: object, sql: SearchSQL, driver: int | None, window: int, per_page: int, offset: int
    ) -> tuple[list[tuple], int, bool]:
        """A ranked page among the ``window`` newest matches, the total and whether it is exact. Here in one
        pass: the matches are counted and the newest ``window`` of them ranked (``SearchSQL.windowed_page``)."""
        rows = self._execute(cursor, sql.windowed_page(driver, window=window, limit=per_page, offset=offset))
        total = rows[0][1] if rows else self._execute(cursor, sql.count(driver))[0][0]
        return rows, total, True

    def _facets(
        self, cursor: object, source: list[int] | Statement, wanted: list[str], size: int, result: SearchResult
    ) -> None:
        """Count ``wanted`` facets over the works of ``source``: ids, or a statement selecting them."""
        columns = [c for c in ("rating", "language") if c in wanted]
        tag_types = [t for t in wanted if t in TAG_FACETS]
        counters: dict[str, Counter] = {c: Counter() for c in columns}
        named: dict[str, dict[str, str]] = {t: {} for t in tag_types}
        if isinstance(source, Statement):
            parts = [(source.sql, list(source.params))]
        else:
            parts = [
                (_placeholders(chunk), list(chunk))
                for chunk in (source[i : i + 1000] for i in range(0, len(source), 1000))
            ]
        for works, params in parts:
            if columns:
                cursor.execute(f"SELECT {', '.join(columns)} FROM {DOC} WHERE work_id IN ({works})", params)
                for row in cursor.fetchall():
                    for column, value in zip(columns, row, strict=True):
                        counters[column][value] += 1
            if tag_types:
                # Over a list of ids, the works' own rows (a unary + keeps SQLite from walking the whole tag index
                # in tag order for the GROUP BY instead: 42 ms against 3 ms for 1,000 works).
                key = "tag_id" if isinstance(source, Statement) else "+tag_id"
                cursor.execute(
                    "SELECT t.type, g.tag_id, t.name, g.n FROM ("
                    f" SELECT {key} AS tag_id, COUNT(*) AS n FROM {TAGS} WHERE work_id IN ({works})"
                    f" GROUP BY {key}) g JOIN {TAG} t ON t.id = g.tag_id WHERE t.type IN ({_placeholders(tag_types)})",
                    [*params, *tag_types],
                )
                for tag_type, tag_id, name, count in cursor.fetchall():
                    counters.setdefault(tag_type, Counter())[str(tag_id)] += count
                    named[tag_type][str(tag_id)] = name
        for column in columns:
            ranked = sorted(counters[column].items(), key=lambda kv: (-kv[1], kv[0]))[:size]
            result.facets[column] = [FacetValue(key=k, label=k, count=n) for k, n in ranked]
        for tag_type in tag_types:
            names = named[tag_type]
            ranked = sorted(counters.get(tag_type, Counter()).items(), key=lambda kv: (-kv[1], names[kv[0]]))[:size]
            result.facets[tag_type] = [FacetValue(key=k, label=names[k], count=n) for k, n in ranked]

    # --- keeping the index ------------------------------------------------------------------------------

    def rows_for(self, documents: list[Document]) -> Rows:
        """Everything to insert for these documents (the CPU-bound half of indexing; no database access)."""
        doc_rows = [
            (
                d.work_id, d.restricted, d.rating, d.language, d.complete, d.chapter_count, d.word_count,
                d.posted_on, d.updated_on, d.fandom_count, d.title_sort, d.creator_sort, d.revision, d.digest,
            )
            + self.extra_values(d)
            for d in documents
        ]  # fmt: skip
        tag_rows = [(d.work_id, t, d.restricted, d.updated_on) for d in documents for t in d.filter_tags]
        return Rows(doc_rows, tag_rows, self.text_rows(documents))

    def write_rows(self, cursor: object, rows: Rows) -> None:
        if not rows.documents:
            return
        columns = ", ".join([*DOC_COLUMNS, *(c for c, _ in self.extra_columns)])
        values = ", ".join([_placeholders(DOC_COLUMNS), *(v for _, v in self.extra_columns)])
        cursor.executemany(f"INSERT INTO {DOC} ({columns}) VALUES ({values})", rows.documents)
        cursor.executemany(
            f"INSERT INTO {TAGS} (work_id, tag_id, restricted, updated_on) VALUES (%s, %s, %s, %s)", rows.tags
        )
        if rows.text:
            self.write_text(cursor, rows.text)

    def _write(self, cursor: object, documents: list[Document]) -> None:
        self.write_rows(cursor, self.rows_for(documents))

    def index_works(self, work_ids: Iterable[int]) -> None:
        for chunk in indexing.chunks(work_ids):
            with transaction.atomic(using=self.using):
                documents = indexing.documents_for(chunk)
                with connections[self.using].cursor() as cursor:
                    cursor.execute(f"DELETE FROM {TAGS} WHERE work_id IN ({_placeholders(chunk)})", chunk)
                    cursor.execute(f"DELETE FROM {DOC} WHERE work_id IN ({_placeholders(chunk)})", chunk)
                    self.delete_text(cursor, chunk)
                    self._write(cursor, documents)

    def clear(self) -> None:
        with transaction.atomic(using=self.using), connections[self.using].cursor() as cursor:
            cursor.execute(f"DELETE FROM {TAGS}")
            cursor.execute(f"DELETE FROM {DOC}")
            self.delete_text(cursor, None)

    def rebuild(self, *, progress: Callable[[int, int], None] | None = None) -> int:
        self.clear()
        self.before_rebuild()
        work_ids = indexing.listed_work_ids()
        edges = indexing.all_meta_edges()
        done = 0
        if progress:
            progress(0, len(work_ids))
        # Filling the tables without their secondary indexes and building those once at the end is several
        # times faster than keeping them current row by row; searches meanwhile are slow (and partial) anyway.
        self._secondary_indexes(add=False)
        try:
            for count, rows in rebuild_rows(self, work_ids, edges):
                with transaction.atomic(using=self.using), connections[self.using].cursor() as cursor:
                    self.write_rows(cursor, rows)
                done += count
                if progress:
                    progress(done, len(work_ids))
        finally:
            self._secondary_indexes(add=True)
        self.after_rebuild()
        return done

    def _secondary_indexes(self, *, add: bool) -> None:
        from scriptorium.search.models import SearchDocument, SearchTag

        connection = connections[self.using]
        editor = connection.schema_editor()  # only to write the CREATE INDEX statements (not entered)
        with connection.cursor() as cursor:
            if add:
                self.before_index_build(cursor)
            if add and connection.vendor == "postgresql":
                # Inside an outer transaction PostgreSQL refuses CREATE INDEX while deferred foreign-key checks
                # are pending: run them now, then defer again (Django's foreign keys are initially deferred).
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for model in (SearchDocument, SearchTag):
                for index in model._meta.indexes:
                    cursor.execute(f"DROP INDEX IF EXISTS {index.name}")
                    if add:
                        cursor.execute(str(index.create_sql(model, editor)))
            for name, create in self.vendor_indexes:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
                if add:
                    cursor.execute(create)

    def check(self) -> DriftReport:
        listed = set(indexing.listed_work_ids())
        with connections[self.using].cursor() as cursor:
            cursor.execute(f"SELECT work_id, digest FROM {DOC}")
            stored = dict(cursor.fetchall())
        report = DriftReport(missing=sorted(listed - stored.keys()), extra=sorted(stored.keys() - listed))
        text_ids = self.text_ids()
        if text_ids is not None:
            report.extra = sorted(set(report.extra) | (text_ids - listed))
            report.missing = sorted(set(report.missing) | (listed - text_ids))
        edges = indexing.all_meta_edges()
        for chunk in indexing.chunks(listed & stored.keys()):
            for document in indexing.documents_for(chunk, edges=edges):
                if stored[document.work_id] != document.digest:
                    report.stale.append(document.work_id)
        return report
