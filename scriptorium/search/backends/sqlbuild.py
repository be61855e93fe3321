"""The SQL of one works search, for both database backends, and how it is planned.

Tables: ``search_searchdocument`` (``d``: one narrow row per listed work), ``search_searchtag`` (``t0``/probes:
one row per work and tag it is found under, with ``restricted`` and ``updated_on``), the works table (``w``:
the readers' counters) and, per vendor, the text index.

Two shapes answer a search:

* **driver**: start from the rows that must match (the least common included tag's index range, or the text
  matches, or else every document), test the rest row by row, sort what is left. Cheap when few works match;
  a tag's newest works come straight off its ``(tag_id, updated_on, work_id)`` index.
* **scan**: walk the sort's index (documents by date, words, title, creator; works by a counter) in order and
  test each row until the page is full. Cheap when many works match, whatever their number.

The total always comes from the driver shape (an index-only range count for tag-only searches); the page uses
``scan`` when the matches are dense enough that a walk finds a page sooner than sorting them all.
"""

# SQL here is assembled from constant table/column names and %s placeholders; every value is a parameter, except
# LIMIT and OFFSET, written as int() literals (limit_clause).
# ruff: noqa: S608
from __future__ import annotations

from dataclasses import dataclass, field

from scriptorium.search.blocking import shown_condition
from scriptorium.search.query import RATIO_MIN_HITS, Crossover, Sort, WorkQuery

DOC = "search_searchdocument"
TAGS = "search_searchtag"
WORK = "works_work"
CREATORSHIP = "works_creatorship"
EXTERNAL_CREATORSHIP = "works_externalcreatorship"
PSEUD = "accounts_pseud"
SHELF = "interactions_shelfentry"

DOC_SORTS = {
    Sort.UPDATED: "d.updated_on",
    Sort.POSTED: "d.posted_on",
    Sort.WORDS: "d.word_count",
    Sort.TITLE: "d.title_sort",
    Sort.CREATOR: "d.creator_sort",
}
WORK_SORTS = {
    Sort.KUDOS: "w.kudos_count",
    Sort.HITS: "w.hits_count",
    Sort.BOOKMARKS: "w.bookmarks_count",
    Sort.COMMENTS: "w.comments_count",
}


def ratio_order(direction: str) -> str:
    """Kudos per hit, ``direction`` first; the works under ``RATIO_MIN_HITS`` hits after all the others, most hits
    first (no index: the matches are sorted, like a text's rank)."""
    rated = f"w.hits_count >= {int(RATIO_MIN_HITS)}"
    return (
        f"CASE WHEN {rated} THEN 0 ELSE 1 END, CASE WHEN {rated} THEN w.kudos_count * 1.0 / w.hits_count END"
        f" {direction}, w.hits_count DESC, w.id {direction}"
    )


def placeholders(values: list | tuple) -> str:
    return ", ".join("%s" for _ in values)


def limit_clause(limit: int, offset: int = 0) -> str:
    """LIMIT (and OFFSET) as integer literals, not parameters: SQLite plans a sorted ``LIMIT 20`` as a top-20
    sort but a ``LIMIT ?`` as a sort of every row (3 ms against 11 ms for 8,800 matches sorted by kudos)."""
    clause = f"LIMIT {int(limit)}"
    return f"{clause} OFFSET {int(offset)}" if offset else clause


@dataclass
class TextPart:
    """What a backend adds for the ``q`` text: joins (against the work id ``{w}``), conditions, a rank."""

    source: str = ""  # a FROM item aliased ``m`` with a ``work_id`` column: the text matches drive the search
    source_params: list[object] = field(default_factory=list)
    where: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)
    rank: str | None = None  # higher is better
    rank_params: list[object] = field(default_factory=list)
    needs_doc: bool = False  # the conditions read d.*
    #: The matching work ids as a SELECT (no rank), to size the text's matches against a tag's; and as a FROM
    #: item aliased ``m`` (parameters ``matches_params``) when the results are not sorted by rank.
    matches: str = ""
    matches_params: list[object] = field(default_factory=list)
    plain_source: str = ""
    #: When a rarer included tag drives an unranked search instead of ``source``: a condition on ``{w}`` keeping
    #: the text's matches (for backends that set ``source``).
    driven_where: str = ""
    driven_params: list[object] = field(default_factory=list)
    #: SQLite: the FTS5 table and its rank expression, for a ranked page within a window of the newest matches.
    fts_table: str = ""
    fts_rank: str = ""


