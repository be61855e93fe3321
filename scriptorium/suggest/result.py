"""What the suggester answers: suggestions per field, each with a confidence and the passages behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The signals a piece of evidence can come from.
SIGNALS: tuple[str, ...] = (
    "alias match",
    "ship name",
    "co-occurrence",
    "lexicon rule",
    "classifier",
    "file header",
    "feedback",
)
FIELDS: tuple[str, ...] = (
    "fandoms",
    "characters",
    "relationships",
    "categories",
    "rating",
    "warnings",
    "additional_tags",
    "language",
)
#: Evidence kept per suggestion (the strongest first), so pages and JSON stay short.
EVIDENCE_MAX = 5


@dataclass
class Evidence:
    """A passage that supports a suggestion. ``chapter`` is 0 for the work's own summary and notes, else the
    chapter number; ``start``/``end`` are character offsets in that part's plain text."""

    chapter: int
    start: int
    end: int
    excerpt: str
    signal: str
    weight: float = 1.0

    def as_dict(self) -> dict[str, object]:
        return {
            "chapter": self.chapter,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "signal": self.signal,
        }


@dataclass
class Suggestion:
    name: str
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)
    note: str = ""
    #: The words of the text it was found by (characters), for learning from the writer's decision.
    surfaces: list[str] = field(default_factory=list)

    def add(self, evidence: Evidence) -> None:
        self.evidence.append(evidence)

    def trimmed(self) -> Suggestion:
        best = sorted(self.evidence, key=lambda e: -e.weight)[:EVIDENCE_MAX]
        confidence = round(min(max(self.confidence, 0.0), 1.0), 3)
        return Suggestion(self.name, confidence, best, self.note, self.surfaces)

    def as_dict(self) -> dict[str, object]:
        trimmed = self.trimmed()
        data: dict[str, object] = {
            "name": trimmed.name,
            "confidence": trimmed.confidence,
            "evidence": [e.as_dict() for e in trimmed.evidence],
        }
        if self.note:
            data["note"] = self.note
        return data


@dataclass
class Suggestions:
    fandoms: list[Suggestion] = field(default_factory=list)
    characters: list[Suggestion] = field(default_factory=list)
    relationships: list[Suggestion] = field(default_factory=list)
    categories: list[Suggestion] = field(default_factory=list)
    rating: list[Suggestion] = field(default_factory=list)
    warnings: list[Suggestion] = field(default_factory=list)
    additional_tags: list[Suggestion] = field(default_factory=list)
    language: list[Suggestion] = field(default_factory=list)
    #: Characters only mentioned, not on the page: shown apart ("Also mentioned"), offered for the characters
    #: field, never among ``field_items()`` (so never batch-accepted, never scored as main characters).
    mentioned: list[Suggestion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def field_items(self) -> list[tuple[str, list[Suggestion]]]:
        return [(name, getattr(self, name)) for name in FIELDS]

    def names(self, field_name: str) -> list[str]:
        return [s.name for s in getattr(self, field_name)]

    def find(self, field_name: str, name: str) -> Suggestion | None:
        found = next((s for s in getattr(self, field_name, []) if s.name == name), None)
        if found is None and field_name == "characters":  # a mention accepted from "Also mentioned"
            found = next((s for s in getattr(self, "mentioned", []) if s.name == name), None)
        return found

    @property
    def fandom(self) -> str:
        return self.fandoms[0].name if self.fandoms else ""

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {name: [s.as_dict() for s in items] for name, items in self.field_items()}
        data["mentioned"] = [s.as_dict() for s in self.mentioned]
        data["notes"] = list(self.notes)
        return data
