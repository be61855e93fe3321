"""Search backends, loaded from ``settings.SCRIPTORIUM_SEARCH`` the way Django loads caches and task backends."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from scriptorium.search.backends.base import BaseSearchBackend

DEFAULT_ALIAS = "default"


@cache
def _load(alias: str) -> BaseSearchBackend:
    config = dict(settings.SCRIPTORIUM_SEARCH[alias])
    backend_class = import_string(config.pop("BACKEND"))
    return backend_class(alias, config)


def get_search_backend(alias: str = DEFAULT_ALIAS) -> BaseSearchBackend:
    return _load(alias)


def reset_search_backends() -> None:
    """Forget loaded backends (tests that change settings call this)."""
    _load.cache_clear()
