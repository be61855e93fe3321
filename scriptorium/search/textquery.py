"""The ``q`` syntax of the works search: one parser, one tree, compiled by each backend (docs/search.md).

    dragon "found family" -angst -"major character death" drag* title:winter creator:ana tag:fluff text:"the sea"

Every clause must match (AND); ``-`` excludes; ``"…"`` is a phrase; a trailing ``*`` matches words starting so;
``field:`` limits a clause to one part of the work. Words are what a reader would call words: runs of letters
and digits, compared without case or accents, so ``spider-man`` is the phrase "spider man" and ``Re:Zero`` (no
known field before the colon) is the phrase "re zero".

Leniency: characters that are not letters or digits are separators, so a clause made only of punctuation
(``!!!``) is ignored when other clauses remain. Everything else that cannot be understood raises
:class:`~scriptorium.search.query.QuerySyntaxError` with a message for the reader: an unclosed quote, a lone
``-``, ``*`` or ``field:``, a query with only exclusions, a prefix shorter than two characters, and queries
longer than :data:`MAX_LENGTH` characters or with more than :data:`MAX_CLAUSES` clauses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from scriptorium.search.query import QuerySyntaxError

MAX_LENGTH = 500
MAX_CLAUSES = 24
MIN_PREFIX = 2

#: Reader-facing field names -> the part of the work they search.
FIELDS = {"title": "title", "summary": "summary", "text": "body", "creator": "creators", "tag": "tags"}
#: The parts of a work the text searches, in index order (``body`` is the chapter text).
COLUMNS = ("title", "creators", "tags", "summary", "body")

_TOKEN = re.compile(r"[^\W_]+")
#: ASCII characters that are not letters or digits (what ``_TOKEN`` splits on), mapped to spaces.
_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})
_FIELD = re.compile(r"([A-Za-z]+):")


def _without_marks(decomposed: str) -> str:
    """``decomposed`` without its combining marks. Indexing folds whole chapters: the marks are found among the
    text's distinct characters and removed by one small regular expression, not tested character by character."""
    marks = "".join(c for c in set(decomposed) if unicodedata.combining(c))
    return re.sub(f"[{re.escape(marks)}]+", "", decomposed) if marks else decomposed


def fold(text: str) -> str:
    """Lower case without accents: the form both backends index and compare."""
    if text.isascii():
        return text.lower()  # NFKD and NFC leave ASCII as it is
    return unicodedata.normalize("NFC", _without_marks(unicodedata.normalize("NFKD", text.lower())))


def tokens(text: str) -> list[str]:
    """The words of ``text`` as the index sees them."""
    folded = fold(text)
    if folded.isascii():  # the same words, about three times as fast on whole chapters
        return folded.translate(_ASCII_SEPARATORS).split()
    return _TOKEN.findall(folded)


@dataclass(frozen=True)
class Clause:
    """One word or phrase (``words`` has one entry for a word), maybe limited to a column, maybe excluded."""

    words: tuple[str, ...]
    column: str | None = None  # one of COLUMNS, None = any
    prefix: bool = False  # the last word is a prefix
    negated: bool = False
    #: Word sequences that also satisfy the clause when found in the work's tags: the canonical tag's name when
    #: the clause is a synonym's name ("romangers" → "natasha romanov steve rogers"; ``search.tagtext``).
    either: tuple[tuple[str, ...], ...] = ()
    #: The clause as typed (without field and quotes), to look it up as a tag name.
    raw: str = field(default="", compare=False)


@dataclass(frozen=True)
class TextQuery:
    clauses: tuple[Clause, ...]

    @property
    def positive(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.negated)

    @property
    def negative(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.negated)

    def highlight_words(self) -> tuple[tuple[str, ...], ...]:
        """Word sequences to mark in snippets (positive clauses not limited to the title/creator/tag fields)."""
        return tuple(c.words for c in self.positive if c.column in (None, "body", "summary"))


def _field_at(text: str, pos: int) -> tuple[str | None, int]:
    match = _FIELD.match(text, pos)
    if match and match.group(1).lower() in FIELDS:
        return FIELDS[match.group(1).lower()], match.end()
    return None, pos


