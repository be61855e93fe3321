"""Search backends, loaded from ``settings.SCRIPTORIUM_SEARCH`` the way Django loads caches and task backends
(through :func:`scriptorium.core.backends.load_backend`)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from scriptorium.core.backends import load_backend, reset_backends
from scriptorium.search.backends.base import BaseSearchBackend

DEFAULT_ALIAS = "default"
SETTING = "SCRIPTORIUM_SEARCH"


def get_search_backend(alias: str = DEFAULT_ALIAS) -> BaseSearchBackend:
    """The backend configured under ``alias``, built with the rest of its entry (without BACKEND) as params."""
    try:
        config = settings.SCRIPTORIUM_SEARCH[alias]
    except KeyError:
        raise ImproperlyConfigured(f"{SETTING} has no {alias!r} backend.") from None
    params = {key: value for key, value in config.items() if key != "BACKEND"}
    return load_backend(config, base=BaseSearchBackend, setting=SETTING, name=alias, args=(alias, params), options={})


def reset_search_backends() -> None:
    """Forget loaded backends (changing the setting does this too)."""
    reset_backends(SETTING)
