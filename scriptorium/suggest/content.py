"""Rating, archive warnings and content notes from explainable lexicon rules.

Each lexicon (``suggest.lexicons``) is counted over the text; rules on those counts decide. Scores are counts
per 1,000 words for the texts long enough, so a long novel is not rated by its length. When the signals are too
thin (a very short text) or contradictory, the answer is "Not Rated" and "Creator Chose Not To Use Archive
Warnings": the writer decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scriptorium.suggest.lexicons import COMPILED
from scriptorium.suggest.matcher import Scan
from scriptorium.suggest.result import Evidence, Suggestion
from scriptorium.suggest.textsource import Document
from scriptorium.tags.vocabulary import (
    CHOSE_NOT_TO_WARN,
    EXPLICIT,
    GENERAL,
    MAJOR_CHARACTER_DEATH,
    MATURE,
    NO_WARNINGS_APPLY,
    NOT_RATED,
    RAPE_NONCON,
    TEEN,
    UNDERAGE,
    VIOLENCE,
)

_EROTICA = re.compile(r"\b(?:erotica|smut|pwp|porn without plot|lemon)\b", re.IGNORECASE)
#: Below this many words the rules do not rate or warn.
MIN_WORDS = 120
#: Characters between a name and a death phrase that still tie the two together.
DEATH_NEAR = 60


@dataclass
class Signals:
    words: int
    #: The summary or genre line calls it erotica or smut.
    erotica: bool = False
    scores: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)

    def score(self, name: str) -> float:
        return self.scores.get(name, 0.0)

    def dense(self, name: str) -> float:
        """Hits per 1,000 words (texts under 1,500 words count as 1,500, so short texts are not inflated)."""
        return self.score(name) * 1000 / max(self.words, 1500)

    def ev(self, *names: str) -> list[Evidence]:
        found = [e for n in names for e in self.evidence.get(n, [])]
        return sorted(found, key=lambda e: -e.weight)


def signals_count(document: Document, scan: Scan) -> Signals:
    signals = Signals(words=document.word_count())
    header = " ".join(p.text[a:b] for p, a, b in document.header_texts())
    header += " " + " ".join(document.given.get("additional_tags", []))
    signals.erotica = bool(_EROTICA.search(header))
    for part in document.parts:
        header_weight = 0.5 if part.index == 0 else 1.0
        for name, rules in COMPILED.items():
            for pattern, weight in rules:
                for hit in pattern.finditer(part.lower):
                    w = weight * (header_weight if hit.start() >= part.header_end or part.index == 0 else 0.5)
                    signals.scores[name] = signals.scores.get(name, 0.0) + w
                    bucket = signals.evidence.setdefault(name, [])
                    if len(bucket) < 40:
                        excerpt = scan.excerpt(part.index, hit.start(), hit.end(), 60)
                        bucket.append(Evidence(part.index, hit.start(), hit.end(), excerpt, "lexicon rule", w))
    return signals


def rating(signals: Signals, given: str | None = None) -> Suggestion:
    """The file's own rating when it has one (the rules still back it or not in the evidence), else the rules'."""
    ruled = _rating_from_rules(signals)
    if given in (GENERAL, TEEN, MATURE, EXPLICIT):
        note = "The file's own rating." + ("" if ruled.name == given else f" The rules alone would say {ruled.name}.")
        return Suggestion(given, 0.9, ruled.evidence, note)
    return ruled


def _rating_from_rules(signals: Signals) -> Suggestion:
    s = signals
    if s.words < MIN_WORDS:
        return Suggestion(NOT_RATED, 0.5, [], "Too little text to rate.")
    sex = s.score("sex_explicit")
    scene = s.score("sex_scene")
    if sex >= 4.5 or (sex >= 2 and scene >= 2) or s.erotica:
        return Suggestion(EXPLICIT, min(0.95, 0.5 + (sex + scene) / 20), s.ev("sex_explicit", "sex_scene"))
    graphic = s.score("violence_graphic")
    if sex >= 2.5 or scene >= 2 or graphic >= 3 or s.score("noncon") >= 2 or s.dense("profanity_strong") >= 3:
        reasons = s.ev("sex_explicit", "sex_scene", "violence_graphic", "noncon", "profanity_strong")
        return Suggestion(MATURE, 0.6, reasons)
    teen_points = (
        min(s.score("violence"), 8) / 4
        + min(s.score("blood"), 6) / 3
        + min(s.score("death"), 6) / 4
        + s.score("profanity_strong")
        + min(s.score("profanity_mild"), 6) / 3
        + graphic / 2
        + min(s.score("injury"), 6) / 4
    )
    if teen_points >= 2:
        reasons = s.ev("violence", "blood", "death", "profanity_strong", "profanity_mild", "injury")
        return Suggestion(TEEN, min(0.85, 0.45 + teen_points / 20), reasons)
    if teen_points >= 1.2:
        reasons = s.ev("violence", "blood", "death", "profanity_mild", "injury")
        return Suggestion(GENERAL, 0.45, reasons, "Some mild content: check whether Teen And Up fits better.")
    return Suggestion(GENERAL, 0.7, [], "No mature content found.")


def warnings(signals: Signals, scan: Scan, main_mentions: list[tuple[int, int, int, str]]) -> list[Suggestion]:
    """Substantive warnings with their passages; else No Archive Warnings Apply, or, when unsure, the choice
    not to warn."""
    s = signals
    if s.words < MIN_WORDS:
        return [Suggestion(CHOSE_NOT_TO_WARN, 0.5, [], "Too little text to judge.")]
    found: list[Suggestion] = []
    graphic = s.score("violence_graphic")
    if graphic >= 4 or (graphic >= 3 and s.score("violence") >= 4):
        found.append(Suggestion(VIOLENCE, min(0.9, 0.4 + graphic / 20), s.ev("violence_graphic")))
    deaths = _named_deaths(s, main_mentions)
    if len(deaths) >= 2:
        found.append(Suggestion(MAJOR_CHARACTER_DEATH, min(0.85, 0.4 + 0.1 * len(deaths)), deaths))
    if s.score("noncon") >= 2:
        found.append(Suggestion(RAPE_NONCON, min(0.85, 0.4 + s.score("noncon") / 10), s.ev("noncon")))
    if s.score("minor") >= 1 and s.score("sex_explicit") >= 2.5:
        found.append(Suggestion(UNDERAGE, 0.5, s.ev("minor") + s.ev("sex_explicit")))
    if found:
        return found
    unsure = graphic >= 2 or len(deaths) == 1 or s.score("noncon") > 0
    if unsure:
        reasons = s.ev("violence_graphic", "death", "noncon")
        return [Suggestion(CHOSE_NOT_TO_WARN, 0.45, reasons, "Some passages may call for a warning: please check.")]
    return [Suggestion(NO_WARNINGS_APPLY, 0.7, [], "Nothing found that calls for a warning.")]


def _named_deaths(signals: Signals, main_mentions: list[tuple[int, int, int, str]]) -> list[Evidence]:
    """Death words close to the name of a character on the page (a nameless guard's death is no warning)."""
    found = []
    for evidence in signals.evidence.get("death_of", []):
        if evidence.chapter == 0:
            continue
        for part, _start, end, _name in main_mentions:
            if part == evidence.chapter and -DEATH_NEAR <= evidence.start - end <= DEATH_NEAR * 6:
                found.append(evidence)
                break
    return found


#: Additional tag → (lexicon, per-1,000-word density needed, minimum raw count).
TAG_RULES: dict[str, tuple[str, float, float]] = {
    "Blood": ("blood", 1.0, 3),
    "Injury": ("injury", 1.5, 3),
    "Nightmares": ("nightmares", 0.3, 1),
    "Past Abuse": ("abuse", 0.6, 2),
    "Hospitals": ("hospital", 1.5, 3),
    "Alcohol": ("alcohol", 2.5, 4),
    "Grief/Mourning": ("grief", 0.8, 2),
    "Violence": ("violence", 4.0, 6),
}


def additional_tags(signals: Signals, *, romance: bool, header_tags: list[str]) -> list[Suggestion]:
    s = signals
    found: list[Suggestion] = []
    if s.words < MIN_WORDS:
        return found
    for tag, (lexicon, density, minimum) in TAG_RULES.items():
        if s.score(lexicon) >= minimum and s.dense(lexicon) >= density:
            found.append(Suggestion(tag, min(0.9, 0.4 + s.dense(lexicon) / 20), s.ev(lexicon)))
    dark = s.dense("violence") + s.dense("death") + s.dense("angst") / 2
    light = s.dense("fluff")
    if romance:
        found.append(Suggestion("Romance", 0.7, [], "A romantic relationship was found (see Relationships)."))
    if s.dense("humor") >= 5:
        found.append(Suggestion("Humor", min(0.85, 0.3 + s.dense("humor") / 30), s.ev("humor")))
    if light >= 8 and dark < 8 and s.score("blood") < 3:
        found.append(Suggestion("Fluff", min(0.8, 0.3 + light / 40), s.ev("fluff")))
    if s.dense("angst") >= 8 and light < 12:
        found.append(Suggestion("Angst", min(0.8, 0.3 + s.dense("angst") / 40), s.ev("angst")))
    hurt = s.score("injury") + s.score("nightmares") + s.score("abuse") + s.score("hospital")
    if hurt >= 4 and s.score("comfort") >= 2:
        found.append(Suggestion("Hurt/Comfort", 0.55, s.ev("comfort", "injury")))
    if s.dense("family") >= 2.5 and s.score("family") >= 3:
        found.append(Suggestion("Found Family", 0.45, s.ev("family")))
    names = {f.name for f in found}
    for tag in header_tags:
        if tag not in names and tag in ("Romance", "Humor", "Angst", "Hurt/Comfort", "Fluff", "Slow Burn"):
            found.append(Suggestion(tag, 0.6, [], "The file's own genre line."))
    return found
