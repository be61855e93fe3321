"""Reads for pages: the suggestions a writer still has to decide on."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache

from scriptorium.suggest.engine import suggest_document
from scriptorium.suggest.knowledge import knowledge_version
from scriptorium.suggest.models import RatingClassifier, SuggestionFeedback
from scriptorium.suggest.result import Suggestion, Suggestions
from scriptorium.suggest.textsource import document_from_text, document_from_work
from scriptorium.tags.vocabulary import CHOSE_NOT_TO_WARN, NOT_RATED
from scriptorium.works.models import Work
from scriptorium.works.selectors import work_input_current

CACHE_SECONDS = 24 * 3600
LABELS = {
    "fandoms": "Fandoms",
    "characters": "Characters",
    "relationships": "Relationships",
    "categories": "Categories",
    "rating": "Rating",
    "warnings": "Archive warnings",
    "additional_tags": "Additional tags",
    "language": "Language",
}
MENTIONED_LABEL = "Also mentioned"
MENTIONED_HELP = "Characters only talked about, not on the page. Some writers tag them; accepting adds a character."


@dataclass
class FieldChips:
    field: str
    label: str
    items: list[Suggestion] = field(default_factory=list)
    #: Set for the "Also mentioned" group (its chips go to the characters field, but are shown apart).
    help: str = ""


@dataclass
class ChipBoard:
    """What the chips template shows: open suggestions grouped by field, and the notes."""

    groups: list[FieldChips] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    suggestions: Suggestions | None = None

    @property
    def empty(self) -> bool:
        return not any(g.items for g in self.groups)


def _board(result: Suggestions, present: dict[str, set[str]], decided: set[tuple[str, str]]) -> ChipBoard:
    board = ChipBoard(notes=list(result.notes), suggestions=result)
    for field_name, items in result.field_items():
        open_items = _open(items, field_name, present, decided)
        if open_items:
            board.groups.append(FieldChips(field_name, LABELS[field_name], open_items))
        if field_name == "characters":  # results cached before mentions existed have none
            mentioned = _open(getattr(result, "mentioned", []), field_name, present, decided)
            if mentioned:
                board.groups.append(FieldChips(field_name, MENTIONED_LABEL, mentioned, MENTIONED_HELP))
    return board


def _open(
    items: list[Suggestion], field_name: str, present: dict[str, set[str]], decided: set[tuple[str, str]]
) -> list[Suggestion]:
    have = {v.casefold() for v in present.get(field_name, set())}
    return [
        s.trimmed()
        for s in items
        if s.name.casefold() not in have
        and (field_name, s.name) not in decided
        and s.name not in (NOT_RATED, CHOSE_NOT_TO_WARN)
    ]


def work_suggestions(work: Work) -> Suggestions:
    """Suggestions for a work, cached per revision of the work and version of the knowledge (and of the
    rating classifier), so the edit form does not read a long work again on every visit."""
    newest = RatingClassifier.objects.order_by("-id").values_list("id", flat=True).first()
    key = f"suggest:{work.pk}:{work.revision}:{knowledge_version()}:{newest}"
    found = cache.get(key)
    if found is None:
        found = suggest_document(document_from_work(work))
        cache.set(key, found, CACHE_SECONDS)
    return found


def chips_for_work(work: Work) -> ChipBoard:
    """Suggestions for a work, leaving out what it already has and what its writers decided on."""
    result = work_suggestions(work)
    data = work_input_current(work)
    present = {
        "fandoms": set(data.fandoms),
        "characters": set(data.characters),
        "relationships": set(data.relationships),
        "categories": set(data.categories),
        "additional_tags": set(data.additional_tags),
        "warnings": set(data.warnings) - {CHOSE_NOT_TO_WARN},
        "rating": {data.rating} - {NOT_RATED},
        "language": {data.language},
    }
    decided = set(SuggestionFeedback.objects.filter(work=work).values_list("field", "name"))
    return _board(result, present, decided)


def chips_for_text(
    *, text: str, summary: str, present: dict[str, set[str]], rejected: set[tuple[str, str]]
) -> ChipBoard:
    """Suggestions for a work not saved yet (the posting form): from the typed text and summary."""
    return _board(suggest_document(document_from_text(text, summary=summary)), present, rejected)
