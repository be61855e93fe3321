"""Run the suggester over the labelled evaluation set and score it field by field."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from scriptorium.suggest.engine import ORIGINAL_WORK, suggest_document
from scriptorium.suggest.knowledge import Knowledge, build_knowledge
from scriptorium.suggest.textsource import document_from_parsed
from scriptorium.tags.vocabulary import EXPLICIT, GENERAL, MATURE, SUBSTANTIVE_WARNINGS, TEEN
from scriptorium.transfer.formats import parse_file

HERE = Path(__file__).parent
LABELS = HERE / "labels.toml"
TEXTS = HERE / "texts"
RATING_STEPS = {GENERAL: 0, TEEN: 1, MATURE: 2, EXPLICIT: 3}
SET_FIELDS = ("characters", "relationships", "categories", "warnings", "additional_tags", "fandoms", "mentioned")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Report:
    cases: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in SET_FIELDS})
    fandom_hits: int = 0
    rating_exact: int = 0
    rating_near: int = 0
    language_hits: int = 0
    misses: list[dict[str, object]] = field(default_factory=list)

    def figures(self) -> dict[str, object]:
        n = max(self.cases, 1)
        fields = {name: tally.as_dict() for name, tally in self.tallies.items()}
        return {
            "cases": self.cases,
            "fields": fields,
            "fandom_accuracy": round(self.fandom_hits / n, 3),
            "rating_exact": round(self.rating_exact / n, 3),
            "rating_exact_or_one_step": round(self.rating_near / n, 3),
            "warnings_recall": fields["warnings"]["recall"],
            "warnings_precision": fields["warnings"]["precision"],
            "language_accuracy": round(self.language_hits / n, 3),
        }


def _score(tally: Tally, predicted: set[str], truth: set[str], neutral: set[str]) -> tuple[set[str], set[str]]:
    extra = predicted - truth - neutral
    missed = truth - predicted
    tally.tp += len(predicted & truth)
    tally.fp += len(extra)
    tally.fn += len(missed)
    return extra, missed


def evaluate(knowledge: Knowledge | None = None) -> Report:
    """Score the suggester on every labelled text. By default it knows only the starter canon (not this
    archive's tags or writers' feedback), so the figures are the same on every archive and in CI."""
    knowledge = knowledge if knowledge is not None else build_knowledge(with_database=False)
    cases = tomllib.loads(LABELS.read_text(encoding="utf-8"))["case"]
    report = Report()
    for case in cases:
        path = TEXTS / case["file"]
        parsed = parse_file(path.read_bytes(), path.name, max_bytes=10 * 1024 * 1024)
        result = suggest_document(document_from_parsed(parsed), knowledge, use_classifier=False)
        report.cases += 1
        miss: dict[str, object] = {"file": case["file"]}
        fandom_truth = set(case.get("fandoms", []))
        also = set(case.get("fandoms_also_ok", []))
        predicted_fandoms = result.names("fandoms")
        top = predicted_fandoms[0] if predicted_fandoms else None
        if (top in fandom_truth | also) or (not fandom_truth and top == ORIGINAL_WORK):
            report.fandom_hits += 1
        else:
            miss["fandom"] = top
        truth_sets = {
            "characters": (
                set(case["characters"]),
                set(case.get("mentioned", [])) | set(case.get("characters_also_ok", [])),
            ),
            "relationships": (set(case["relationships"]), set()),
            "categories": (set(case["categories"]), set()),
            "warnings": (set(case["warnings"]) & SUBSTANTIVE_WARNINGS, set()),
            "additional_tags": (set(case["additional_tags"]), set()),
            "fandoms": (fandom_truth or {ORIGINAL_WORK}, also),
            # The "Also mentioned" group: a main character listed there is not a wrong tag, only a weaker one.
            "mentioned": (
                set(case.get("mentioned", [])),
                set(case["characters"]) | set(case.get("characters_also_ok", [])),
            ),
        }
        for name, (truth, neutral) in truth_sets.items():
            predicted = set(result.names(name))
            if name == "warnings":
                predicted &= SUBSTANTIVE_WARNINGS
            extra, missed = _score(report.tallies[name], predicted, truth, neutral)
            if extra or missed:
                miss[name] = {"extra": sorted(extra), "missed": sorted(missed)}
        rating = result.rating[0].name if result.rating else None
        truth_rating = case["rating"]
        if rating == truth_rating:
            report.rating_exact += 1
        if rating in RATING_STEPS and abs(RATING_STEPS[rating] - RATING_STEPS[truth_rating]) <= 1:
            report.rating_near += 1
        if rating != truth_rating:
            miss["rating"] = f"{rating} (true: {truth_rating})"
        language = result.language[0].name if result.language else None
        if language == case.get("language", "en"):
            report.language_hits += 1
        else:
            miss["language"] = language
        if len(miss) > 1:
            report.misses.append(miss)
    return report
