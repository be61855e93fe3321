"""The wrangler role: the ``tags.wrangle_tag`` permission, given through the "Tag wranglers" group."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from scriptorium.tags.models import Tag

WRANGLERS_GROUP = "Tag wranglers"


def wranglers_group() -> Group:
    """The "Tag wranglers" group with the wrangling permission (made by a migration; remade if missing)."""
    content_type = ContentType.objects.get_for_model(Tag)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="wrangle_tag",
        defaults={"name": "Can wrangle tags (canonical tags, synonyms, parents, meta tags)"},
    )
    group, _ = Group.objects.get_or_create(name=WRANGLERS_GROUP)
    group.permissions.add(permission)
    return group
