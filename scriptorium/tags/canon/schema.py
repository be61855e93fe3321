"""Reading and checking a canon file (TOML; the schema is described at the top of starter.toml).

Everything is checked before anything is written: a canon file with one mistake loads nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError

from scriptorium.tags.relationships import PLATONIC, ROMANTIC, parse_relationship
from scriptorium.tags.services import normalize_tag_name, validate_tag_name

STARTER = Path(__file__).with_name("starter.toml")
KINDS = (ROMANTIC, PLATONIC)


@dataclass
class CanonCharacter:
    name: str
    fandom: str
    aliases: list[str] = field(default_factory=list)
    nicknames: list[str] = field(default_factory=list)


@dataclass
class CanonRelationship:
    name: str
    fandom: str
    kind: str
    characters: list[str]
    aliases: list[str] = field(default_factory=list)


@dataclass
class CanonFandom:
    name: str
    aliases: list[str] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    meta: list[str] = field(default_factory=list)
    #: Media the fandom belongs to ("TV Shows"): the archive's media tags (tags.vocabulary.MEDIA).
    media: list[str] = field(default_factory=list)


@dataclass
class Canon:
    source: str
    fandoms: list[CanonFandom] = field(default_factory=list)
    characters: list[CanonCharacter] = field(default_factory=list)
    relationships: list[CanonRelationship] = field(default_factory=list)
    #: Names the file uses without defining them: they must be canonical tags of the archive already.
    outside_characters: set[str] = field(default_factory=set)
    outside_fandoms: set[str] = field(default_factory=set)
    #: Media the fandoms name: canonical media tags of the archive.
    outside_media: set[str] = field(default_factory=set)


def _strings(entry: dict, key: str, where: str, errors: list[str]) -> list[str]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.append(f"{where}: “{key}” must be a list of strings.")
        return []
    return [normalize_tag_name(v) for v in value if normalize_tag_name(v)]


def _name(entry: dict, where: str, errors: list[str]) -> str:
    name = entry.get("name")
    if not isinstance(name, str) or not normalize_tag_name(name):
        errors.append(f"{where}: every entry needs a “name”.")
        return ""
    return normalize_tag_name(name)


def _parse(data: dict, source: str, errors: list[str]) -> Canon:
    canon = Canon(source=source)
    if data.get("version", 1) != 1:
        errors.append(f"Unknown canon file version {data.get('version')!r} (this Scriptorium reads version 1).")
    for fandom_entry in data.get("fandoms", []):
        fandom = CanonFandom(name=_name(fandom_entry, "A fandom", errors))
        where = f"Fandom “{fandom.name}”"
        fandom.aliases = _strings(fandom_entry, "aliases", where, errors)
        fandom.cues = _strings(fandom_entry, "cues", where, errors)
        fandom.meta = _strings(fandom_entry, "meta", where, errors)
        fandom.media = _strings(fandom_entry, "media", where, errors)
        canon.fandoms.append(fandom)
        for entry in fandom_entry.get("characters", []):
            name = _name(entry, f"{where}, a character", errors)
            canon.characters.append(
                CanonCharacter(
                    name=name,
                    fandom=fandom.name,
                    aliases=_strings(entry, "aliases", f"Character “{name}”", errors),
                    nicknames=_strings(entry, "nicknames", f"Character “{name}”", errors),
                )
            )
        for entry in fandom_entry.get("relationships", []):
            name = _name(entry, f"{where}, a relationship", errors)
            canon.relationships.append(
                CanonRelationship(
                    name=name,
                    fandom=fandom.name,
                    kind=entry.get("kind", ""),
                    characters=_strings(entry, "characters", f"Relationship “{name}”", errors),
                    aliases=_strings(entry, "aliases", f"Relationship “{name}”", errors),
                )
            )
    return canon


def _check(canon: Canon, errors: list[str]) -> None:
    """Tag names valid; each name (canonical or alias) used once, whatever its case; relationships coherent."""
    owner: dict[str, str] = {}

    def claim(name: str, what: str) -> None:
        try:
            validate_tag_name(name)
        except ValidationError as exc:
            errors.extend(f"{what}: {m}" for m in exc.messages)
        key = name.casefold()
        if key in owner and owner[key] != what:
            errors.append(f"“{name}” is used twice: {owner[key]} and {what}.")
        owner.setdefault(key, what)

    for fandom in canon.fandoms:
        claim(fandom.name, f"fandom “{fandom.name}”")
        for alias in fandom.aliases:
            claim(alias, f"alias of fandom “{fandom.name}”")
    characters = {c.name.casefold() for c in canon.characters}
    fandoms = {f.name.casefold() for f in canon.fandoms}
    for character in canon.characters:
        claim(character.name, f"character “{character.name}”")
        for alias in character.aliases:
            claim(alias, f"alias of character “{character.name}”")
    for rel in canon.relationships:
        claim(rel.name, f"relationship “{rel.name}”")
        for alias in rel.aliases:
            claim(alias, f"alias of relationship “{rel.name}”")
        parsed = parse_relationship(rel.name)
        if rel.kind not in KINDS:
            errors.append(f"Relationship “{rel.name}”: “kind” must be “romantic” (A/B) or “platonic” (A & B).")
        elif parsed is None or parsed.kind != rel.kind or ("/" if rel.kind == ROMANTIC else "&") not in rel.name:
            sign = "/" if rel.kind == ROMANTIC else "&"
            errors.append(f"Relationship “{rel.name}” is {rel.kind}: its name must join the characters with “{sign}”.")
        if len(rel.characters) < 2:
            errors.append(f"Relationship “{rel.name}” needs at least two characters.")
        canon.outside_characters.update(n for n in rel.characters if n.casefold() not in characters)
    canon.outside_fandoms.update(m for f in canon.fandoms for m in f.meta if m.casefold() not in fandoms)
    canon.outside_media.update(m for f in canon.fandoms for m in f.media)


def canon_read(path: Path | str | None = None) -> Canon:
    """Parse and check a canon file (the starter canon by default). Raises ValidationError listing every
    problem. Characters and meta fandoms the file names without defining must exist in the archive; the loader
    checks that."""
    path = Path(path) if path is not None else STARTER
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(f"{path} is not valid TOML: {exc}") from exc
    errors: list[str] = []
    canon = _parse(data, path.name, errors)
    _check(canon, errors)
    if errors:
        raise ValidationError(errors)
    return canon
