"""What the suggester knows: fandoms, characters and relationships with every name they go by.

It merges the starter canon (read from its file, so it works before ``scriptorium canon load``) with the
archive's tag graph: canonical tags, their synonyms (so a wrangler's new synonym is a new alias at once), parent
fandoms, relationship characters, nicknames and cue words. Writers' feedback adjusts the weights. The compiled
knowledge is cached per process and rebuilt when a cheap fingerprint of those tables changes.
"""

from __future__ import annotations

import hashlib
import re
import threading
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.db.models import Count, Max, Q, Sum

from scriptorium.suggest import learning
from scriptorium.tags.canon.schema import Canon, canon_read
from scriptorium.tags.models import MetaTagging, Tag, TagCue, TagParent, TagType, WranglingLogEntry
from scriptorium.tags.relationships import PLATONIC, ROMANTIC, relationship_kind

# Strength of each kind of name: a full name is strong evidence, a nickname weak alone.
FULL, ALIAS, SHORT_ALIAS, NICKNAME, DERIVED = 1.0, 1.0, 0.8, 0.45, 0.35
_TOKEN = re.compile(r"\w+")
_DISAMBIGUATOR = re.compile(r"\s*\([^)]*\)\s*$")
#: Words of fandom names that say nothing about which fandom it is.
_GENERIC_FANDOM_WORDS = frozenset(
    re.findall(
        r"\w+",
        "the and of all media types movies movie series books book tv video game games marvel cinematic "
        "universe comics anime manga cartoon animated novel novels verse",
    )
)


def tokens(text: str) -> tuple[str, ...]:
    return tuple(t.casefold() for t in _TOKEN.findall(text))


@dataclass
class CharacterInfo:
    name: str
    fandoms: set[str] = field(default_factory=set)
    gender: str | None = None


@dataclass
class FandomInfo:
    name: str
    metas: set[str] = field(default_factory=set)


@dataclass
class RelationshipInfo:
    name: str
    kind: str
    characters: frozenset[str]
    fandoms: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Entry:
    """One way to name something. ``kind``: character, fandom, fandom_word, cue or ship. ``capitalised``: the
    name's last word starts with a capital, so the text must have one there too."""

    kind: str
    target: str
    strength: float
    surface: str
    capitalised: bool


@dataclass
class Knowledge:
    characters: dict[str, CharacterInfo] = field(default_factory=dict)
    fandoms: dict[str, FandomInfo] = field(default_factory=dict)
    relationships: dict[str, RelationshipInfo] = field(default_factory=dict)
    index: dict[tuple[str, ...], list[Entry]] = field(default_factory=lambda: defaultdict(list))
    #: First token of any name → the longest name (in tokens) starting with it.
    longest: dict[str, int] = field(default_factory=dict)
    #: Single-word ship names ("Romanogers"), folded → relationship name.
    ship_words: dict[str, str] = field(default_factory=dict)
    by_characters: dict[tuple[frozenset[str], str], str] = field(default_factory=dict)
    weights: learning.Weights = field(default_factory=learning.Weights)
    _roots: dict[str, frozenset[str]] = field(default_factory=dict)

    # --- building -------------------------------------------------------------------------------------------

    def add_name(self, kind: str, target: str, surface: str, strength: float) -> None:
        key = tokens(surface)
        if not key or len(key) > 8:
            return
        entries = self.index[key]
        for i, entry in enumerate(entries):
            if entry.kind == kind and entry.target == target:
                if entry.strength >= strength:
                    return
                entries.pop(i)
                break
        last = _TOKEN.findall(surface)[-1]
        capitalised = kind in ("character", "fandom", "fandom_word", "ship") and last[:1].isupper()
        entries.append(Entry(kind, target, strength, surface, capitalised))
        self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))

    def add_character(self, name: str, fandom: str | None = None) -> CharacterInfo:
        info = self.characters.get(name)
        if info is None:
            info = self.characters[name] = CharacterInfo(name)
            for surface in _surfaces(name):
                self.add_name("character", name, surface, FULL if len(tokens(surface)) > 1 else 0.9)
        if fandom:
            info.fandoms.add(fandom)
        return info

    def add_fandom(self, name: str) -> FandomInfo:
        info = self.fandoms.get(name)
        if info is None:
            info = self.fandoms[name] = FandomInfo(name)
            self._fandom_surface(name, name)
        return info

    def _fandom_surface(self, fandom: str, surface: str) -> None:
        for part in _surfaces(surface):
            self.add_name("fandom", fandom, part, 1.0)
            for word in _TOKEN.findall(part):
                if len(word) >= 5 and word[:1].isupper() and word.casefold() not in _GENERIC_FANDOM_WORDS:
                    self.add_name("fandom_word", fandom, word, 0.6)

    def add_relationship(self, name: str, kind: str, characters: list[str], fandom: str | None = None) -> None:
        info = self.relationships.get(name)
        if info is None:
            info = self.relationships[name] = RelationshipInfo(name, kind, frozenset(characters))
            self.by_characters.setdefault((info.characters, kind), name)
        if fandom:
            info.fandoms.add(fandom)

    def add_ship_alias(self, relationship: str, alias: str) -> None:
        if "/" in alias or "&" in alias or " x " in alias.casefold():
            return
        key = tokens(alias)
        if len(key) == 1:
            self.ship_words.setdefault(key[0], relationship)
        self.add_name("ship", relationship, alias, 1.0)

    def derive_short_names(self) -> None:
        """First and last names of multi-word character names, as weak names, unless the canon already uses
        that word for someone."""
        taken = {key[0] for key, entries in self.index.items() if len(key) == 1 and entries}
        derived: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for name in self.characters:
            for surface in _surfaces(name):
                words = _TOKEN.findall(surface)
                if len(words) < 2:
                    continue
                for word in {words[0], words[-1]}:
                    if len(word) >= 3 and word[:1].isupper() and word.casefold() not in taken:
                        derived[word].append((name, word))
        for pairs in derived.values():
            for name, word in pairs:
                self.add_name("character", name, word, DERIVED)

    # --- reading --------------------------------------------------------------------------------------------

    def roots(self, fandom: str) -> frozenset[str]:
        """The top-level fandoms a fandom is found under (itself when it has no meta fandom)."""
        cached = self._roots.get(fandom)
        if cached is None:
            cached = self._roots[fandom] = frozenset(self._find_roots(fandom))
        return cached

    def _find_roots(self, fandom: str) -> set[str]:
        seen, stack, found = set(), [fandom], set()
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            metas = self.fandoms[current].metas if current in self.fandoms else set()
            if not metas:
                found.add(current)
            stack.extend(metas)
        return found

    def relationship_for(self, characters: frozenset[str], kind: str) -> str | None:
        return self.by_characters.get((characters, kind))


