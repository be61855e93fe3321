"""Loading a canon file into the archive, idempotently and without overriding local wrangling.

The canon only fills in what is undecided. It creates missing tags (canonical names as canonical tags, aliases
as their synonyms), makes an existing *unwrangled* tag canonical or a synonym, and adds missing parents, meta
links and nicknames or cue words. It never changes a tag that is already canonical or a synonym, nor one a
wrangler has changed (the wrangling log says so), and never re-adds a parent or meta link a wrangler removed.
Loading the same file twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower

from scriptorium.tags.canon.schema import Canon, canon_read
from scriptorium.tags.filters import filters_refresh_for_tags, tags_found_through
from scriptorium.tags.models import MetaTagging, Tag, TagCue, TagParent, TagType, WranglingLogEntry
from scriptorium.tags.signals import tag_words_index
from scriptorium.tags.text import fold

Action = WranglingLogEntry.Action
STATUS_ACTIONS = (Action.MAKE_CANONICAL, Action.MAKE_SYNONYM, Action.UNWRANGLE)


@dataclass
class CanonLoadResult:
    source: str
    created: int = 0
    made_canonical: int = 0
    made_synonyms: int = 0
    parents_added: int = 0
    meta_added: int = 0
    cues_added: int = 0
    #: Tags the canon would have changed but left as the archive has them (one line each).
    kept_local: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return (
            self.created
            + self.made_canonical
            + self.made_synonyms
            + self.parents_added
            + self.meta_added
            + self.cues_added
        )

    def summary(self) -> dict[str, int]:
        keys = ("created", "made_canonical", "made_synonyms", "parents_added", "meta_added", "cues_added")
        return {key: getattr(self, key) for key in keys}


class _Loader:
    def __init__(self, canon: Canon) -> None:
        self.canon = canon
        self.result = CanonLoadResult(source=canon.source)
        self.tags: dict[str, Tag] = {}  # casefolded name → tag
        self.affected: set[int] = set()
        self.decided: set[int] = set()
        self.removed_links: set[tuple[str, int, str]] = set()

    # --- lookups ---------------------------------------------------------------------------------------------

    def _fetch(self, names: list[str]) -> None:
        # Exact names as well as lower-cased ones: SQLite's lower() folds only ASCII letters ("Éowyn").
        wanted = sorted(set(names))
        for start in range(0, len(wanted), 400):
            chunk = wanted[start : start + 400]
            lowered = sorted({n.lower() for n in chunk})
            found = Tag.objects.annotate(_lname=Lower("name")).filter(Q(_lname__in=lowered) | Q(name__in=chunk))
            for tag in found:
                self.tags[tag.name.casefold()] = tag

    def tag(self, name: str) -> Tag | None:
        return self.tags.get(name.casefold())

    def _load_local_decisions(self) -> None:
        ids = [t.pk for t in self.tags.values()]
        for start in range(0, len(ids), 500):
            entries = WranglingLogEntry.objects.filter(tag_id__in=ids[start : start + 500])
            for tag_id, action, other in entries.values_list("tag_id", "action", "other_name"):
                if action in STATUS_ACTIONS:
                    self.decided.add(tag_id)
                elif action in (Action.REMOVE_PARENT, Action.REMOVE_META):
                    self.removed_links.add((action, tag_id, other.casefold()))

    # --- steps -----------------------------------------------------------------------------------------------

    def _wanted(self) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
        """Canonical names → type, and aliases → (type, canonical name)."""
        canonical: dict[str, str] = {}
        aliases: dict[str, tuple[str, str]] = {}
        for kind, entries in (
            (TagType.FANDOM, self.canon.fandoms),
            (TagType.CHARACTER, self.canon.characters),
            (TagType.RELATIONSHIP, self.canon.relationships),
        ):
            for entry in entries:
                canonical[entry.name] = kind
                for alias in entry.aliases:
                    aliases[alias] = (kind, entry.name)
        return canonical, aliases

    def check_outside_names(self) -> None:
        errors = []
        for names, kind in (
            (self.canon.outside_characters, TagType.CHARACTER),
            (self.canon.outside_fandoms, TagType.FANDOM),
            (self.canon.outside_media, TagType.MEDIA),
        ):
            self._fetch(list(names))
            for name in sorted(names):
                tag = self.tag(name)
                if tag is None or tag.type != kind or not tag.canonical:
                    errors.append(f"“{name}” is neither in the file nor a canonical {kind} tag of the archive.")
        if errors:
            raise ValidationError(errors)

    def ensure_canonical(self, name: str, kind: str) -> None:
        tag = self.tag(name)
        if tag is None:
            return  # created in bulk
        if tag.type != kind:
            self.result.kept_local.append(f"“{tag.name}” is a {tag.get_type_display().lower()} tag here, not a {kind}.")
        elif tag.canonical:
            return
        elif tag.merger_id or tag.pk in self.decided:
            self.result.kept_local.append(f"“{tag.name}” stays {tag.status} (a local decision).")
        else:
            tag.canonical = True
            tag.save(update_fields=["canonical"])
            self.result.made_canonical += 1

    def usable(self, name: str, kind: str) -> Tag | None:
        """The canonical tag the file's ``name`` is in this archive, if it is one."""
        tag = self.tag(name)
        return tag if tag is not None and tag.type == kind and tag.canonical else None

    def ensure_alias(self, alias: str, kind: str, target_name: str) -> None:
        target = self.usable(target_name, kind)
        tag = self.tag(alias)
        if target is None:
            return
        if tag is None:
            tag = Tag.objects.create(name=alias, type=kind, merger=target)
            self.tags[alias.casefold()] = tag
            self.result.created += 1
        elif tag.type != kind:
            self.result.kept_local.append(f"“{tag.name}” is a {tag.get_type_display().lower()} tag here, not a {kind}.")
        elif tag.merger_id == target.pk:
            return
        elif not tag.is_unwrangled or tag.pk in self.decided:
            self.result.kept_local.append(f"“{tag.name}” stays {tag.status} (a local decision).")
        else:
            self.affected.add(tag.pk)
            tag.merger = target
            tag.save(update_fields=["merger"])
            self.result.made_synonyms += 1

    def ensure_parent(self, child_name: str, child_kind: str, parent_name: str, parent_kind: str) -> None:
        child, parent = self.usable(child_name, child_kind), self.usable(parent_name, parent_kind)
        if child is None or parent is None:
            return
        if (Action.REMOVE_PARENT, child.pk, parent.name.casefold()) in self.removed_links:
            return
        _, created = TagParent.objects.get_or_create(child=child, parent=parent)
        self.result.parents_added += created

    def ensure_meta(self, sub_name: str, meta_name: str) -> None:
        from scriptorium.tags.wrangling import _check_no_cycle

        sub, meta = self.usable(sub_name, TagType.FANDOM), self.usable(meta_name, TagType.FANDOM)
        if sub is None or meta is None or MetaTagging.objects.filter(meta=meta, sub=sub).exists():
            return
        if (Action.REMOVE_META, sub.pk, meta.name.casefold()) in self.removed_links:
            return
        try:
            _check_no_cycle(meta, sub)
        except ValidationError as exc:
            self.result.kept_local.extend(exc.messages)
            return
        self.affected |= tags_found_through({sub.pk})
        MetaTagging.objects.create(meta=meta, sub=sub)
        self.result.meta_added += 1

    def ensure_cues(self, name: str, kind: str, cue_kind: str, texts: list[str]) -> None:
        tag = self.usable(name, kind)
        if tag is None or not texts:
            return
        have = set(TagCue.objects.filter(tag=tag, kind=cue_kind).values_list("folded", flat=True))
        new: dict[str, str] = {}
        for text in texts:
            if fold(text) not in have:
                new.setdefault(fold(text), text)
        TagCue.objects.bulk_create([TagCue(tag=tag, kind=cue_kind, text=t, folded=f) for f, t in new.items()])
        self.result.cues_added += len(new)

    def run(self) -> CanonLoadResult:
        canonical, aliases = self._wanted()
        self.check_outside_names()
        self._fetch([*canonical, *aliases])
        self._load_local_decisions()
        missing = [Tag(name=n, type=k, canonical=True) for n, k in canonical.items() if self.tag(n) is None]
        created = Tag.objects.bulk_create(missing, batch_size=500)
        tag_words_index(created)
        self._fetch([t.name for t in created])
        self.result.created += len(created)
        for name, kind in canonical.items():
            self.ensure_canonical(name, kind)
        for alias, (kind, target) in aliases.items():
            self.ensure_alias(alias, kind, target)
        for character in self.canon.characters:
            self.ensure_parent(character.name, TagType.CHARACTER, character.fandom, TagType.FANDOM)
            self.ensure_cues(character.name, TagType.CHARACTER, TagCue.Kind.NICKNAME, character.nicknames)
        for rel in self.canon.relationships:
            self.ensure_parent(rel.name, TagType.RELATIONSHIP, rel.fandom, TagType.FANDOM)
            for character in rel.characters:
                self.ensure_parent(rel.name, TagType.RELATIONSHIP, character, TagType.CHARACTER)
        for fandom in self.canon.fandoms:
            for meta in fandom.meta:
                self.ensure_meta(fandom.name, meta)
            for medium in fandom.media:
                self.ensure_parent(fandom.name, TagType.FANDOM, medium, TagType.MEDIA)
            self.ensure_cues(fandom.name, TagType.FANDOM, TagCue.Kind.CUE, fandom.cues)
        if self.affected:
            filters_refresh_for_tags(tag_ids=self.affected, description=f"Canon {self.canon.source}", background=False)
        if self.result.changed:
            WranglingLogEntry.objects.create(
                actor_name="canon",
                action=Action.CANON_LOAD,
                tag_name=self.canon.source,
                after=self.result.summary(),
            )
        return self.result


@transaction.atomic
def canon_load(path: Path | str | None = None) -> CanonLoadResult:
    """Load a canon file (the starter canon by default) in one transaction; raises ValidationError, having
    written nothing, when the file has mistakes or names characters or fandoms the archive does not have."""
    return _Loader(canon_read(path)).run()
