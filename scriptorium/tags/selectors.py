"""Reads for the tag pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scriptorium.tags.models import Tag
from scriptorium.works.selectors import works_listed_for_tag

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User


def tag_named(name: str) -> Tag | None:
    """The tag with this name, whatever its case (None when there is none)."""
    return Tag.objects.named(name).select_related("merger").first()


def tag_work_count(user: User | AnonymousUser, tag: Tag) -> int:
    """How many works carrying ``tag`` are listed for ``user`` (so hidden works are not counted)."""
    return works_listed_for_tag(user, tag).count()
