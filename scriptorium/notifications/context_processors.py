"""The header's unread count: one query, and only when a page for a logged-in reader renders it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest


def _lazy_count(user: object) -> Callable[[], int]:
    cached: list[int] = []

    def count() -> int:
        if not cached:
            from scriptorium.notifications.selectors import unread_count

            cached.append(unread_count(user))
        return cached[0]

    return count


def unread(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": _lazy_count(user)}
