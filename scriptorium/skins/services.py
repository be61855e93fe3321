"""Writes for work skins and the reader's "hide creators' styles". Each service checks, then acts in one
transaction; a skin's CSS is sanitized here (``sanitize.css_sanitize``), so no unsanitized CSS is ever served."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from scriptorium.accounts.models import User
from scriptorium.skins import events
from scriptorium.skins.models import DESCRIPTION_MAX, TITLE_MAX, SkinPreference, WorkSkin
from scriptorium.skins.sanitize import CSS_MAX, SanitizedSkin, css_sanitize


@dataclass(frozen=True)
class SkinInput:
    title: str
    css: str = ""
    description: str = ""
    public: bool = False


def _check(*, owner: User, data: SkinInput, skin: WorkSkin | None = None) -> None:
    errors: dict[str, list[str]] = {}
    title = data.title.strip()
    if not title:
        errors["title"] = ["A skin needs a title."]
    elif len(title) > TITLE_MAX:
        errors["title"] = [f"The title is longer than {TITLE_MAX} characters."]
    else:
        same = WorkSkin.objects.filter(owner=owner, title__iexact=title)
        if skin is not None:
            same = same.exclude(pk=skin.pk)
        if same.exists():
            errors["title"] = [f"You already have a skin called “{title}”."]
    if len(data.description) > DESCRIPTION_MAX:
        errors["description"] = [f"The description is longer than {DESCRIPTION_MAX:,} characters."]
    if len(data.css) > CSS_MAX:
        errors["css"] = [f"The CSS is {len(data.css):,} characters long; the limit is {CSS_MAX:,}."]
    if errors:
        raise ValidationError(errors)


def _fill(skin: WorkSkin, data: SkinInput) -> SanitizedSkin:
    kept = css_sanitize(data.css)
    skin.title = data.title.strip()
    skin.description = data.description.strip()
    skin.css = data.css
    skin.css_sanitized = kept.css
    skin.fingerprint = kept.fingerprint
    skin.public = data.public
    return kept


@transaction.atomic
def skin_create(*, owner: User, data: SkinInput) -> tuple[WorkSkin, SanitizedSkin]:
    """A new skin of ``owner``'s; the sanitizer's result tells what was left out of its CSS."""
    _check(owner=owner, data=data)
    skin = WorkSkin(owner=owner)
    kept = _fill(skin, data)
    skin.save()
    return skin, kept


@transaction.atomic
def skin_update(*, actor: User, skin: WorkSkin, data: SkinInput) -> SanitizedSkin:
    """Change ``actor``'s own skin; the works using it show the new CSS (``skin_changed``)."""
    if skin.owner_id != actor.pk:
        raise PermissionDenied("Only a skin's owner may change it.")
    _check(owner=actor, data=data, skin=skin)
    before = skin.fingerprint
    kept = _fill(skin, data)
    skin.save()
    if skin.fingerprint != before:
        work_ids = list(skin.works.values_list("pk", flat=True))
        if work_ids:
            events.skin_changed.announce(skin_id=skin.pk, work_ids=work_ids)
    return kept


@transaction.atomic
def skin_delete(*, actor: User, skin: WorkSkin) -> None:
    """Delete ``actor``'s own skin; the works using it go back to the archive's own style."""
    if skin.owner_id != actor.pk:
        raise PermissionDenied("Only a skin's owner may delete it.")
    skin_id = skin.pk
    work_ids = list(skin.works.values_list("pk", flat=True))
    skin.delete()
    if work_ids:
        events.skin_changed.announce(skin_id=skin_id, work_ids=work_ids)


@transaction.atomic
def skins_hidden_set(*, user: User, hidden: bool) -> None:
    """Keep whether ``user`` hides creators' styles on every work."""
    if hidden:
        SkinPreference.objects.get_or_create(user=user)
    else:
        SkinPreference.objects.filter(user=user).delete()
