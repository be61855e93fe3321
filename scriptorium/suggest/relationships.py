"""Relationships: ship names and "A/B", "A x B", "A & B" in the summary and labels (near-misses of known ship
names too: "Romangers" for "Romanogers"), and pairs of characters who share romantic moments in the text.
Platonic relationships are only ever suggested as "A & B", never mixed with romantic ones."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from scriptorium.suggest.characters import FEMALE, MALE, CharacterStats
from scriptorium.suggest.knowledge import Knowledge
from scriptorium.suggest.matcher import Mention, Scan
from scriptorium.suggest.result import Evidence
from scriptorium.tags.relationships import PLATONIC, ROMANTIC

#: Romantic moments; the number is how much one says (a kiss says more than a blush).
ROMANCE = [
    (
        r"\bkiss(?:ed|es|ing)?\b"
        r"(?! (?:him |her )?(?:on )?(?:the top of )?(?:his |her |the )?(?:forehead|brow|hair|head|knuckles)\b)",
        3.0,
    ),
    (r"\bin love\b", 3.0),
    (r"\b(?:boyfriend|girlfriend|husband|wife|fianc[ée]e?|lover)\b", 1.0),
    (r"\b(?:his|her) (?:boyfriend|girlfriend|husband|wife|fianc[ée]e?)\b", 2.0),
    (r"\b(?:made love|had sex|slept together|took (?:him|her) to bed)\b", 3.0),
    (r"\b(?:lips|mouth) (?:on|against|to) (?:his|hers?|their)\b", 2.0),
    (r"\b(?:his|her) lips\b", 1.0),
    (r"\b(?:cuddl|nuzzl|snuggl)\w*", 1.5),
    (r"\b(?:darling|sweetheart|my love|love of my life)\b", 1.5),
    (r"\bhand in hand\b|\bheld (?:his|her) hand\b|\bfingers (?:laced|intertwined|tangled)\b", 1.0),
    (r"\bblush(?:ed|ing)?\b", 0.5),
    (r"\b(?:date|anniversary|wedding|proposal|proposed)\b", 1.0),
]
_ROMANCE = [(re.compile(p), w) for p, w in ROMANCE]  # matched against Part.lower
#: A pair needs this much romance, including at least one strong moment (weight ≥ 2).
ROMANCE_MIN = 3.0
WINDOW_BEFORE, WINDOW_AFTER = 70, 12
PLATONIC_MIN_SCENES = 3
#: Tokens either side within which two names count as together.
TOGETHER = 40
#: Leads: characters with this share of the busiest one's weight; a trio needs each of its three this high.
LEAD_SHARE = 0.35
TRIO_SHARE = 0.5
_DISAMBIGUATOR = re.compile(r"\s*\(([^)]*)\)\s*$")
_SEPARATOR = re.compile(r"\s*(/|&| x | × )\s*", re.IGNORECASE)


@dataclass
class Found:
    name: str
    kind: str
    characters: frozenset[str]
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)


def _name_for(knowledge: Knowledge, characters: frozenset[str], kind: str) -> str:
    known = knowledge.relationship_for(characters, kind)
    if known:
        return known
    # AO3's way: each name without its "(Fandom)"; the fandom once at the end when all the names shared it.
    bare = sorted(_DISAMBIGUATOR.sub("", name).strip() for name in characters)
    marks = {m.group(1) if (m := _DISAMBIGUATOR.search(name)) else None for name in characters}
    suffix = f" ({marks.pop()})" if len(marks) == 1 and None not in marks else ""
    return ("/" if kind == ROMANTIC else " & ").join(bare) + suffix


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (small words only)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def near_ship(word: str, knowledge: Knowledge) -> str | None:
    """The known ship name a header word misspells, if exactly one is close enough."""
    if len(word) < 5:
        return None
    allowed = 1 if len(word) < 8 else 2
    close = {
        rel
        for ship, rel in knowledge.ship_words.items()
        if ship[:2] == word[:2] and abs(len(ship) - len(word)) <= allowed and _distance(ship, word) <= allowed
    }
    return close.pop() if len(close) == 1 else None


def from_header(scan: Scan, knowledge: Knowledge, resolved: dict[int, str], roots: set[str]) -> list[Found]:
    """Ship names (exact or near), and "A/B", "A & B", "A x B" between names in the summary and labels."""
    found: list[Found] = []
    matched_tokens = {m.token for m in scan.mentions}
    for mention in scan.mentions:
        if not scan.in_top(mention.part, mention.start):
            continue
        word = scan.words[mention.token]
        if scan.sentence_start(mention.token) and word in scan.lowercase and not mention.header:
            continue  # "Stony silence" opening a sentence is no ship name
        for entry in mention.entries:
            if entry.kind == "ship" and entry.target in knowledge.relationships:
                info = knowledge.relationships[entry.target]
                found.append(Found(info.name, info.kind, info.characters, 0.9, [_ev(scan, mention, "ship name")]))
    for i, word in enumerate(scan.words):
        part = scan.part_of[i]
        if i in matched_tokens or not scan.capital[i] or not scan.in_top(part, scan.starts[i]):
            continue
        if word in scan.lowercase or (scan.sentence_start(i) and not scan.in_header(part, scan.starts[i])):
            continue
        rel = near_ship(word, knowledge)
        if rel is None:
            continue
        info = knowledge.relationships[rel]
        if roots and not any(r in roots for f in info.fandoms for r in knowledge.roots(f)):
            continue
        start, end = scan.starts[i], scan.ends[i]
        evidence = Evidence(part, start, end, scan.excerpt(part, start, end), "ship name", 2.0)
        found.append(Found(info.name, info.kind, info.characters, 0.75, [evidence]))
    found.extend(_joined_names(scan, knowledge, resolved))
    return found


def _joined_names(scan: Scan, knowledge: Knowledge, resolved: dict[int, str]) -> list[Found]:
    header = [m for m in scan.mentions if m.header and id(m) in resolved]
    found: list[Found] = []
    i = 0
    while i < len(header):
        chain, kinds = [header[i]], set()
        while i + 1 < len(header) and header[i + 1].part == chain[-1].part:
            text = scan.parts[chain[-1].part].text
            gap = _SEPARATOR.fullmatch(text, chain[-1].end, header[i + 1].start)
            if not gap:
                break
            kinds.add(PLATONIC if gap.group(1) == "&" else ROMANTIC)
            chain.append(header[i + 1])
            i += 1
        i += 1
        people = frozenset(resolved[id(m)] for m in chain)
        if len(chain) < 2 or len(kinds) != 1 or len(people) != len(chain):
            continue
        kind = kinds.pop()
        part, start, end = chain[0].part, chain[0].start, chain[-1].end
        evidence = Evidence(part, start, end, scan.excerpt(part, start, end), "ship name", 2.5)
        found.append(Found(_name_for(knowledge, people, kind), kind, people, 0.9, [evidence]))
    return found


def from_text(
    scan: Scan,
    knowledge: Knowledge,
    resolved: list[tuple[Mention, str, float]],
    stats: dict[str, CharacterStats],
    main: set[str],
) -> list[Found]:
    """Pairs of main characters named (or referred to by pronoun) around romantic moments."""
    body = [(m, name) for m, name, _ in resolved if not m.header and name in main]
    tokens = [m.token for m, _ in body]
    pair_score: dict[frozenset[str], float] = defaultdict(float)
    pair_strong: dict[frozenset[str], int] = defaultdict(int)
    pair_evidence: dict[frozenset[str], list[Evidence]] = defaultdict(list)
    for part in scan.document.chapters:
        first = bisect.bisect_left(scan.part_of, part.index)
        last = bisect.bisect_right(scan.part_of, part.index)
        for pattern, weight in _ROMANCE:
            for hit in pattern.finditer(part.lower):
                at = bisect.bisect_left(scan.starts, hit.start(), first, last)
                pair = _pair_at(scan, at, body, tokens, stats)
                if pair is None:
                    continue
                if weight < 3 and scan.in_dialogue(part.index, hit.start()):
                    continue  # "my husband always said…" is someone else's romance
                pair_score[pair] += weight
                pair_strong[pair] += weight >= 2
                excerpt = scan.excerpt(part.index, hit.start(), hit.end())
                pair_evidence[pair].append(
                    Evidence(part.index, hit.start(), hit.end(), excerpt, "co-occurrence", weight)
                )
    found = []
    paired: dict[str, float] = {}
    for pair, score in sorted(pair_score.items(), key=lambda kv: -kv[1]):
        if score < ROMANCE_MIN or not pair_strong[pair]:
            continue
        # Most stories give a character one romance: a second pair needs much more to show for it.
        rival = max((paired[n] for n in pair if n in paired), default=0.0)
        if rival and (score < 2 * ROMANCE_MIN or score < 0.6 * rival):
            continue
        for name in pair:
            paired[name] = max(paired.get(name, 0.0), score)
        confidence = min(0.95, 0.45 + score / 30)
        found.append(Found(_name_for(knowledge, pair, ROMANTIC), ROMANTIC, pair, confidence, pair_evidence[pair]))
    return found


def _pair_at(
    scan: Scan, at: int, body: list[tuple[Mention, str]], tokens: list[int], stats: dict[str, CharacterStats]
) -> frozenset[str] | None:
    lo = bisect.bisect_left(tokens, at - WINDOW_BEFORE)
    hi = bisect.bisect_right(tokens, at + WINDOW_AFTER)
    near: list[str] = []
    for index in sorted(range(lo, hi), key=lambda k: abs(tokens[k] - at)):
        name = body[index][1]
        if name not in near:
            near.append(name)
    words = scan.words[max(0, at - 6) : at + 6]
    wanted = {"m"} if any(w in MALE or w in ("husband", "boyfriend") for w in words) else set()
    wanted |= {"f"} if any(w in FEMALE or w in ("wife", "girlfriend") for w in words) else set()
    if len(wanted) == 2:
        # "she kissed him": the nearest woman and the nearest man, looking further back when needed.
        pair = []
        for gender in ("f", "m"):
            candidates = [n for n in near if stats[n].gender == gender and n not in pair]
            if not candidates:
                back = [body[i][1] for i in range(lo - 1, max(-1, lo - 40), -1)]
                candidates = [n for n in back if stats[n].gender == gender and n not in pair]
            if not candidates:
                candidates = [n for n in near if stats[n].gender is None and n not in pair]
            if candidates:
                pair.append(candidates[0])
        return frozenset(pair) if len(pair) == 2 else None
    if len(near) < 2:
        for index in range(lo - 1, max(-1, lo - 40), -1):
            name = body[index][1]
            if name not in near and stats[name].gender in wanted:
                near.append(name)
                break
    if len(near) < 2:
        return None
    return frozenset(near[:2])


def category_from_pronouns(scan: Scan) -> tuple[str, list[Evidence]] | None:
    """For romance between people the canon does not know (original work): F/F, M/M or F/M from the pronouns
    around at least two strong romantic moments that agree."""
    votes: dict[str, list[Evidence]] = defaultdict(list)
    for part in scan.document.chapters:
        first = bisect.bisect_left(scan.part_of, part.index)
        last = bisect.bisect_right(scan.part_of, part.index)
        for pattern, weight in _ROMANCE:
            if weight < 3:
                continue
            for hit in pattern.finditer(part.lower):
                at = bisect.bisect_left(scan.starts, hit.start(), first, last)
                words = scan.words[max(first, at - 8) : min(last, at + 8)]
                male, female = any(w in MALE for w in words), any(w in FEMALE for w in words)
                category = "F/M" if male and female else "M/M" if male else "F/F" if female else None
                if category:
                    excerpt = scan.excerpt(part.index, hit.start(), hit.end())
                    votes[category].append(Evidence(part.index, hit.start(), hit.end(), excerpt, "lexicon rule"))
    if not votes:
        return None
    category, evidence = max(votes.items(), key=lambda kv: len(kv[1]))
    if len(evidence) < 2 or len(evidence) < 2 * sum(len(v) for k, v in votes.items() if k != category):
        return None
    return category, evidence


def from_genre(
    knowledge: Knowledge, scan: Scan, stats: dict[str, CharacterStats], main: dict[str, float]
) -> Found | None:
    """A file whose own genre line says Romance, with two clear leads: they are the couple."""
    top = max((stats[n].weight for n in main), default=0.0)
    leads = sorted((n for n in main if stats[n].weight >= LEAD_SHARE * top), key=lambda n: -stats[n].weight)
    if len(leads) != 2:
        return None
    people = frozenset(leads)
    found = _platonic(knowledge, scan, stats, people, 0.45)
    return Found(_name_for(knowledge, people, ROMANTIC), ROMANTIC, people, 0.45, found.evidence)


def _together(stats: dict[str, CharacterStats], a: str, b: str) -> int:
    """How many of a's mentions fall within a few sentences of one of b's."""
    theirs = sorted(m.token for m in stats[b].mentions if not m.header)
    count = 0
    for mention in stats[a].mentions:
        if mention.header:
            continue
        k = bisect.bisect_left(theirs, mention.token - TOGETHER)
        count += k < len(theirs) and theirs[k] <= mention.token + TOGETHER
    return count


def platonic(
    knowledge: Knowledge,
    scan: Scan,
    stats: dict[str, CharacterStats],
    main: dict[str, float],
    romantic: list[Found],
) -> list[Found]:
    """Friendships and family: the leads of a story without romance between them, as "A & B" (or a trio), and
    known platonic relationships whose people all appear together."""
    taken = [f.characters for f in romantic]
    top = max((stats[n].weight for n in main), default=0.0)
    leads = sorted((n for n in main if stats[n].weight >= LEAD_SHARE * top), key=lambda n: -stats[n].weight)
    found: dict[frozenset[str], Found] = {}
    known = sorted(
        (i for i in knowledge.relationships.values() if i.kind == PLATONIC and i.characters <= set(leads)),
        key=lambda i: -len(i.characters),
    )
    for info in known:
        if any(pair <= info.characters for pair in taken) or any(info.characters < g for g in found):
            continue
        people = sorted(info.characters)
        if all(_together(stats, a, b) >= PLATONIC_MIN_SCENES for a, b in zip(people, people[1:], strict=False)):
            found[info.characters] = _platonic(knowledge, scan, stats, info.characters, 0.6)
    if not romantic and not found and len(leads) in (2, 3):
        group = frozenset(leads)
        if all(_together(stats, a, b) >= PLATONIC_MIN_SCENES for a in leads for b in leads if a < b) and (
            len(leads) == 2 or stats[leads[2]].weight >= TRIO_SHARE * top
        ):
            found[group] = _platonic(knowledge, scan, stats, group, 0.5)
    return list(found.values())


def _platonic(
    knowledge: Knowledge, scan: Scan, stats: dict[str, CharacterStats], people: frozenset[str], confidence: float
) -> Found:
    name = _name_for(knowledge, people, PLATONIC)
    evidence = []
    for person in sorted(people):
        mentions = stats[person].mentions
        mention = next((m for m in mentions if not m.header), mentions[0])
        evidence.append(_ev(scan, mention, "co-occurrence"))
    return Found(name, PLATONIC, people, confidence, evidence)


def _ev(scan: Scan, mention: Mention, signal: str) -> Evidence:
    excerpt = scan.excerpt(mention.part, mention.start, mention.end)
    return Evidence(mention.part, mention.start, mention.end, excerpt, signal, 2.0)