def parse(text: str, *, tag_words: Mapping[tuple[str, ...], tuple[str, ...]] | None = None) -> TextQuery | None:
    """Parse the ``q`` text; ``None`` when it is empty (no text search). ``tag_words``: a clause's words → the words
    of the canonical tag it names (``WorkQuery.text_tags``), which a work's tags may match instead."""
    if len(text) > MAX_LENGTH:
        raise QuerySyntaxError(
            f"The search text is too long ({len(text):,} characters); use at most {MAX_LENGTH} characters."
        )
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        return None
    clauses: list[Clause] = []
    pos, end = 0, len(text)
    while pos < end:
        if text[pos].isspace():
            pos += 1
            continue
        start = pos
        negated = text[pos] == "-"
        if negated:
            pos += 1
            if pos >= end or text[pos].isspace():
                raise QuerySyntaxError('A "-" must be followed by the word or phrase to leave out, as in -angst.')
        column, pos = _field_at(text, pos)
        if column is not None and (pos >= end or text[pos].isspace()):
            name = text[start:pos].lstrip("-")
            raise QuerySyntaxError(f'"{name}" must be followed by a word or phrase, as in {name}winter.')
        if pos < end and text[pos] == '"':
            close = text.find('"', pos + 1)
            if close < 0:
                raise QuerySyntaxError('A quotation mark is not closed: phrases go between two ", as in "the sea".')
            raw, pos = text[pos + 1 : close], close + 1
        else:
            stop = pos
            while stop < end and not text[stop].isspace() and text[stop] != '"':
                stop += 1
            raw, pos = text[pos:stop], stop
        prefix = False
        if raw.endswith("*") and not raw.startswith('"'):
            prefix, raw = True, raw.rstrip("*")
        if pos < end and text[pos] == "*":
            prefix = True
            while pos < end and text[pos] == "*":
                pos += 1
        words = tuple(tokens(raw))
        if not words:
            if prefix and not raw.strip("*"):
                raise QuerySyntaxError('A "*" goes at the end of a word, as in drag* (it finds dragon and dragons).')
            continue  # punctuation only: ignored
        if prefix and len(words[-1]) < MIN_PREFIX:
            raise QuerySyntaxError(f'Put at least {MIN_PREFIX} letters before a "*", as in dr*.')
        either = ()
        if tag_words and not prefix and column in (None, "tags") and words in tag_words:
            either = (tag_words[words],)
        clauses.append(Clause(words=words, column=column, prefix=prefix, negated=negated, either=either, raw=raw))
        if len(clauses) > MAX_CLAUSES:
            raise QuerySyntaxError(f"The search has too many words or phrases; use at most {MAX_CLAUSES}.")
    if not clauses:
        raise QuerySyntaxError("The search text has no words to look for; use letters or numbers.")
    if not any(not c.negated for c in clauses):
        raise QuerySyntaxError("Add at least one word to look for: a search cannot only leave words out.")
    return TextQuery(clauses=tuple(dict.fromkeys(clauses)))


# --- Compilers --------------------------------------------------------------------------------------------


def _fts5_clause(clause: Clause) -> str:
    # Every word is a quoted FTS5 string (its tokens are letters and digits only), so nothing a reader types
    # can become FTS5 syntax.
    phrase = '"' + " ".join(clause.words) + '"' + (" *" if clause.prefix else "")
    if clause.column:
        phrase = "{" + clause.column + "} : " + phrase
    if clause.either:
        alternatives = " OR ".join('{tags} : "' + " ".join(words) + '"' for words in clause.either)
        return f"({phrase} OR {alternatives})"
    return phrase


def to_fts5(query: TextQuery) -> str:
    """An FTS5 MATCH expression: (a AND b) NOT c NOT d."""
    expression = "(" + " AND ".join(_fts5_clause(c) for c in query.positive) + ")"
    for clause in query.negative:
        expression += " NOT " + _fts5_clause(clause)
    return expression


#: PostgreSQL weights of the metadata vector; a clause limited to one of these columns carries its label.
PG_WEIGHTS = {"title": "A", "creators": "B", "tags": "C", "summary": "D"}


def to_tsquery(clause: Clause, *, weighted: bool = False) -> str:
    """A ``to_tsquery('simple', …)`` text for one clause (its sign is the caller's business).

    Words are letters and digits only and are quoted, so nothing a reader types becomes tsquery syntax."""
    label = PG_WEIGHTS.get(clause.column or "", "") if weighted else ""
    parts = []
    for i, word in enumerate(clause.words):
        star = "*" if clause.prefix and i == len(clause.words) - 1 else ""
        parts.append(f"'{word}'" + (f":{star}{label}" if star or label else ""))
    return " <-> ".join(parts)


def any_positive_tsquery(query: TextQuery) -> str:
    """One tsquery matching any positive clause (for ranking)."""
    return " | ".join(f"({to_tsquery(c)})" for c in query.positive)
