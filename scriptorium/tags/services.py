"""Writes for tags that writers' forms make: resolving typed names to tags, and the fixed vocabularies.

Wrangling (canonical tags, synonyms, parents, meta tags) lives in ``scriptorium.tags.wrangling``, the filter
table in ``scriptorium.tags.filters``, the canon loader in ``scriptorium.tags.canon``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from scriptorium.tags.models import Tag, TagType
from scriptorium.tags.models.tag import FIXED_TYPES
from scriptorium.tags.relationships import relationship_canonical_for
from scriptorium.tags.vocabulary import CATEGORIES, RATINGS, TAG_NAME_MAX, WARNINGS

FIXED_VOCABULARIES: dict[str, tuple[str, ...]] = {
    TagType.RATING: RATINGS,
    TagType.WARNING: WARNINGS,
    TagType.CATEGORY: CATEGORIES,
}

#: Characters AO3 does not allow in tag names (the comma separates tags in forms).
FORBIDDEN_CHARACTERS = ",^*<>{}=`\\%،、"
_SPACES = re.compile(r"\s+")


def normalize_tag_name(name: str) -> str:
    return _SPACES.sub(" ", name).strip()


def split_tag_input(value: str) -> list[str]:
    """A comma-separated form field to tag names, in order, without blanks or repeats (ignoring case)."""
    seen: set[str] = set()
    names = []
    for part in value.split(","):
        name = normalize_tag_name(part)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def validate_tag_name(name: str) -> None:
    if not name:
        raise ValidationError("A tag needs a name.")
    if len(name) > TAG_NAME_MAX:
        raise ValidationError(f"“{name[:40]}…” is too long for a tag ({TAG_NAME_MAX} characters at most).")
    bad = sorted({c for c in name if c in FORBIDDEN_CHARACTERS})
    if bad:
        raise ValidationError(f"“{name}” contains characters tags cannot use: {' '.join(bad)}")


class TagTypeTaken(ValidationError):
    """A name that is already a tag of another type (``existing``)."""

    def __init__(self, tag_name: str, existing: Tag, tag_type: str) -> None:
        self.tag_name = tag_name
        self.existing = existing
        super().__init__(
            f"“{tag_name}” is already a {existing.get_type_display().lower()} tag, "
            f"so it cannot be used as a {TagType(tag_type).label.lower()} tag."
        )


def tag_for_name(raw: str, *, tag_type: str) -> tuple[str, Tag | None]:
    """The name as a tag of ``tag_type`` would have it (spaces collapsed) and the tag it already names, ignoring
    case (None: there is none yet). Writes nothing. Inside :func:`tags_remembered`, a name found before is not
    looked up again.

    Raises ValidationError when ``raw`` cannot be a tag name, and TagTypeTaken (a ValidationError) when the name
    belongs to a tag of another type.
    """
    name = normalize_tag_name(raw)
    validate_tag_name(name)
    remembered = _remembered.get()
    if remembered is not None and (tag_type, name.casefold()) in remembered:
        return name, remembered[(tag_type, name.casefold())]
    existing = Tag.objects.named(name).first()
    if existing is not None and existing.type != tag_type:
        raise TagTypeTaken(name, existing, tag_type)
    return name, existing


#: Tags by (type, name ignoring case) inside :func:`tags_remembered`; None outside.
_remembered: ContextVar[dict[tuple[str, str], Tag] | None] = ContextVar("tags_remembered", default=None)


@contextlib.contextmanager
def tags_remembered() -> Iterator[None]:
    """Within the block, ``tags_resolve`` and ``fixed_tags`` look each name up once (a bulk import resolving the
    same few hundred names for thousands of works, ``efiction``). A tag is remembered only once the transaction
    that found or made it commits, so a rolled-back work leaves nothing remembered. A tag renamed or merged by a
    wrangler meanwhile is still used as it was found (the filter table follows wrangling either way)."""
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def _remember(key: tuple[str, str], tag: Tag) -> None:
    remembered = _remembered.get()
    if remembered is not None and key not in remembered:
        transaction.on_commit(lambda: remembered.setdefault(key, tag))


def tags_resolve(*, names: Iterable[str], tag_type: str) -> list[Tag]:
    """Find or create the tags with these names and type.

    A name that is a tag's (ignoring case) is that tag, as typed: a synonym stays a synonym on the work (AO3
    keeps the writer's tag) and the filter table finds the work under its canonical tag. A relationship typed in
    another form of a known canonical relationship ("natasha x steve") is that canonical relationship. Anything
    else becomes a new unwrangled tag, which works as a plain tag until a wrangler sorts it.

    Raises ValidationError when a name is invalid or already belongs to a tag of another type.
    Must run inside the caller's transaction so a failure leaves no new tag behind.
    """
    if tag_type in FIXED_TYPES:
        raise ValidationError(f"{TagType(tag_type).label} tags are a fixed set and cannot be created.")
    resolved: list[Tag] = []
    errors: list[str] = []
    remembered = _remembered.get() or {}
    for raw in names:
        key = (tag_type, normalize_tag_name(raw).casefold())
        if key in remembered:
            if remembered[key] not in resolved:
                resolved.append(remembered[key])
            continue
        try:
            name, existing = tag_for_name(raw, tag_type=tag_type)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        if existing is None and tag_type == TagType.RELATIONSHIP:
            existing = relationship_canonical_for(name)
        if existing is None:
            try:
                existing = _tag_create(name=name, tag_type=tag_type)
            except ValidationError as exc:
                errors.extend(exc.messages)
                continue
        _remember(key, existing)
        if existing not in resolved:
            resolved.append(existing)
    if errors:
        raise ValidationError(errors)
    return resolved


def _tag_create(*, name: str, tag_type: str) -> Tag:
    """A new tag, or the one another writer created with this name a moment ago (between our lookup and our
    insert: on PostgreSQL twenty first uses of one new name at once otherwise failed on the unique index)."""
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction goes on after a lost race
            return Tag.objects.create(name=name, type=tag_type)
    except IntegrityError:
        _name, existing = tag_for_name(name, tag_type=tag_type)
        if existing is None:
            raise
        return existing


def fixed_tags(*, tag_type: str, names: Iterable[str]) -> list[Tag]:
    """The fixed tags (warnings, categories) with these exact names; unknown names are an error."""
    wanted = list(dict.fromkeys(names))
    vocabulary = FIXED_VOCABULARIES[tag_type]
    unknown = [n for n in wanted if n not in vocabulary]
    if unknown:
        raise ValidationError(f"Unknown {TagType(tag_type).label.lower()}: {', '.join(unknown)}")
    remembered = _remembered.get() or {}
    found = {name: remembered[(tag_type, name)] for name in wanted if (tag_type, name) in remembered}
    if len(found) < len(wanted):
        found |= {t.name: t for t in Tag.objects.filter(type=tag_type, name__in=wanted)}
    for name in wanted:
        if name not in found:  # created by a migration; recreated here if a database was emptied since
            found[name], _ = Tag.objects.get_or_create(name=name, defaults={"type": tag_type, "canonical": True})
        _remember((tag_type, name), found[name])
    return [found[n] for n in wanted]
