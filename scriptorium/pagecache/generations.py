"""Generations: the part of a cached page's key that the domain events change.

- ``all``: every cached page (tag wrangling, a moderator's action, a pseud renamed, an account deleted: rare
  changes that can show anywhere);
- ``listings``: home, the works listing, tags' works, search (a work posted, revised, deleted, added to a
  series);
- ``work:<id>``: that work's page and chapters (the same, and its kudos, comments and bookmarks).

A bump stores a new random value, so pages keyed by the old one are never found again (and age out). Each
value must be the same in every process that answers pages: with Redis (``SCRIPTORIUM_CACHE_URL``) they live in
the shared cache; with the per-process memory cache they live in the database, because an event handled in one
process (or in a task worker) must reach the pages of every other. A value the cache lost reads as a fresh one,
never as an old one.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from scriptorium.pagecache.models import PageGeneration

ALL = "all"
LISTINGS = "listings"
#: The value of a generation never bumped (database store only: its rows are never deleted).
UNBUMPED = "0"
_CACHE_PREFIX = "pagegen:"


def work_generation(work_id: int) -> str:
    return f"work:{work_id}"


def _in_cache() -> bool:
    return getattr(settings, "SCRIPTORIUM_PAGE_GENERATIONS", "database") == "cache"


def generations_read(names: Iterable[str]) -> tuple[str, ...]:
    """The current value of each of ``names``, in order (one query, or one cache round trip)."""
    names = list(names)
    if _in_cache():
        keys = [_CACHE_PREFIX + name for name in names]
        found = cache.get_many(keys)
        for key in keys:
            if key not in found:  # lost or never set: a fresh value, never an old one
                cache.add(key, secrets.token_hex(8), timeout=None)
                found[key] = cache.get(key) or secrets.token_hex(8)
        return tuple(str(found[key]) for key in keys)
    found = dict(PageGeneration.objects.filter(name__in=names).values_list("name", "value"))
    return tuple(found.get(name, UNBUMPED) for name in names)


def generations_bump(*names: str) -> None:
    """Give each of ``names`` a new value: the pages keyed by the old ones are gone for every reader."""
    if _in_cache():
        cache.set_many({_CACHE_PREFIX + name: secrets.token_hex(8) for name in names}, timeout=None)
        return
    rows = [PageGeneration(name=name, value=secrets.token_hex(8)) for name in dict.fromkeys(names)]
    target = {"unique_fields": ["name"]} if connection.features.supports_update_conflicts_with_target else {}
    PageGeneration.objects.bulk_create(rows, update_conflicts=True, update_fields=["value"], **target)
