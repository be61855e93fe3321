"""The search box and the tag graph (docs/search.md, "Tags and spelling in the search box").

A clause of ``q`` that is a tag's name — ``tag:dramione`` or a plain ``Romangers`` — is looked up: when it names a
synonym, the clause also matches the works found under its canonical tag (``WorkQuery.text_tags``: the canonical
name's words in the work's tags, which the index holds for every tag a work is found under), and the page asks
"Did you mean the tag …?" with a link that filters by the tag instead. A plain word that matches no work gets a
spelling suggestion from the index's own vocabulary (SQLite: FTS5's vocabulary table; PostgreSQL: the words of
the newest documents' metadata), looked for only when a search finds few works.
"""

# SQL here is assembled from constant table names; every value is a parameter.
# ruff: noqa: S608
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.db import connection
from django.db.models.functions import Lower

from scriptorium.search.query import QuerySyntaxError
from scriptorium.search.textquery import TextQuery, parse, tokens
from scriptorium.tags.models import Tag, TagType
from scriptorium.works.selectors import works_visible

if TYPE_CHECKING:
    from scriptorium.search.selectors import Viewer

#: Looked for only when a search finds fewer works than this.
SPELLING_BELOW = 5
#: Shortest word checked for spelling.
SPELLING_MIN = 4
#: PostgreSQL: the vocabulary is read from this many newest documents' metadata (titles, creators, tags, summaries).
PG_VOCABULARY_DOCS = 5000
FTS = "search_fts"
DOC = "search_searchdocument"


@dataclass(frozen=True)
class TagHint:
    typed: str
    tag: Tag  # the canonical tag (or the tag itself, if it is not a synonym)
    url: str  # this search with the tag as a filter instead of the words
    merged: bool = False  # a synonym's name: the search also found the works under its canonical tag


@dataclass(frozen=True)
class SpellingHint:
    text: str  # the search text with the fixes
    url: str


@dataclass
class TagText:
    text_tags: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    hints: list[TagHint] = field(default_factory=list)
    parsed: TextQuery | None = None


def _without(text: str, typed: str) -> str:
    """``text`` without the first clause typed as ``typed`` (with its ``tag:`` and quotes)."""
    lowered = text.casefold()
    for form in (f'tag:"{typed}"', f"tag:{typed}", f'"{typed}"', typed):
        at = lowered.find(form.casefold())
        if at >= 0:
            return " ".join((text[:at] + text[at + len(form) :]).split())
    return text


def _url(path: str, params: list[tuple[str, str]], q: str, extra: list[tuple[str, str]]) -> str:
    pairs = [(k, v) for k, v in params if k not in ("q", "page")]
    pairs = ([("q", q)] if q else []) + pairs + extra
    return f"{path}?{urlencode(pairs)}" if pairs else path


def tag_text(text: str, user: Viewer, *, path: str, params: list[tuple[str, str]]) -> TagText:
    """The tags ``text``'s clauses name (as ``user`` may learn of them), as hints and as ``text_tags``."""
    try:
        parsed = parse(text)
    except QuerySyntaxError:
        return TagText()
    if parsed is None:
        return TagText()
    clauses = {}
    for clause in parsed.positive:
        if clause.column in (None, "tags") and not clause.prefix and clause.raw.strip():
            clauses.setdefault(clause.raw.strip().casefold(), clause)
    whole = " ".join(text.split())
    names = {*clauses, whole.casefold()}
    found = (
        Tag.objects.annotate(_lname=Lower("name"))
        .filter(_lname__in=sorted(names))
        .exclude(type__in=(TagType.RATING, TagType.MEDIA))
        .shown_with(works_visible(user))
        .select_related("merger")
    )
    result = TagText(parsed=parsed)
    alternatives = []
    for tag in sorted(found, key=lambda t: t.name.casefold()):
        key = tag.name.casefold()
        canonical = tag.merger or tag
        typed = clauses[key].raw.strip() if key in clauses else whole
        rest = "" if key == whole.casefold() and key not in clauses else _without(text, typed)
        url = _url(path, params, rest, [("include", canonical.name)])
        merged = tag.merger is not None and key in clauses
        result.hints.append(TagHint(typed=typed, tag=canonical, url=url, merged=merged))
        if merged:
            alternatives.append((clauses[key].words, tuple(tokens(canonical.name))))
    result.text_tags = tuple(alternatives)
    return result


# --- Spelling -------------------------------------------------------------------------------------------------


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` once it is certain to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _known(word: str) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT EXISTS (SELECT 1 FROM {DOC} d WHERE d.document @@ to_tsquery('simple', %s)"
                " OR d.body @@ to_tsquery('simple', %s))",
                [f"'{word}'", f"'{word}'"],
            )
            return bool(cursor.fetchone()[0])
        cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, {FTS}, row)")
        cursor.execute("SELECT 1 FROM temp.search_vocab WHERE term = %s", [word])
        return cursor.fetchone() is not None


def _near(word: str) -> list[tuple[str, int]]:
    """Words of the index starting with the same letter, about as long, with how many documents hold each."""
    low, high = word[0], chr(ord(word[0]) + 1)
    sizes = [len(word) - 2, len(word) + 2]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT word, ndoc FROM ts_stat("
                f"'SELECT document FROM {DOC} ORDER BY work_id DESC LIMIT {int(PG_VOCABULARY_DOCS)}')"
                " WHERE word >= %s AND word < %s AND length(word) BETWEEN %s AND %s",
                [low, high, *sizes],
            )
        else:
            cursor.execute(
                "SELECT term, doc FROM temp.search_vocab WHERE term >= %s AND term < %s"
                " AND length(term) BETWEEN %s AND %s",
                [low, high, *sizes],
            )
        return list(cursor.fetchall())


def spelling_hint(
    text: str, parsed: TextQuery | None, *, path: str, params: list[tuple[str, str]]
) -> SpellingHint | None:
    """A search with each plain word no work holds replaced by the closest word of the index (at most one edit
    for short words, two for longer ones; the commonest among equals), or None when there is nothing to fix."""
    if parsed is None:
        return None
    fixed, changed = text, False
    for clause in parsed.positive:
        if clause.column is not None or clause.prefix or len(clause.words) != 1 or clause.either:
            continue
        word = clause.words[0]
        if len(word) < SPELLING_MIN or not word.isalpha() or _known(word):
            continue
        limit = 1 if len(word) <= 5 else 2
        ranked = sorted((d, -n, w) for w, n in _near(word) if w != word and (d := _distance(word, w, limit)) <= limit)
        if ranked:
            at = fixed.casefold().find(clause.raw.casefold())
            if at >= 0:
                fixed = fixed[:at] + ranked[0][2] + fixed[at + len(clause.raw) :]
                changed = True
    if not changed:
        return None
    return SpellingHint(text=fixed, url=_url(path, params, fixed, []))
