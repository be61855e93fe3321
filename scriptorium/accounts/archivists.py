"""The archivist role: who may import works on behalf of their authors (Open Doors style, issue 15).

An archivist is an active account that is staff, a superuser, or a member of the "Archivists" group (given in the
admin). Works an archivist imports "on behalf of the file's author" are credited to an external creator
(``works.models.external``) and kept by the archivist's pseud. This is the one predicate every page and command
asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import Group

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User

ARCHIVISTS_GROUP = "Archivists"


def archivists_group() -> Group:
    """The "Archivists" group (made on first use; membership is given in the admin)."""
    group, _ = Group.objects.get_or_create(name=ARCHIVISTS_GROUP)
    return group


def is_archivist(user: User | AnonymousUser) -> bool:
    """Whether ``user`` may archive works on behalf of others: an active account that is staff, a superuser, or
    in the "Archivists" group. One query at most, remembered on the user object for the request."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    cached = getattr(user, "_is_archivist", None)
    if cached is None:
        cached = user._is_archivist = user.groups.filter(name=ARCHIVISTS_GROUP).exists()
    return cached
