"""Wrangling: the services that make tags canonical or synonyms, and link them to parents and meta tags.

Every service checks the wrangler permission, then the invariants, then acts in one transaction, writes an
audit log entry and moves the filters of the works concerned (``scriptorium.tags.filters``):

- a synonym points at a canonical tag of its own type, and has no synonyms, meta or sub tags of its own;
- a canonical tag with synonyms (or meta or sub tags) becomes a synonym only when they move with it;
- meta links join canonical tags of one type, without cycles;
- parents: fandoms for characters, relationships and additional tags; characters for relationships.

The ``_`` functions do the change without the permission check or the filters, for bulk actions and the canon
loader; they return the tags whose works' filters the change moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from scriptorium.tags import events
from scriptorium.tags.filters import filters_refresh_for_tags, tags_found_through
from scriptorium.tags.models import MetaTagging, Tag, TagParent, TagType, WranglingLogEntry
from scriptorium.tags.models.tag import PARENT_TYPES
from scriptorium.tags.relationships import mixes_kinds

if TYPE_CHECKING:
    from scriptorium.accounts.models import User

WRANGLE_PERMISSION = "tags.wrangle_tag"
Action = WranglingLogEntry.Action


def can_wrangle(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(WRANGLE_PERMISSION))


def _check_wrangler(actor: User | None) -> None:
    if not can_wrangle(actor):
        raise PermissionDenied("Only tag wranglers can do that.")


def _state(tag: Tag) -> dict[str, object]:
    merger = Tag.objects.filter(pk=tag.merger_id).values_list("name", flat=True).first() if tag.merger_id else None
    return {"status": tag.status, "merger": merger}


def _log(actor: User | None, action: str, tag: Tag, *, other: Tag | None = None, before: dict, after: dict) -> None:
    WranglingLogEntry.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "canon",
        action=action,
        tag=tag,
        tag_name=tag.name,
        other_name=other.name if other is not None else "",
        before=before,
        after=after,
    )
    events.tag_wrangled.announce(tag_id=tag.pk)


def _locked(tag: Tag) -> Tag:
    """The tag as it is now, locked for this transaction (PostgreSQL) so two wranglers cannot interleave."""
    return Tag.objects.select_for_update().get(pk=tag.pk)


def _check_free(tag: Tag) -> None:
    if tag.is_fixed:
        raise ValidationError(f"“{tag.name}” is one of the archive's fixed tags and cannot be wrangled.")


def _make_canonical(tag: Tag, *, actor: User | None, log: bool = True) -> set[int]:
    tag = _locked(tag)
    _check_free(tag)
    if tag.canonical:
        return set()
    if tag.type == TagType.RELATIONSHIP and mixes_kinds(tag.name):
        raise ValidationError(
            f"“{tag.name}” mixes “/” and “&”: a canonical relationship is either romantic (A/B) or platonic "
            "(A & B). Make it a synonym, or leave it unwrangled."
        )
    affected = {tag.pk} if tag.merger_id else set()
    before = _state(tag)
    tag.canonical, tag.merger = True, None
    tag.save(update_fields=["canonical", "merger"])
    if log:
        _log(actor, Action.MAKE_CANONICAL, tag, before=before, after=_state(tag))
    return affected


def _check_no_cycle(meta: Tag, sub: Tag) -> None:
    """Adding meta → sub must not make ``meta`` one of its own sub tags."""
    if meta.pk == sub.pk:
        raise ValidationError(f"“{sub.name}” cannot be its own meta tag.")
    above: set[int] = {meta.pk}
    frontier = {meta.pk}
    while frontier:
        frontier = set(MetaTagging.objects.filter(sub_id__in=frontier).values_list("meta_id", flat=True)) - above
        above |= frontier
    if sub.pk in above:
        raise ValidationError(f"“{meta.name}” is already found under “{sub.name}”: that link would make a cycle.")


def _move_links(tag: Tag, target: Tag) -> list[str]:
    """Move ``tag``'s synonyms and meta/sub links to ``target`` (and copy its parents). Returns moved names."""
    moved = list(tag.synonyms.values_list("name", flat=True))
    tag.synonyms.update(merger=target)
    for link in MetaTagging.objects.filter(sub=tag).select_related("meta"):
        if link.meta_id != target.pk:
            _check_no_cycle(link.meta, target)
            MetaTagging.objects.get_or_create(meta=link.meta, sub=target)
    for link in MetaTagging.objects.filter(meta=tag).select_related("sub"):
        if link.sub_id != target.pk:
            _check_no_cycle(target, link.sub)
            MetaTagging.objects.get_or_create(meta=target, sub=link.sub)
    MetaTagging.objects.filter(sub=tag).delete()
    MetaTagging.objects.filter(meta=tag).delete()
    return moved