def _surfaces(name: str) -> list[str]:
    """The ways a tag name reads in prose: without its "(Fandom)" disambiguator, each side of a "|"."""
    found = []
    for part in name.split("|"):
        part = _DISAMBIGUATOR.sub("", part).strip()
        if part and part not in found:
            found.append(part)
    return found


# --- sources -------------------------------------------------------------------------------------------------


GENDERS = Path(__file__).with_name("genders.toml")


@lru_cache(maxsize=1)
def starter_canon() -> Canon:
    return canon_read()


@lru_cache(maxsize=1)
def canon_genders() -> dict[str, str]:
    data = tomllib.loads(GENDERS.read_text(encoding="utf-8"))
    return {**{n: "f" for n in data.get("female", [])}, **{n: "m" for n in data.get("male", [])}}


def _add_canon(knowledge: Knowledge, canon: Canon) -> None:
    for fandom in canon.fandoms:
        info = knowledge.add_fandom(fandom.name)
        info.metas.update(fandom.meta)
        for alias in fandom.aliases:
            knowledge._fandom_surface(fandom.name, alias)
        for cue in fandom.cues:
            knowledge.add_name("cue", fandom.name, cue, 1.0)
    for meta in {m for f in canon.fandoms for m in f.meta}:
        knowledge.add_fandom(meta)
    for character in canon.characters:
        knowledge.add_character(character.name, character.fandom)
        for alias in character.aliases:
            strength = ALIAS if len(tokens(alias)) > 1 else SHORT_ALIAS
            knowledge.add_name("character", character.name, alias, strength)
        for nickname in character.nicknames:
            knowledge.add_name("character", character.name, nickname, NICKNAME)
    for name, gender in canon_genders().items():
        if name in knowledge.characters:
            knowledge.characters[name].gender = gender
    for rel in canon.relationships:
        knowledge.add_relationship(rel.name, rel.kind, rel.characters, rel.fandom)
        for alias in rel.aliases:
            knowledge.add_ship_alias(rel.name, alias)


