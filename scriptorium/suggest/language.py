"""Language: the share of very common words of each language, and the script for languages that need no
spaces. Small and explainable; good enough to fill in a missing language."""

from __future__ import annotations

import re

from scriptorium.suggest.result import Suggestion


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _words("the and of to a in that it was he she i you his her with for on is not but had at as"),
    "fr": _words("le la les et de des un une est pas que qui il elle je dans du au sur pour avec ne se"),
    "es": _words("el la los las y de que en un una es no se por con su para lo como pero del al"),
    "de": _words("der die das und ist nicht ich sie er es ein eine zu mit den auf dem sich auch war"),
    "it": _words("il la di che e un una non per con sono del della le lo gli ma come anche era"),
    "pt": _words("o a os as e de que não um uma para com do da em no na se por mas ele ela"),
    "nl": _words("de het een en van ik je niet dat is op te zijn met voor hij zij maar was"),
}
_WORD = re.compile(r"[^\W\d_]+")
_LETTERS = re.compile(r"[^\W\d_]")
_SCRIPTS = [
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
]
SAMPLE = 12_000


def detect_language(text: str) -> Suggestion | None:
    sample = text[:SAMPLE]
    letters = len(_LETTERS.findall(sample))
    if letters < 40:
        return None
    for code, script in _SCRIPTS:
        share = len(script.findall(sample)) / letters
        if share > 0.3:
            return Suggestion(code, min(0.95, 0.5 + share / 2), [], "From the script the text is written in.")
    words = [w.casefold() for w in _WORD.findall(sample)]
    if len(words) < 20:
        return None
    counts = {code: sum(1 for w in words if w in stops) for code, stops in STOP_WORDS.items()}
    best = max(counts, key=counts.__getitem__)
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] == 0:
        return None
    margin = (ranked[0] - ranked[1]) / ranked[0]
    share = ranked[0] / len(words)
    confidence = min(0.98, 0.3 + margin * 0.5 + share)
    return Suggestion(best, round(confidence, 3), [], f"{ranked[0]} of {len(words)} words are common {best} words.")