def _make_synonym(
    tag: Tag, target: Tag, *, actor: User | None, move_synonyms: bool = False, log: bool = True
) -> set[int]:
    tag, target = _locked(tag), _locked(target)
    _check_free(tag)
    if tag.pk == target.pk:
        raise ValidationError(f"“{tag.name}” cannot be a synonym of itself.")
    if target.type != tag.type:
        raise ValidationError(
            f"“{tag.name}” is a {tag.get_type_display().lower()} tag and “{target.name}” a "
            f"{target.get_type_display().lower()} tag: a synonym must point at a tag of its own type."
        )
    if not target.canonical:
        raise ValidationError(f"“{target.name}” is not canonical: a synonym must point at a canonical tag.")
    if tag.merger_id == target.pk:
        return set()
    synonyms = tag.synonyms.count()
    links = MetaTagging.objects.filter(sub=tag).count() + MetaTagging.objects.filter(meta=tag).count()
    if (synonyms or links) and not move_synonyms:
        parts = []
        if synonyms:
            parts.append(f"{synonyms} synonym{'s' if synonyms != 1 else ''}")
        if links:
            parts.append(f"{links} meta or sub tag{'s' if links != 1 else ''}")
        raise ValidationError(
            f"“{tag.name}” has {' and '.join(parts)}: move them to “{target.name}” as well, or remove them first."
        )
    # The tag's works (and its synonyms' and sub tags'); when its meta tags move, the target's works too.
    affected = tags_found_through({tag.pk, target.pk} if links else {tag.pk})
    before = _state(tag)
    moved = _move_links(tag, target) if (synonyms or links) else []
    for parent_id in TagParent.objects.filter(child=tag).values_list("parent_id", flat=True):
        TagParent.objects.get_or_create(child=target, parent_id=parent_id)
    tag.canonical, tag.merger = False, target
    tag.save(update_fields=["canonical", "merger"])
    if log:
        after = {**_state(tag), **({"moved_synonyms": moved} if moved else {})}
        _log(actor, Action.MAKE_SYNONYM, tag, other=target, before=before, after=after)
    return affected


def _unwrangle(tag: Tag, *, actor: User | None, log: bool = True) -> set[int]:
    tag = _locked(tag)
    _check_free(tag)
    if tag.is_unwrangled:
        return set()
    if tag.canonical:
        if tag.synonyms.exists():
            raise ValidationError(f"“{tag.name}” still has synonyms: make them point elsewhere first.")
        if MetaTagging.objects.filter(sub=tag).exists() or MetaTagging.objects.filter(meta=tag).exists():
            raise ValidationError(f"“{tag.name}” still has meta or sub tags: remove them first.")
    affected = {tag.pk} if tag.merger_id else set()
    before = _state(tag)
    tag.canonical, tag.merger = False, None
    tag.save(update_fields=["canonical", "merger"])
    if log:
        _log(actor, Action.UNWRANGLE, tag, before=before, after=_state(tag))
    return affected


def _parent_add(tag: Tag, parent: Tag, *, actor: User | None, log: bool = True) -> set[int]:
    allowed = PARENT_TYPES.get(tag.type, ())
    if not allowed:
        raise ValidationError(f"{tag.get_type_display()} tags have no parents.")
    if parent.type not in allowed:
        kinds = " or ".join(TagType(t).label.lower() for t in allowed)
        raise ValidationError(f"A {tag.get_type_display().lower()} tag can only belong to {kinds} tags.")
    if not parent.canonical:
        raise ValidationError(f"“{parent.name}” is not canonical: parents must be canonical tags.")
    _, created = TagParent.objects.get_or_create(child=tag, parent=parent)
    if created and log:
        _log(actor, Action.ADD_PARENT, tag, other=parent, before={}, after={"parent": parent.name})
    return set()


