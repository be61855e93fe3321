"""Writes for a reader's search preferences: tags they exclude everywhere, and searches saved by name.

Each check happens before anything is written, and each write is one transaction; a refusal is a
``ValidationError`` whose message is meant for the reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from scriptorium.search.models import ExcludedTag, SavedSearch
from scriptorium.tags.models import Tag
from scriptorium.tags.services import normalize_tag_name

if TYPE_CHECKING:
    from scriptorium.accounts.models import User

#: Most tags one reader may exclude; most searches one reader may keep.
EXCLUDED_TAGS_MAX = 500
SAVED_SEARCHES_MAX = 100
SAVED_SEARCH_NAME_MAX = 100
SAVED_SEARCH_QUERY_MAX = 4000


def excluded_tag_add(*, user: User, name: str) -> ExcludedTag:
    """Exclude the tag called ``name`` from every listing ``user`` sees. A synonym is stored as its canonical
    tag (which takes the synonym's works with it)."""
    name = normalize_tag_name(name or "")
    if not name:
        raise ValidationError({"name": "Type the name of the tag to exclude."})
    tag = Tag.objects.named(name).select_related("merger").first()
    if tag is None:
        raise ValidationError({"name": f"No tag is named “{name}”. Check the spelling, or pick from the suggestions."})
    target = tag.merger or tag
    with transaction.atomic():
        if ExcludedTag.objects.filter(user=user, tag=target).exists():
            raise ValidationError({"name": f"You already exclude “{target.name}”."})
        if ExcludedTag.objects.filter(user=user).count() >= EXCLUDED_TAGS_MAX:
            raise ValidationError(
                {"name": f"You exclude {EXCLUDED_TAGS_MAX} tags already, the most you can. Remove one first."}
            )
        try:
            with transaction.atomic():
                return ExcludedTag.objects.create(user=user, tag=target)
        except IntegrityError:  # the same tag added twice at once
            raise ValidationError({"name": f"You already exclude “{target.name}”."}) from None


def excluded_tag_remove(*, user: User, excluded_id: int) -> None:
    """Stop excluding a tag; only the reader's own rows can be removed."""
    deleted, _ = ExcludedTag.objects.filter(user=user, pk=excluded_id).delete()
    if not deleted:
        raise ValidationError("That tag is not in your exclusions (any more).")


def clean_query_string(query_string: str) -> str:
    """A search's URL query as kept: parameters in their order, without the page number or blanks."""
    pairs = [(k, v) for k, v in parse_qsl(query_string or "", keep_blank_values=False) if k != "page"]
    return urlencode(pairs)


def _check_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Give the search a name."})
    if len(name) > SAVED_SEARCH_NAME_MAX:
        raise ValidationError({"name": f"A name can be at most {SAVED_SEARCH_NAME_MAX} characters long."})
    return name


def saved_search_create(*, user: User, name: str, query_string: str) -> SavedSearch:
    """Keep the search ``query_string`` (the search page's URL query) under ``name``."""
    name = _check_name(name)
    query = clean_query_string(query_string)
    if not query:
        raise ValidationError({"query_string": "There is nothing to save yet: search or filter first."})
    if len(query) > SAVED_SEARCH_QUERY_MAX:
        raise ValidationError({"query_string": "This search is too long to save: remove some filters."})
    with transaction.atomic():
        if SavedSearch.objects.filter(user=user, name__iexact=name).exists():
            raise ValidationError({"name": f"You already have a search called “{name}”: pick another name."})
        if SavedSearch.objects.filter(user=user).count() >= SAVED_SEARCHES_MAX:
            raise ValidationError(
                {"name": f"You keep {SAVED_SEARCHES_MAX} searches already, the most you can. Delete one first."}
            )
        try:
            with transaction.atomic():
                return SavedSearch.objects.create(user=user, name=name, query_string=query)
        except IntegrityError:
            raise ValidationError({"name": f"You already have a search called “{name}”."}) from None


def saved_search_rename(*, user: User, saved_id: int, name: str) -> SavedSearch:
    name = _check_name(name)
    with transaction.atomic():
        saved = SavedSearch.objects.select_for_update().filter(user=user, pk=saved_id).first()
        if saved is None:
            raise ValidationError("That saved search does not exist (any more).")
        if SavedSearch.objects.filter(user=user, name__iexact=name).exclude(pk=saved.pk).exists():
            raise ValidationError({"name": f"You already have a search called “{name}”: pick another name."})
        saved.name = name
        saved.save(update_fields=["name"])
        return saved


def saved_search_delete(*, user: User, saved_id: int) -> None:
    deleted, _ = SavedSearch.objects.filter(user=user, pk=saved_id).delete()
    if not deleted:
        raise ValidationError("That saved search does not exist (any more).")