def _add_tag_graph(knowledge: Knowledge) -> None:
    free = (TagType.FANDOM, TagType.CHARACTER, TagType.RELATIONSHIP)
    names: dict[int, tuple[str, str]] = {
        pk: (name, kind)
        for pk, name, kind in Tag.objects.filter(type__in=free, canonical=True).values_list("pk", "name", "type")
    }
    for name, kind in names.values():
        if kind == TagType.FANDOM:
            knowledge.add_fandom(name)
        elif kind == TagType.CHARACTER:
            knowledge.add_character(name)
    rel_characters: dict[str, list[str]] = defaultdict(list)
    rel_fandoms: dict[str, list[str]] = defaultdict(list)
    links = TagParent.objects.filter(child_id__in=names, parent_id__in=names).values_list("child_id", "parent_id")
    for child_id, parent_id in links:
        child, child_kind = names[child_id]
        parent, parent_kind = names[parent_id]
        if child_kind == TagType.CHARACTER and parent_kind == TagType.FANDOM:
            knowledge.characters[child].fandoms.add(parent)
        elif child_kind == TagType.RELATIONSHIP and parent_kind == TagType.CHARACTER:
            rel_characters[child].append(parent)
        elif child_kind == TagType.RELATIONSHIP and parent_kind == TagType.FANDOM:
            rel_fandoms[child].append(parent)
    for name, characters in rel_characters.items():
        kind = relationship_kind(name)
        if kind in (ROMANTIC, PLATONIC) and len(characters) >= 2:
            knowledge.add_relationship(name, kind, characters)
            knowledge.relationships[name].fandoms.update(rel_fandoms.get(name, ()))
    for sub_id, meta_id in MetaTagging.objects.values_list("sub_id", "meta_id"):
        if sub_id in names and meta_id in names:
            knowledge.add_fandom(names[sub_id][0]).metas.add(names[meta_id][0])
    synonyms = Tag.objects.filter(type__in=free, merger_id__in=names).values_list("name", "merger_id")
    for alias, target_id in synonyms:
        target, kind = names[target_id]
        if kind == TagType.CHARACTER:
            knowledge.add_name("character", target, alias, ALIAS if len(tokens(alias)) > 1 else SHORT_ALIAS)
        elif kind == TagType.FANDOM:
            knowledge._fandom_surface(target, alias)
        elif target in knowledge.relationships:
            knowledge.add_ship_alias(target, alias)
    for tag_id, kind, text in TagCue.objects.filter(tag_id__in=names).values_list("tag_id", "kind", "text"):
        target, tag_kind = names[tag_id]
        if kind == TagCue.Kind.NICKNAME and tag_kind == TagType.CHARACTER:
            knowledge.add_name("character", target, text, NICKNAME)
        elif kind == TagCue.Kind.CUE and tag_kind == TagType.FANDOM:
            knowledge.add_name("cue", target, text, 1.0)


def fingerprint() -> tuple[object, ...]:
    """Changes whenever tags, their links, cues, wrangling or feedback change (a few indexed aggregates)."""
    from scriptorium.suggest.models import SuggestionFeedback

    tags = Tag.objects.aggregate(
        n=Count("id"), m=Max("id"), c=Count("id", filter=Q(canonical=True)), s=Sum("merger_id")
    )
    return (
        tuple(tags.values()),
        tuple(TagParent.objects.aggregate(n=Count("id"), m=Max("id")).values()),
        tuple(MetaTagging.objects.aggregate(n=Count("id"), m=Max("id")).values()),
        tuple(TagCue.objects.aggregate(n=Count("id"), m=Max("id")).values()),
        WranglingLogEntry.objects.aggregate(m=Max("id"))["m"],
        tuple(SuggestionFeedback.objects.aggregate(n=Count("id"), m=Max("id")).values()),
    )


def build_knowledge(*, with_database: bool = True) -> Knowledge:
    knowledge = Knowledge()
    _add_canon(knowledge, starter_canon())
    if with_database:
        _add_tag_graph(knowledge)
        knowledge.weights = learning.weights_load()
    knowledge.derive_short_names()
    knowledge.index = dict(knowledge.index)
    return knowledge


_lock = threading.Lock()
_cached: tuple[tuple[object, ...], Knowledge] | None = None


def knowledge_current() -> Knowledge:
    """The knowledge for this process, rebuilt only when the tag graph or the feedback changed."""
    global _cached
    stamp = fingerprint()
    with _lock:
        if _cached is not None and _cached[0] == stamp:
            return _cached[1]
    knowledge = build_knowledge()
    with _lock:
        _cached = (stamp, knowledge)
    return knowledge


def knowledge_version() -> str:
    """A short stamp of the knowledge in use (changes with the tag graph and feedback), for caches."""
    knowledge_current()
    with _lock:
        stamp = _cached[0] if _cached is not None else ()
    return hashlib.sha1(repr(stamp).encode(), usedforsecurity=False).hexdigest()[:16]


def knowledge_forget() -> None:
    global _cached
    with _lock:
        _cached = None