def _parent_remove(tag: Tag, parent: Tag, *, actor: User | None, log: bool = True) -> set[int]:
    deleted, _ = TagParent.objects.filter(child=tag, parent=parent).delete()
    if deleted and log:
        _log(actor, Action.REMOVE_PARENT, tag, other=parent, before={"parent": parent.name}, after={})
    return set()


def _meta_add(tag: Tag, meta: Tag, *, actor: User | None, log: bool = True) -> set[int]:
    tag, meta = _locked(tag), _locked(meta)
    if tag.is_fixed or meta.is_fixed:
        raise ValidationError("The archive's fixed tags cannot have meta tags.")
    if meta.type != tag.type:
        raise ValidationError(f"“{meta.name}” is not a {tag.get_type_display().lower()} tag.")
    if not (tag.canonical and meta.canonical):
        raise ValidationError("Meta and sub tags must both be canonical.")
    if MetaTagging.objects.filter(meta=meta, sub=tag).exists():
        return set()
    _check_no_cycle(meta, tag)
    affected = tags_found_through({tag.pk})
    MetaTagging.objects.create(meta=meta, sub=tag)
    if log:
        _log(actor, Action.ADD_META, tag, other=meta, before={}, after={"meta": meta.name})
    return affected


def _meta_remove(tag: Tag, meta: Tag, *, actor: User | None, log: bool = True) -> set[int]:
    if not MetaTagging.objects.filter(meta=meta, sub=tag).exists():
        return set()
    affected = tags_found_through({tag.pk})
    MetaTagging.objects.filter(meta=meta, sub=tag).delete()
    if log:
        _log(actor, Action.REMOVE_META, tag, other=meta, before={"meta": meta.name}, after={})
    return affected


def _refresh(affected: set[int], actor: User | None, description: str) -> None:
    if affected:
        filters_refresh_for_tags(tag_ids=affected, description=description, actor=actor)


@transaction.atomic
def tag_make_canonical(*, actor: User, tag: Tag) -> Tag:
    """Make ``tag`` canonical (from unwrangled, or from a synonym: its works leave the old canonical tag)."""
    _check_wrangler(actor)
    _refresh(_make_canonical(tag, actor=actor), actor, f"“{tag.name}” made canonical")
    tag.refresh_from_db()
    return tag


@transaction.atomic
def tag_make_synonym(*, actor: User, tag: Tag, target: Tag, move_synonyms: bool = False) -> Tag:
    """Make ``tag`` a synonym of the canonical ``target``; its works (and, with ``move_synonyms``, those of its
    synonyms and sub tags, which move to ``target``) are then found under ``target``."""
    _check_wrangler(actor)
    affected = _make_synonym(tag, target, actor=actor, move_synonyms=move_synonyms)
    _refresh(affected, actor, f"“{tag.name}” made a synonym of “{target.name}”")
    tag.refresh_from_db()
    return tag


@transaction.atomic
def tag_unwrangle(*, actor: User, tag: Tag) -> Tag:
    """Make ``tag`` unwrangled again (a canonical tag must have no synonyms, meta or sub tags left)."""
    _check_wrangler(actor)
    _refresh(_unwrangle(tag, actor=actor), actor, f"“{tag.name}” unwrangled")
    tag.refresh_from_db()
    return tag


@transaction.atomic
def tag_parent_add(*, actor: User, tag: Tag, parent: Tag) -> None:
    """Add a parent: a fandom to a character, relationship or additional tag; a character to a relationship."""
    _check_wrangler(actor)
    _parent_add(tag, parent, actor=actor)


@transaction.atomic
def tag_parent_remove(*, actor: User, tag: Tag, parent: Tag) -> None:
    _check_wrangler(actor)
    _parent_remove(tag, parent, actor=actor)


@transaction.atomic
def tag_meta_add(*, actor: User, tag: Tag, meta: Tag) -> None:
    """Make ``meta`` a meta tag of ``tag``: works found under ``tag`` are found under ``meta`` too."""
    _check_wrangler(actor)
    _refresh(_meta_add(tag, meta, actor=actor), actor, f"“{meta.name}” made a meta tag of “{tag.name}”")


@transaction.atomic
def tag_meta_remove(*, actor: User, tag: Tag, meta: Tag) -> None:
    _check_wrangler(actor)
    _refresh(_meta_remove(tag, meta, actor=actor), actor, f"“{meta.name}” no longer a meta tag of “{tag.name}”")
