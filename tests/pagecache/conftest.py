"""The page cache on, events delivered at commit (``committed``), and guests who come back."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.test import Client

from scriptorium.works.models import Work
from tests.factories import UserFactory, make_work


@pytest.fixture(autouse=True)
def _page_cache_on(settings) -> None:
    settings.SCRIPTORIUM_PAGE_CACHE = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks) -> Callable[[], AbstractContextManager]:
    """Run what a commit would run (the events' receivers) inside a test."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def writer(db):
    return UserFactory(username="quill_writer")


@pytest.fixture
def story(writer, committed) -> Work:
    """A posted work in two chapters, in the fandom "Original Work" (guests may comment: the default)."""
    with committed():
        return make_work(
            creator=writer,
            title="Lanterns Over Quayside",
            chapters=["The harbour lights came on one by one.", "By morning the boats were gone."],
            summary="Harbour nights.",
        )


def guest(address: str = "192.0.2.10", **kwargs: object) -> Client:
    """A reader without an account, from ``address``."""
    return Client(REMOTE_ADDR=address, **kwargs)


def page_urls(work: Work) -> dict[str, str]:
    """Every kind of page the cache keeps, for ``work``."""
    chapter = work.chapters.order_by("position").first()
    return {
        "home": "/",
        "works": "/works/",
        "tag works": "/tags/Original%20Work/works",
        "search": "/works/search?q=Lanterns",
        "work": f"/works/{work.pk}",
        "chapter": f"/works/{work.pk}/chapters/{chapter.pk}",
        "entire work": f"/works/{work.pk}?view_full_work=true",
    }


PAGES = ["home", "works", "tag works", "search", "work", "chapter", "entire work"]
