"""Template filters about the viewing account: ``{% if user|is_archivist %}`` (the one archivist predicate,
``accounts.archivists.is_archivist``)."""

from __future__ import annotations

from django import template

from scriptorium.accounts.archivists import is_archivist as _is_archivist

register = template.Library()


@register.filter
def is_archivist(user: object) -> bool:
    return _is_archivist(user)
