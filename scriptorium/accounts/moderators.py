"""The moderator role: the ``accounts.moderate_archive`` permission, given through the "Moderators" group.

Separate from the tag wranglers and from Django's admin; superusers count as moderators everywhere. The role
lives here, at the bottom of the layers, because who may see a work hidden by a moderator is decided in
``works.querysets``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Q

from scriptorium.accounts.models import User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

MODERATORS_GROUP = "Moderators"
PERMISSION = "moderate_archive"
PERMISSION_NAME = "Can moderate the archive (reports, hidden works, suspensions)"


def moderators_group() -> Group:
    """The "Moderators" group with the moderation permission (made by a migration; remade if missing)."""
    content_type = ContentType.objects.get_for_model(User)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=PERMISSION, defaults={"name": PERMISSION_NAME}
    )
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(permission)
    return group


def is_moderator(user: User | AnonymousUser) -> bool:
    """Whether ``user`` may moderate: an active account with the permission (the group gives it), or a
    superuser. Django caches the permissions on the user object, so a request asks the database once."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm(f"accounts.{PERMISSION}")


def moderator_exists(user: User | AnonymousUser) -> Q:
    """A condition true on every row when ``user`` is a moderator, false otherwise, answered inside the query
    it is part of (so a queryset's visibility rule costs no query of its own)."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    holders = Permission.objects.filter(codename=PERMISSION, content_type__app_label="accounts").filter(
        Q(group__user=user.pk) | Q(user=user.pk)
    )
    return Q(Exists(holders))


def moderators() -> list[User]:
    """The accounts that may moderate (for assigning cases): members of the group, then superusers."""
    holders = Q(groups__permissions__codename=PERMISSION) | Q(user_permissions__codename=PERMISSION)
    return list(User.objects.filter(holders | Q(is_superuser=True), is_active=True).distinct().order_by("username"))
