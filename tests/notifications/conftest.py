"""Notifications run after commit: these helpers run the committed callbacks (and so the tasks) in the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest
from django.core.cache import cache

from scriptorium.interactions.inputs import CommentInput
from scriptorium.interactions.models import Comment
from scriptorium.interactions.services import comment_create
from scriptorium.works.models import Work


@pytest.fixture(autouse=True)
def _quiet_checks(settings) -> Iterator[None]:
    """No rate limits or spam heuristics in the way (their own tests are in tests/interactions)."""
    settings.SCRIPTORIUM_RATE_LIMITS = {"comment_account": "", "comment_guest": ""}
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": "scriptorium.interactions.spam.SpamCheck"}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks) -> Callable[[], AbstractContextManager]:
    """``with committed(): ...`` runs what the block enqueues on commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def comment_on(
    work: Work, author: object, text: str = "Lovely harbour.", *, position: int = 1, parent: Comment | None = None
) -> Comment:
    chapter = work.chapters.get(position=position)
    return comment_create(actor=author, chapter=chapter, data=CommentInput(text), parent=parent)
