"""Whose style a request reads with: the account's, or the guest's cookie."""

from __future__ import annotations

from django.http import HttpRequest

from scriptorium.comfort.models import ReadingStyle
from scriptorium.comfort.styles import COOKIE, DEFAULT, Style, style_from_cookie


def style_for(request: HttpRequest) -> Style:
    """The reader's style, looked up once per request (the stylesheet link and the reading times both ask)."""
    found = getattr(request, "_reading_style", None)
    if found is None:
        found = request._reading_style = _style_for(request)
    return found


def _style_for(request: HttpRequest) -> Style:
    user = request.user
    if user.is_authenticated:
        found = ReadingStyle.objects.filter(user=user).first()
        return found.as_style() if found is not None else DEFAULT
    return style_from_cookie(request.COOKIES.get(COOKIE))
