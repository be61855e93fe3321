"""Highlighted passages built in Python from plain text (the PostgreSQL backend uses it; FTS5 has its own).

Words are found as the index finds them (letters and digits, compared folded), so a snippet marks what matched.
The result is HTML-safe: the text is escaped and only ``<mark>`` is added.
"""

from __future__ import annotations

import html
import re

from scriptorium.search.textquery import Clause, fold

_WORD = re.compile(r"[^\W_]+")
BEFORE, AFTER = 10, 22


def _matches(words: list[str], i: int, clause: Clause) -> int:
    """How many words of ``clause`` match at index ``i`` (0: no match)."""
    n = len(clause.words)
    if i + n > len(words):
        return 0
    for k, wanted in enumerate(clause.words):
        word = words[i + k]
        last = k == n - 1
        if not (word == wanted or (last and clause.prefix and word.startswith(wanted))):
            return 0
    return n


def snippet(text: str, clauses: tuple[Clause, ...]) -> str | None:
    """The passage around the first match of any clause in ``text``, or None when nothing matches."""
    if not text or not clauses:
        return None
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    words = [fold(text[s:e]) for s, e in spans]
    first = None
    for i in range(len(words)):
        if any(_matches(words, i, c) for c in clauses):
            first = i
            break
    if first is None:
        return None
    lo, hi = max(0, first - BEFORE), min(len(spans), first + AFTER)
    marked: list[tuple[int, int]] = []
    i = lo
    while i < hi:
        n = max((_matches(words, i, c) for c in clauses), default=0)
        if n:
            marked.append((spans[i][0], spans[min(i + n, len(spans)) - 1][1]))
            i += n
        else:
            i += 1
    start, end = spans[lo][0], spans[hi - 1][1]
    out = ["…" if lo > 0 else ""]
    pos = start
    for s, e in marked:
        out.append(html.escape(text[pos:s], quote=False))
        out.append("<mark>" + html.escape(text[s:e], quote=False) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:end], quote=False))
    out.append("…" if hi < len(spans) else "")
    return "".join(out)
