"""Fandom scores: from the characters found, the fandom's cue words, and fandom names in the summary."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from scriptorium.suggest.knowledge import Knowledge
from scriptorium.suggest.matcher import Mention, Scan
from scriptorium.suggest.result import Evidence

CUE_WEIGHT = 2.5
CUE_REPEATS = 3
HEADER_NAME_WEIGHT = 12.0
HEADER_WORD_WEIGHT = 6.0
CHARACTER_CAP = 12.0
#: A top-level fandom needs at least this score to be suggested; below it the text reads as original work.
MIN_SCORE = 5.0


@dataclass
class FandomScores:
    own: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    evidence: dict[str, list[Evidence]] = field(default_factory=lambda: defaultdict(list))

    _totals: dict[str, float] | None = None

    def add(self, fandom: str, weight: float, evidence: Evidence | None = None) -> None:
        self._totals = None
        self.own[fandom] += weight
        if evidence is not None:
            self.evidence[fandom].append(evidence)

    def roots(self, knowledge: Knowledge) -> dict[str, float]:
        if self._totals is None:
            totals: dict[str, float] = defaultdict(float)
            for fandom, score in self.own.items():
                for root in knowledge.roots(fandom):
                    totals[root] += score
            self._totals = dict(totals)
        return self._totals

    def root_of(self, knowledge: Knowledge, fandoms: set[str]) -> float:
        """The best top-level score among the roots of ``fandoms``."""
        totals = self.roots(knowledge)
        return max((totals.get(r, 0.0) for f in fandoms for r in knowledge.roots(f)), default=0.0)


def text_scores(scan: Scan, knowledge: Knowledge) -> FandomScores:
    """Cue words anywhere, fandom names and telling words of them in the summary and labels."""
    scores = FandomScores()
    cue_seen: dict[tuple[str, str], int] = defaultdict(int)
    for mention in scan.mentions:
        for entry in mention.entries:
            evidence = _evidence(scan, mention, "lexicon rule" if entry.kind == "cue" else "alias match")
            if entry.kind == "cue":
                key = (entry.target, entry.surface.casefold())
                cue_seen[key] += 1
                if cue_seen[key] <= CUE_REPEATS:
                    scores.add(entry.target, CUE_WEIGHT, evidence)
            elif entry.kind == "fandom" and mention.header:
                scores.add(entry.target, HEADER_NAME_WEIGHT, evidence)
            elif entry.kind == "fandom_word" and mention.header:
                scores.add(entry.target, HEADER_WORD_WEIGHT, evidence)
    return scores


def add_characters(
    scores: FandomScores, knowledge: Knowledge, weights: dict[str, float], evidence: dict[str, Evidence]
) -> None:
    for character, weight in weights.items():
        fandoms = knowledge.characters[character].fandoms
        for fandom in fandoms:
            scores.add(fandom, min(weight, CHARACTER_CAP) / len(fandoms), evidence.get(character))


def _evidence(scan: Scan, mention: Mention, signal: str) -> Evidence:
    return Evidence(
        chapter=mention.part,
        start=mention.start,
        end=mention.end,
        excerpt=scan.excerpt(mention.part, mention.start, mention.end),
        signal=signal,
        weight=2.0 if mention.header else 1.0,
    )
