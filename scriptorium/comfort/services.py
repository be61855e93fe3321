"""Saving an account's reading style."""

from __future__ import annotations

from dataclasses import asdict

from django.db import transaction

from scriptorium.accounts.models import User
from scriptorium.comfort.models import ReadingStyle
from scriptorium.comfort.styles import DEFAULT, Style


def reading_style_set(*, user: User, style: Style) -> None:
    """Keep ``style`` for ``user`` (the default removes the row: nothing to keep)."""
    with transaction.atomic():
        if style == DEFAULT:
            ReadingStyle.objects.filter(user=user).delete()
            return
        ReadingStyle.objects.update_or_create(user=user, defaults=asdict(style))
