from __future__ import annotations

from scriptorium.suggest.engine import suggest_document
from scriptorium.suggest.knowledge import build_knowledge
from scriptorium.suggest.result import Suggestions
from scriptorium.suggest.textsource import document_from_text

_CANON = None


def canon_only():
    global _CANON
    if _CANON is None:
        _CANON = build_knowledge(with_database=False)
    return _CANON


def suggest(text: str, summary: str = "") -> Suggestions:
    return suggest_document(document_from_text(text, summary=summary), canon_only(), use_classifier=False)
