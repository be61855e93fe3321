"""Recognising readers without accounts, without keeping their IP addresses.

A guest is known by a keyed hash (HMAC-SHA256) of their address with a secret salt of the day:

- ``stored_guest_key`` (kudos, kept in the database) uses a salt kept in the database for today only; when
  the day turns, yesterday's salt is deleted, so the keys already stored can no longer be tied to any address;
- ``transient_guest_key`` (hits and rate limits, kept in the cache for a day at most) uses a salt kept in the
  cache, so recording a hit never writes to the database.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from scriptorium.core.clients import client_ip  # noqa: F401 - imported from here by the views
from scriptorium.interactions.models import GuestSalt

_DAY = 24 * 60 * 60
#: Today's stored salt, remembered by this process (it never changes during its day).
_known_salts: dict[datetime.date, str] = {}


def _keyed(salt: str, ip: str) -> str:
    return hmac.new(salt.encode(), ip.encode(), hashlib.sha256).hexdigest()


def _today() -> datetime.date:
    return timezone.localdate()


def transient_guest_key(ip: str, *, day: datetime.date | None = None) -> str:
    """A key for ``ip`` that lives only in the cache (hits, rate limits); it changes every day."""
    day = day or _today()
    name = f"interactions:guest-salt:{day:%Y%m%d}"
    salt = cache.get(name)
    if salt is None:
        cache.add(name, secrets.token_hex(16), timeout=2 * _DAY)
        salt = cache.get(name) or settings.SECRET_KEY
    return _keyed(salt, ip)


def _stored_salt(day: datetime.date) -> str:
    found = GuestSalt.objects.filter(day=day).values_list("salt", flat=True).first()
    if not found:
        try:
            with transaction.atomic():
                GuestSalt.objects.create(day=day, salt=secrets.token_hex(32))
                GuestSalt.objects.filter(day__lt=day).delete()  # the rotation: old keys now lead nowhere
        except IntegrityError:
            pass  # another request made today's salt first
        found = GuestSalt.objects.get(day=day).salt
    _known_salts.clear()
    _known_salts[day] = found
    return found


def stored_guest_key(ip: str, *, day: datetime.date | None = None) -> str:
    """The key kept with a guest's kudos: the same guest gets the same key all day, another one tomorrow."""
    return _keyed(_stored_salt(day or _today()), ip)


def today_guest_key(ip: str) -> str | None:
    """The key ``stored_guest_key`` would give ``ip`` today, without creating today's salt (for reading pages).

    The salt is remembered in this process for the day, so pages usually read it without a query."""
    day = _today()
    salt = _known_salts.get(day)
    if salt is None:
        salt = GuestSalt.objects.filter(day=day).values_list("salt", flat=True).first()
        if salt is None:
            return None
        _known_salts.clear()
        _known_salts[day] = salt
    return _keyed(salt, ip)