@dataclass
class Statement:
    sql: str
    params: list[object]


class SearchSQL:
    """Builds the count, page and id-list statements of one search."""

    def __init__(
        self, query: WorkQuery, text: TextPart | None, *, force_join: str = "JOIN", tag_index: str = ""
    ) -> None:
        self.query = query
        self.text = text
        self.force_join = force_join  # "CROSS JOIN" on SQLite keeps the driver as the outer loop
        self.includes = list(dict.fromkeys(query.include_tags))
        self.excludes = list(dict.fromkeys(query.exclude_tags))
        self.doc_where, self.doc_params = self._doc_conditions()
        self.tag_index = tag_index
        self.tag_match = self._tag_match() if tag_index else None

    def _tag_match(self) -> str | None:
        """The FTS5 expression over the tag postings (``tag_index``) when two or more tags are included: every
        tag condition, exclusions too, in one posting-list merge. None otherwise: one tag's own index range (in
        date order, for a page) drives better, with its exclusions probed per work; and exclusions alone would
        make a list of nearly every work."""
        if len(self.includes) < 2:
            return None
        positive = "(" + " AND ".join(f"t{int(t)}" for t in self.includes) + ")"
        return positive + "".join(f" NOT t{int(t)}" for t in self.excludes)

    # --- conditions ------------------------------------------------------------------------------------

    def _doc_conditions(self) -> tuple[list[str], list[object]]:
        q = self.query
        where: list[str] = []
        params: list[object] = []

        def add(condition: str, *values: object) -> None:
            where.append(condition)
            params.extend(values)

        if q.ratings:
            add(f"d.rating IN ({placeholders(q.ratings)})", *q.ratings)
        if q.exclude_ratings:
            add(f"d.rating NOT IN ({placeholders(q.exclude_ratings)})", *q.exclude_ratings)
        if q.crossover == Crossover.EXCLUDE:
            add("d.fandom_count < 2")
        elif q.crossover == Crossover.ONLY:
            add("d.fandom_count >= 2")
        if q.complete is not None:
            add("d.complete = %s", bool(q.complete))
        if q.single_chapter:
            add("d.chapter_count = 1")
        for column, op, value in (
            ("word_count", ">=", q.words_min), ("word_count", "<=", q.words_max),
            ("posted_on", ">=", q.posted_from), ("posted_on", "<=", q.posted_to),
            ("updated_on", ">=", q.updated_from), ("updated_on", "<=", q.updated_to),
        ):  # fmt: skip
            if value is not None:
                add(f"d.{column} {op} %s", value)
        if q.language:
            add("d.language = %s", q.language)
        if q.blocklist is not None and q.blocklist.active:
            condition, values = shown_condition(q.blocklist)
            add(condition, *values)
        return where, params

    def _work_conditions(
        self, w: str, probe_includes: list[int], *, walk: bool = False
    ) -> tuple[list[str], list[object]]:
        """Conditions on the work id ``w`` alone: tag probes, creators, muted accounts. ``walk``: the statement
        walks a sort's index, so the tag postings are only tested, never used to find the rows."""
        q = self.query
        where: list[str] = []
        params: list[object] = []
        if self.tag_match is not None:
            # Every tag condition at once, from the posting lists (read once into a temporary index).
            # (A unary + keeps SQLite from looking the rows up through the list when it should walk an index.)
            where.append(
                f"{'+' if walk else ''}{w} IN (SELECT rowid FROM {self.tag_index} WHERE {self.tag_index} MATCH %s)"
            )
            params.append(self.tag_match)
            probe_includes = []
        for tag_id in probe_includes:
            where.append(f"EXISTS (SELECT 1 FROM {TAGS} ti WHERE ti.work_id = {w} AND ti.tag_id = %s)")
            params.append(tag_id)
        if self.excludes and self.tag_match is None:
            where.append(
                f"NOT EXISTS (SELECT 1 FROM {TAGS} tx WHERE tx.work_id = {w}"
                f" AND tx.tag_id IN ({placeholders(self.excludes)}))"
            )
            params.extend(self.excludes)
        if q.pseud_ids:
            where.append(f"{w} IN (SELECT work_id FROM {CREATORSHIP} WHERE pseud_id IN ({placeholders(q.pseud_ids)}))")
            params.extend(q.pseud_ids)
        if q.external_creator_ids:
            where.append(
                f"{w} IN (SELECT work_id FROM {EXTERNAL_CREATORSHIP}"
                f" WHERE external_creator_id IN ({placeholders(q.external_creator_ids)}))"
            )
            params.extend(q.external_creator_ids)
        if q.shelf_user_id is not None:
            where.append(f"{w} IN (SELECT work_id FROM {SHELF} WHERE user_id = %s AND status = %s)")
            params.extend([q.shelf_user_id, q.shelf_status])
        if q.exclude_user_ids:
            where.append(
                f"{w} NOT IN (SELECT c.work_id FROM {CREATORSHIP} c JOIN {PSEUD} p ON p.id = c.pseud_id"
                f" WHERE p.user_id IN ({placeholders(q.exclude_user_ids)}))"
            )
            params.extend(q.exclude_user_ids)
        return where, params

    # --- shapes ----------------------------------------------------------------------------------------

    def _from(
        self,
        driver_tag: int | None,
        *,
        need_doc: bool,
        need_works: bool,
        scan_works: bool = False,
        ranked: bool = False,
        fts_table: str = "",
        walk: bool = False,
    ) -> tuple[str, str, list[str], list[object]]:
        """FROM clause, the work id expression, and the WHERE (with parameters) of a shape; ``ranked`` when the
        statement orders by the text's rank (else the text's matches are read without computing it)."""
        q = self.query
        where: list[str] = []
        params: list[object] = []
        join_params: list[object] = []
        if driver_tag is not None:
            w = "t0.work_id"
            sql = f"FROM {TAGS} t0"
            where.append("t0.tag_id = %s")
            params.append(driver_tag)
            if not q.include_restricted:
                where.append("t0.restricted = %s")
                params.append(False)
            if need_doc:
                sql += f" {self.force_join} {DOC} d ON d.work_id = t0.work_id"
            if need_works:
                sql += f" {self.force_join} {WORK} w ON w.id = t0.work_id"
            probes = [t for t in self.includes if t != driver_tag]
        else:
            w = "d.work_id"
            if fts_table and self.text is not None:  # the FTS5 table itself, matched in this statement
                sql = f"FROM {fts_table} {self.force_join} {DOC} d ON d.work_id = {fts_table}.rowid"
                where.append(f"{fts_table} MATCH %s")
                params.extend(self.text.matches_params)
            elif self.text is not None and self.text.source:
                if ranked or not self.text.plain_source:
                    source, source_params = self.text.source, self.text.source_params
                else:  # sorted by something else: no rank to compute for every match
                    source, source_params = self.text.plain_source, self.text.matches_params
                sql = f"FROM {source} {self.force_join} {DOC} d ON d.work_id = m.work_id"
                join_params.extend(source_params)
                if need_works:
                    sql += f" {self.force_join} {WORK} w ON w.id = d.work_id"
            elif scan_works:
                sql = f"FROM {WORK} w {self.force_join} {DOC} d ON d.work_id = w.id"
            else:
                sql = f"FROM {DOC} d"
                if need_works:
                    sql += f" JOIN {WORK} w ON w.id = d.work_id"
            if not q.include_restricted:
                where.append("d.restricted = %s")
                params.append(False)
            probes = self.includes
        if self.text is not None:
            where.extend(c.format(w=w) for c in self.text.where)
            params.extend(self.text.params)
            if driver_tag is not None and self.text.driven_where:
                where.append(self.text.driven_where.format(w=w))
                params.extend(self.text.driven_params)
        if need_doc or driver_tag is None:
            where.extend(self.doc_where)
            params.extend(self.doc_params)
        # With the document joined, per-work probes name d.work_id so that SQLite tests the document's cheap
        # conditions (rating, words…) first and probes only the works that pass them.
        probe_w = "d.work_id" if driver_tag is not None and need_doc else w
        more, more_params = self._work_conditions(probe_w, probes, walk=walk)
        where.extend(more)
        params.extend(more_params)
        if where:
            sql += " WHERE " + " AND ".join(where)
        return sql, w, [], [*join_params, *params]

    @property
    def ranked(self) -> bool:
        """True when the results are sorted by the text's rank."""
        return self.query.sort == Sort.RELEVANCE and self.text is not None and bool(self.text.rank)

    def sorted_by_tag_index(self, driver_tag: int | None) -> bool:
        """True when the driving tag's index range is already in the page's order (newest updated first or last):
        the page is then its first matches, read in order, with nothing to sort."""
        sort = Sort.UPDATED if self.query.sort == Sort.RELEVANCE and not self.ranked else self.query.sort
        return driver_tag is not None and sort == Sort.UPDATED

    @property
    def walkable(self) -> bool:
        """False when the sort has no index to walk (kudos per hit): the matches are then always sorted."""
        return self.query.sort != Sort.KUDOS_RATIO

    def _needs_doc(self) -> bool:
        return bool(self.doc_where) or bool(self.text and self.text.needs_doc)

    def count_is_cheap(self, driver_tag: int | None) -> bool:
        """True when the count is one index range (a tag's, or every document) with no test per row."""
        q = self.query
        per_row = bool(
            self.doc_where or self.text or self.excludes or q.pseud_ids or q.external_creator_ids or q.exclude_user_ids
            or q.shelf_user_id is not None
            or self.tag_match or [t for t in self.includes if t != driver_tag]
        )  # fmt: skip
        return not per_row

    def text_count(self, cap: int) -> Statement:
        """How many works the text matches, counting no further than ``cap``."""
        assert self.text is not None
        return Statement(
            f"SELECT COUNT(*) FROM ({self.text.matches} LIMIT %s) capped", [*self.text.matches_params, cap]
        )

    def count(self, driver_tag: int | None, cap: int | None = None) -> Statement:
        """COUNT of the matches; with ``cap``, counting stops after ``cap`` of them."""
        sql, w, _, params = self._from(driver_tag, need_doc=self._needs_doc(), need_works=False)
        if cap is None:
            return Statement(f"SELECT COUNT(*) {sql}", params)
        return Statement(f"SELECT COUNT(*) FROM (SELECT {w} {sql} LIMIT %s) capped", [*params, cap])

    def ids(self, driver_tag: int | None, limit: int) -> Statement:
        """Up to ``limit`` matching ids in no particular order (facets over every match)."""
        sql, w, _, params = self._from(driver_tag, need_doc=self._needs_doc(), need_works=False)
        return Statement(f"SELECT {w} {sql} LIMIT %s", [*params, limit])

    def order_ids(self, work_ids: list[int], *, limit: int, offset: int, materialize: bool = False) -> Statement:
        """A page of these (matching) works in the search's order (``materialize``: see :meth:`page`)."""
        order, order_params, _, need_works = self._order("d.work_id", on_tag_index=False)
        join = f" JOIN {WORK} w ON w.id = d.work_id" if need_works else ""
        if materialize:
            return Statement(
                f"WITH m AS MATERIALIZED (SELECT work_id FROM {DOC} WHERE work_id IN ({placeholders(work_ids)}))"
                f" SELECT d.work_id FROM m JOIN {DOC} d ON d.work_id = m.work_id{join}"
                f" ORDER BY {order} {limit_clause(limit, offset)}",
                [*work_ids, *order_params],
            )
        return Statement(
            f"SELECT d.work_id FROM {DOC} d{join} WHERE d.work_id IN ({placeholders(work_ids)})"
            f" ORDER BY {order} {limit_clause(limit, offset)}",
            [*work_ids, *order_params],
        )

    def sample(self, driver_tag: int | None, limit: int) -> Statement:
        """Up to ``limit`` matches read where it is cheapest in a useful order, whatever the page's sort (facets
        over many matches): the driving tag's most recently updated works, else the newest works."""
        # Only asked for when the matches are many: without a tag, walk the newest works and test each.
        sql, w, _, params = self._from(
            driver_tag, need_doc=self._needs_doc(), need_works=False, walk=driver_tag is None
        )
        order = "t0.updated_on DESC, t0.work_id DESC" if driver_tag is not None else f"{w} DESC"
        return Statement(f"SELECT {w} {sql} ORDER BY {order} {limit_clause(limit)}", params)

    def _order(self, w: str, *, on_tag_index: bool) -> tuple[str, list[object], bool, bool]:
        """ORDER BY, its parameters, and whether it needs the document and works rows."""
        q = self.query
        direction = "DESC" if q.descending else "ASC"
        if self.ranked:
            assert self.text is not None and self.text.rank is not None
            return f"{self.text.rank} {direction}, {w} {direction}", list(self.text.rank_params), False, False
        sort = Sort.UPDATED if q.sort == Sort.RELEVANCE else q.sort
        if sort in WORK_SORTS:
            return f"{WORK_SORTS[sort]} {direction}, w.id {direction}", [], False, True
        if sort == Sort.KUDOS_RATIO:
            return ratio_order(direction), [], False, True
        if sort == Sort.UPDATED and on_tag_index:
            return f"t0.updated_on {direction}, t0.work_id {direction}", [], False, False
        return f"{DOC_SORTS[sort]} {direction}, d.work_id {direction}", [], True, False

    def page(
        self,
        driver_tag: int | None,
        *,
        scan: bool,
        limit: int,
        offset: int,
        with_total: bool = False,
        materialize: bool = False,
    ) -> Statement:
        """The page's ids in order; ``with_total`` adds the number of matches to each row (one pass).
        ``materialize`` (with ``with_total``) finds the matches first in a CTE the planner cannot fold in, then
        sorts them: PostgreSQL otherwise may walk a whole sort index (kudos…) looking for a small tag's works."""
        if scan:
            driver_tag = None
        if with_total and materialize:
            return self._materialized_page(driver_tag, limit=limit, offset=offset)
        order_probe = self._order("x", on_tag_index=driver_tag is not None)
        need_doc = self._needs_doc() or order_probe[2]
        need_works = order_probe[3]
        sql, w, _, params = self._from(
            driver_tag,
            need_doc=need_doc,
            need_works=need_works,
            scan_works=scan and need_works,
            ranked=self.ranked,
            walk=scan,
        )
        order, order_params, _, _ = self._order(w, on_tag_index=driver_tag is not None)
        return Statement(
            f"SELECT {w}{', COUNT(*) OVER ()' if with_total else ''} {sql} ORDER BY {order}"
            f" {limit_clause(limit, offset)}",
            [*params, *order_params],
        )

    def _materialized_page(self, driver_tag: int | None, *, limit: int, offset: int) -> Statement:
        sql, w, _, params = self._from(driver_tag, need_doc=self._needs_doc(), need_works=False, ranked=self.ranked)
        order, order_params, need_doc, need_works = self._order("m.work_id", on_tag_index=False)
        joins = f" JOIN {DOC} d ON d.work_id = m.work_id" if need_doc or (self.ranked and self.text) else ""
        joins += f" JOIN {WORK} w ON w.id = m.work_id" if need_works else ""
        return Statement(
            f"WITH m AS MATERIALIZED (SELECT {w} AS work_id {sql})"
            f" SELECT m.work_id, COUNT(*) OVER () FROM m{joins} ORDER BY {order} {limit_clause(limit, offset)}",
            [*params, *order_params],
        )

    def fts_windowed_page(self, *, window: int, limit: int, offset: int) -> Statement:
        """SQLite: the page ranked among the ``window`` newest matches, in one FTS5 statement that walks the
        matches newest first with every filter applied, so ``bm25`` runs only for the window's works; each row
        carries the window's size (all the matches when it is smaller than ``window``)."""
        assert self.text is not None and self.text.fts_table
        table = self.text.fts_table
        sql, _, _, params = self._from(None, need_doc=True, need_works=False, fts_table=table)
        direction = "ASC" if self.query.descending else "DESC"  # bm25: lower is better
        ties = "DESC" if self.query.descending else "ASC"
        return Statement(
            f"WITH win AS MATERIALIZED (SELECT d.work_id AS work_id, {self.text.fts_rank} AS score {sql}"
            f" ORDER BY {table}.rowid DESC {limit_clause(window)})"
            f" SELECT work_id, (SELECT COUNT(*) FROM win) FROM win ORDER BY score {direction}, work_id {ties}"
            f" {limit_clause(limit, offset)}",
            params,
        )

    def windowed_page(self, driver_tag: int | None, *, window: int, limit: int, offset: int) -> Statement:
        """The page ranked among the ``window`` newest matches (highest work ids), with the number of all matches on
        each row (one pass): for backends whose rank reads each match's whole chapter-text vector. When there are
        no more matches than ``window`` this is the ranking of every match. Needs a rank on ``d``.

        The matches are materialized first (a CTE the planner cannot fold in), so they are found through the
        text index rather than by walking the date index and testing every work's text."""
        sql, w, _, params = self._from(driver_tag, need_doc=True, need_works=False)
        order, order_params, _, _ = self._order("d.work_id", on_tag_index=False)
        return Statement(
            f"WITH matches AS MATERIALIZED (SELECT {w} AS work_id {sql})"
            " SELECT d.work_id, win.total FROM (SELECT work_id, COUNT(*) OVER () AS total FROM matches"
            f" ORDER BY work_id DESC {limit_clause(window)}) win"
            f" JOIN {DOC} d ON d.work_id = win.work_id ORDER BY {order} {limit_clause(limit, offset)}",
            [*params, *order_params],
        )
