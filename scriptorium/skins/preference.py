"""Whether a reader sees creators' styles: the per-page switch (``?style=disable`` hides, ``?style=creator``
shows, as on AO3), else the account's choice or a guest's cookie."""

from __future__ import annotations

from django.http import HttpRequest

#: A guest's "hide creators' styles" (value "1"); an account keeps it as a ``SkinPreference`` row.
COOKIE = "hide_skins"
COOKIE_AGE = 365 * 24 * 3600
#: The per-page switch in the address.
PARAM = "style"
HIDE = "disable"
SHOW = "creator"


def hidden_by_cookie(request: HttpRequest) -> bool:
    """A guest's own choice (the guest page cache keys pages by it)."""
    return request.COOKIES.get(COOKIE) == "1"
