"""Relationship names: "A/B" is romantic, "A & B" platonic, never both in one tag.

Writers type the same pairing many ways: "steve/natasha", "Natasha x Steve", "Steve Rogers/Natasha Romanoff".
When every person named is a known character (a canonical character tag, one of its synonyms, or a canon
nickname) and exactly one canonical relationship of that kind involves exactly those characters, the typed text
resolves to that relationship, whatever the order.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass

from scriptorium.tags.models import Tag, TagCue, TagParent, TagType
from scriptorium.tags.text import fold

ROMANTIC = "romantic"
PLATONIC = "platonic"
#: "Natasha x Steve", shipping shorthand for a romantic pairing.
_X_SEPARATOR = re.compile(r"\s+[x×]\s+", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedRelationship:
    kind: str
    people: tuple[str, ...]


def mixes_kinds(name: str) -> bool:
    """Whether a relationship name mixes "/" and "&" (AO3 never does in one tag)."""
    return "/" in name and "&" in name


def relationship_kind(name: str) -> str | None:
    """ "romantic" for "A/B", "platonic" for "A & B", None for anything else (or a mix of both)."""
    parsed = parse_relationship(name)
    return parsed.kind if parsed else None


def parse_relationship(name: str) -> ParsedRelationship | None:
    """The kind and the people of a relationship name, or None when it is not one (or mixes kinds)."""
    if mixes_kinds(name):
        return None
    if "/" in name:
        kind, parts = ROMANTIC, name.split("/")
    elif "&" in name:
        kind, parts = PLATONIC, name.split("&")
    elif _X_SEPARATOR.search(name):
        kind, parts = ROMANTIC, _X_SEPARATOR.split(name)
    else:
        return None
    people = tuple(p.strip() for p in parts)
    if len(people) < 2 or not all(people):
        return None
    return ParsedRelationship(kind=kind, people=people)


def _character_ids(text: str) -> set[int]:
    """The canonical characters ``text`` may name: a character tag (its canonical tag when a synonym), else the
    characters with this canon nickname. An unwrangled character tag names no known character."""
    tag = Tag.objects.named(text).filter(type=TagType.CHARACTER).only("pk", "canonical", "merger_id").first()
    if tag is not None:
        if tag.canonical:
            return {tag.pk}
        return {tag.merger_id} if tag.merger_id else set()
    return set(
        TagCue.objects.filter(
            kind=TagCue.Kind.NICKNAME, folded=fold(text), tag__type=TagType.CHARACTER, tag__canonical=True
        ).values_list("tag_id", flat=True)
    )


def _matches(candidates: list[set[int]], characters: set[int]) -> bool:
    """Whether each typed person can be a different one of ``characters``, covering them all."""
    if len(characters) != len(candidates):
        return False
    return any(
        all(c in options for c, options in zip(order, candidates, strict=True))
        for order in itertools.permutations(characters)
    )


def relationship_canonical_for(name: str) -> Tag | None:
    """The canonical relationship a typed relationship name stands for, or None when unknown or ambiguous."""
    parsed = parse_relationship(name)
    if parsed is None or len(parsed.people) > 6:
        return None
    candidates = [_character_ids(person) for person in parsed.people]
    if not all(candidates):
        return None
    known = set().union(*candidates)
    involved = TagParent.objects.filter(
        parent_id__in=known, child__type=TagType.RELATIONSHIP, child__canonical=True
    ).values_list("child_id", flat=True)
    characters: dict[int, set[int]] = defaultdict(set)
    for rel_id, character_id in TagParent.objects.filter(
        child_id__in=set(involved), parent__type=TagType.CHARACTER
    ).values_list("child_id", "parent_id"):
        characters[rel_id].add(character_id)
    fitting = [rel_id for rel_id, chars in characters.items() if _matches(candidates, chars)]
    if not fitting:
        return None
    found = [t for t in Tag.objects.filter(pk__in=fitting) if relationship_kind(t.name) == parsed.kind]
    return found[0] if len(found) == 1 else None
