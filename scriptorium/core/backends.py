"""Pluggable backends, loaded one way for the whole archive.

A setting names a backend the way Django's ``CACHES``, ``TASKS`` and ``STORAGES`` do: a dict with the class as a
dotted path under ``"BACKEND"`` and its keyword arguments under ``"OPTIONS"``::

    SCRIPTORIUM_SPAM_CHECK = {"BACKEND": "scriptorium.interactions.spam.HeuristicSpamCheck", "OPTIONS": {...}}

:func:`load_backend` imports the class, refuses one that is not a subclass of the base the caller names, builds
it, and keeps the instance for as long as the setting's value stays the same. Overriding the setting (Django's
``setting_changed`` signal: ``override_settings``, pytest-django's ``settings`` fixture) forgets the instances
built from it.

Users: search (``SCRIPTORIUM_SEARCH``, one entry per alias), downloads (``SCRIPTORIUM_DOWNLOAD_FORMATS``, one
entry per format) and the comment spam check (``SCRIPTORIUM_SPAM_CHECK``).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

__all__ = ["InvalidBackendError", "import_backend", "load_backend", "reset_backends"]


class InvalidBackendError(ImproperlyConfigured, TypeError):
    """The dotted path names something that is not a subclass of the expected base (also a ``TypeError``, which
    is what the spam check raised for this before the loaders were one)."""


#: (setting, name) → (a copy of the config the instance was built from, the instance)
_loaded: dict[tuple[str, str | None], tuple[Any, Any]] = {}


def _where(setting: str, name: str | None) -> str:
    return setting if name is None else f"{setting}[{name!r}]"


def import_backend[T](path: object, *, base: type[T], setting: str, name: str | None = None) -> type[T]:
    """The class at the dotted ``path``, checked to subclass ``base``; ImproperlyConfigured (naming the setting)
    when it cannot be imported or is the wrong kind of thing."""
    where = _where(setting, name)
    if not isinstance(path, str) or not path:
        raise ImproperlyConfigured(f"{where} needs a BACKEND: the dotted path of a {_qualified(base)} subclass.")
    try:
        backend = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"{where}: cannot import the BACKEND {path!r} ({exc}).") from exc
    if not (isinstance(backend, type) and issubclass(backend, base)):
        raise InvalidBackendError(f"{where}: {path!r} is not a {base.__name__} subclass ({_qualified(base)}).")
    return backend


def load_backend[T](
    config: Mapping[str, Any],
    *,
    base: type[T],
    setting: str,
    name: str | None = None,
    args: tuple[object, ...] = (),
    options: Mapping[str, Any] | None = None,
) -> T:
    """The backend ``config`` describes, built as ``BACKEND(*args, **OPTIONS)`` and cached per ``setting`` and
    ``name`` (an alias or a format name) while ``config`` keeps the same value.

    ``options`` replaces ``config["OPTIONS"]`` for a backend that takes its settings another way; ``args`` and
    ``options`` must follow from ``config`` and ``name``, since only ``config`` is compared to reuse an instance.
    """
    if not isinstance(config, Mapping):
        raise ImproperlyConfigured(f"{_where(setting, name)} must be a dict with a BACKEND, not {config!r}.")
    key = (setting, name)
    cached = _loaded.get(key)
    if cached is not None and cached[0] == config:
        return cached[1]
    backend = import_backend(config.get("BACKEND"), base=base, setting=setting, name=name)
    if options is None:
        options = config.get("OPTIONS") or {}
    instance = backend(*args, **options)
    _loaded[key] = (copy.deepcopy(config), instance)
    return instance


def reset_backends(setting: str | None = None) -> None:
    """Forget the instances built from ``setting`` (every setting when None)."""
    for key in list(_loaded):  # a copy of the keys: another thread may load meanwhile
        if setting is None or key[0] == setting:
            _loaded.pop(key, None)


@receiver(setting_changed)
def _setting_changed(*, setting: str, **kwargs: object) -> None:
    reset_backends(setting)


def _qualified(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"
