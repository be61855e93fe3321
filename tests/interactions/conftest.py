"""Shared setup for kudos, comments and hits: a clean cache per test (the hit buffer and rate limits live there)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from scriptorium.accounts.models import User
from scriptorium.works.models import Work
from tests.factories import make_work


@pytest.fixture(autouse=True)
def _clean_cache(settings) -> Iterator[None]:
    settings.SCRIPTORIUM_RATE_LIMITS = {"comment_account": "3/m", "comment_guest": "1/m"}
    cache.clear()
    yield
    cache.clear()


def two_chapters(creator: User, **metadata: object) -> Work:
    """A posted work in two chapters."""
    return make_work(
        creator=creator, title="Harbour Lights", chapters=["The first night.", "The second night."], **metadata
    )


@pytest.fixture
def chaptered(user: User) -> Work:
    return two_chapters(user)
