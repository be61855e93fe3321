"""Word counts by AO3's rule.

Words are separated by whitespace and dashes (em dash, en dash, a double hyphen); an apostrophe or a hyphen
inside a word does not split it; every CJK, Japanese kana, Hangul and Thai character counts as one word;
runs of bare punctuation ("…", "*", "~") are not words.
"""

from __future__ import annotations

import re

from scriptorium.core.text import html_to_text

# Scripts written without spaces between words: each character is a word.
_CHAR_WORDS = (
    "\u0e00-\u0e7f"  # Thai
    "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\U00020000-\U0002fa1f"
    "\uac00-\ud7af\u1100-\u11ff"  # Hangul syllables and jamo
)
_CHAR_WORD = re.compile(f"[{_CHAR_WORDS}]")
_SEPARATORS = re.compile(r"(?:\s|[\u2012\u2013\u2014\u2015\u2E3A\u2E3B]|--+)+")
_HAS_WORD_CHAR = re.compile(r"\w")


def count_words(text: str) -> int:
    """Words in plain text."""
    if not text:
        return 0
    char_words = len(_CHAR_WORD.findall(text))
    rest = _CHAR_WORD.sub(" ", text)
    tokens = _SEPARATORS.split(rest)
    return char_words + sum(1 for token in tokens if token and _HAS_WORD_CHAR.search(token))


def count_html_words(html: str) -> int:
    """Words in stored HTML (tags are not words)."""
    return count_words(html_to_text(html))
