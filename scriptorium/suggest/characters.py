"""Characters: resolve each name found to one character, then tell the people on the page from mentions.

A name that several characters share ("Peter", "Carter", "Sam") goes to the one whose fandom the rest of the
text points at; a weak name with no fandom behind it counts for nothing. Frequency, spread over chapters and
whether a character ever appears outside other people's dialogue separate main characters from mentions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from scriptorium.suggest.fandoms import FandomScores
from scriptorium.suggest.knowledge import Knowledge, tokens
from scriptorium.suggest.matcher import Mention, Scan
from scriptorium.suggest.result import Evidence

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PRONOUN_WINDOW = 25
_DISAMBIGUATOR = re.compile(r"\s*\([^)]*\)\s*$")
#: A character needs this share of the busiest character's weight (or MIN_ABSOLUTE) to be on the page.
MIN_SHARE = 0.12
MIN_ABSOLUTE = 6.0
MIN_WEIGHT = 1.6
#: Mentions: a character never on the page whose mentions weigh this much (a weak name alone does not).
MENTION_MIN_WEIGHT = 0.2
MENTIONED_MAX = 5
#: A mention's confidence stays under this, below a main character's and below the imports' batch accept.
MENTION_CEILING = 0.45
#: A fandom score from which the text is plainly in that fandom, so short names count nearly in full.
ESTABLISHED = 15.0


@dataclass
class CharacterStats:
    name: str
    mentions: list[Mention] = field(default_factory=list)
    weight: float = 0.0
    strong: int = 0
    narration: int = 0
    header: int = 0
    chapters: set[int] = field(default_factory=set)
    surfaces: Counter = field(default_factory=Counter)
    gender: str | None = None
    #: Generic tags whose mentions were folded into this character.
    absorbed: set[str] = field(default_factory=set)

    @property
    def count(self) -> int:
        return len(self.mentions)


def resolve(
    scan: Scan, knowledge: Knowledge, scores: FandomScores, fandom_hint: str = ""
) -> list[tuple[Mention, str, float]]:
    """Each character mention with the character it names and the strength of the name used."""
    resolved: list[tuple[Mention, str, float]] = []
    for mention in scan.mentions:
        candidates = [e for e in mention.entries if e.kind == "character"]
        if not candidates:
            continue
        if len(candidates) == 1:
            entry = candidates[0]
            score = scores.root_of(knowledge, knowledge.characters[entry.target].fandoms)
        else:
            ranked = sorted(
                candidates,
                key=lambda e: (scores.root_of(knowledge, knowledge.characters[e.target].fandoms), e.strength),
                reverse=True,
            )
            entry = ranked[0]
            score = scores.root_of(knowledge, knowledge.characters[entry.target].fandoms)
            second = scores.root_of(knowledge, knowledge.characters[ranked[1].target].fandoms)
            if score <= 0 or (score == second and ranked[0].strength == ranked[1].strength):
                continue
        strength = entry.strength
        if strength < 0.9 and score <= 0:
            strength *= 0.3  # "Steve" alone, with nothing of his fandom around, is weak
        elif strength < 0.9 and score >= ESTABLISHED:
            strength = max(strength, 0.75)  # …but with HYDRA and the Red Room around, "Nat" is Natasha
        fandom = fandom_hint
        strength *= knowledge.weights.alias_factor(entry.target, entry.surface, fandom)
        resolved.append((mention, entry.target, strength))
    return resolved


def collect(scan: Scan, resolved: list[tuple[Mention, str, float]], knowledge: Knowledge) -> dict[str, CharacterStats]:
    stats: dict[str, CharacterStats] = {}
    for mention, name, strength in resolved:
        item = stats.setdefault(name, CharacterStats(name))
        item.mentions.append(mention)
        item.surfaces[scan.parts[mention.part].text[mention.start : mention.end]] += 1
        if mention.header:
            item.header += 1
            item.weight += 2 * strength
            continue
        item.weight += strength if not mention.dialogue else strength * 0.6
        item.strong += strength >= 0.8
        item.narration += not mention.dialogue
        item.chapters.add(mention.part)
    _merge_generic(stats, knowledge)
    _genders(scan, resolved, stats)
    for name, item in stats.items():
        item.gender = knowledge.characters[name].gender or item.gender
    return stats


def _merge_generic(stats: dict[str, CharacterStats], knowledge: Knowledge) -> None:
    """A generic tag ("The Doctor") whose name ends a more specific one found in the same text ("Tenth
    Doctor"): its mentions are that character's."""
    for generic in list(stats):
        words = tokens(_DISAMBIGUATOR.sub("", generic))
        if len(words) != 2 or words[0] != "the":
            continue
        specific = [
            name
            for name in stats
            if name != generic
            and knowledge.characters[name].fandoms & knowledge.characters[generic].fandoms
            and (found := tokens(_DISAMBIGUATOR.sub("", name)))
            and len(found) >= len(words)
            and found[-1] == words[-1]
            and found != words
        ]
        if len(specific) == 1:
            target = stats[specific[0]]
            item = stats.pop(generic)
            target.mentions = sorted(target.mentions + item.mentions, key=lambda m: m.token)
            target.weight += item.weight
            target.strong += item.strong
            target.narration += item.narration
            target.header += item.header
            target.chapters |= item.chapters
            target.surfaces.update(item.surfaces)
            target.absorbed.add(generic)


def _genders(scan: Scan, resolved: list[tuple[Mention, str, float]], stats: dict[str, CharacterStats]) -> None:
    """He or she, from the pronouns that follow a character's name before the next name."""
    counts: dict[str, Counter] = defaultdict(Counter)
    positions = [m.token for m, _, _ in resolved]
    words = scan.words
    renamed = {old: name for name, item in stats.items() for old in item.absorbed}
    for number, (mention, name, _) in enumerate(resolved):
        name = renamed.get(name, name)
        if mention.header:
            continue
        stop = positions[number + 1] if number + 1 < len(positions) else len(words)
        stop = min(stop, mention.token + PRONOUN_WINDOW)
        for word in words[mention.token + 1 : stop]:
            if word in MALE:
                counts[name]["m"] += 1
                break
            if word in FEMALE:
                counts[name]["f"] += 1
                break
    for name, counter in counts.items():
        male, female = counter["m"], counter["f"]
        if male + female >= 2 and max(male, female) >= 2 * min(male, female):
            stats[name].gender = "m" if male > female else "f"


def on_page(stats: dict[str, CharacterStats], allowed: set[str]) -> dict[str, float]:
    """Characters who appear (not just mentioned), with a confidence."""
    candidates = {n: s for n, s in stats.items() if n in allowed}
    if not candidates:
        return {}
    top = max(s.weight for s in candidates.values())
    chosen: dict[str, float] = {}
    for name, item in candidates.items():
        if item.weight < MIN_WEIGHT:
            continue
        if item.weight < min(MIN_ABSOLUTE, MIN_SHARE * top) and not item.header:
            continue
        if item.narration == 0 and item.count < 5 and not item.header:
            continue  # only ever talked about
        share = item.weight / top
        spread = len(item.chapters) / max(1, len({m.part for s in candidates.values() for m in s.mentions}))
        confidence = 0.35 + 0.4 * min(1.0, share * 2) + 0.15 * spread + (0.1 if item.strong else 0.0)
        chosen[name] = min(confidence, 0.99)
    return chosen


def mentioned_only(stats: dict[str, CharacterStats], allowed: set[str], main: set[str]) -> dict[str, float]:
    """Characters of the chosen fandoms who are only talked about (in dialogue or in passing), with a lower
    confidence than any main character: AO3 writers tag some of them. A weak name ("Steve" with nothing of
    his fandom around) never counts; nor does a character already among the main ones."""
    found: dict[str, float] = {}
    for name, item in stats.items():
        if name in main or name not in allowed or item.weight < MENTION_MIN_WEIGHT:
            continue
        confidence = 0.3 + 0.04 * min(item.count, 3) + (0.03 if len(item.chapters) > 1 else 0.0)
        found[name] = min(confidence, MENTION_CEILING)
    best = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:MENTIONED_MAX]
    return dict(best)


def evidence_for(scan: Scan, item: CharacterStats) -> list[Evidence]:
    found = []
    strong_first = sorted(item.mentions, key=lambda m: (not m.header, m.dialogue, m.token))
    seen: set[str] = set()
    for mention in strong_first:
        surface = scan.parts[mention.part].text[mention.start : mention.end]
        if surface in seen:
            continue
        seen.add(surface)
        found.append(
            Evidence(
                chapter=mention.part,
                start=mention.start,
                end=mention.end,
                excerpt=scan.excerpt(mention.part, mention.start, mention.end),
                signal="alias match",
                weight=3.0 if mention.header else 2.0 - 0.01 * len(found),
            )
        )
    return found
