"""Folding tag names for lookups: lower case, no accents, and the words a name is found by."""

from __future__ import annotations

import re
import unicodedata

#: What separates the words a writer types: spaces and the punctuation of relationship and fandom names.
_WORD_BREAKS = re.compile(r"[\s/&|(),:;!?\"“”]+")
_NON_WORD = re.compile(r"\W+")


def fold(text: str) -> str:
    """Lower case without accents: "Padmé" and "PADME" both fold to "padme"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def query_words(text: str) -> list[str]:
    """The words of what someone typed, folded, each to be matched as the start of a word of a name."""
    return [w for w in _WORD_BREAKS.split(fold(text)) if w.strip(".'-")]


def name_words(name: str) -> set[str]:
    """Every word a tag name can be found by: "T'Challa (Marvel)" → t'challa, t, challa, marvel."""
    words: set[str] = set()
    for word in query_words(name):
        words.add(word)
        words.update(part for part in _NON_WORD.split(word) if part)
    return {w[:150] for w in words}
