"""An archive with one work in each state the visibility rules tell apart, and the readers who see them."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from scriptorium.accounts.models import User
from scriptorium.accounts.moderators import moderators_group
from scriptorium.interactions.models import Mute
from scriptorium.search.backends import get_search_backend
from scriptorium.search.services import excluded_tag_add
from scriptorium.works.models import Work
from tests.factories import UserFactory, make_work


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # the rate limits count in the cache
    yield
    cache.clear()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def shelf(db) -> dict[str, object]:
    """Works: public, restricted, a draft, hidden by a moderator, one by a writer the reader mutes and one
    with a tag the reader excludes. Readers: the writer (creator of all but the muted one), a reader with the
    mute and the exclusion, a moderator."""
    writer, other = UserFactory(username="writer_wren"), UserFactory(username="other_otto")
    reader = UserFactory(username="reader_rue")
    moderator = UserFactory(username="mod_mara")
    moderator.groups.add(moderators_group())
    works = {
        "public": make_work(creator=writer, title="Open Harbour", fandoms=("Sea Stories",)),
        "restricted": make_work(creator=writer, title="Members Lantern", restricted=True),
        "draft": make_work(creator=writer, title="Unfinished Map", post=False),
        "hidden": make_work(creator=writer, title="Taken Down", fandoms=("Quiet Fandom",)),
        "muted": make_work(creator=other, title="Muted Voice"),
        "excluded": make_work(creator=writer, title="Spider Cellar", additional_tags=("Spiders",)),
    }
    Work.objects.filter(pk=works["hidden"].pk).update(hidden=True)
    Mute.objects.create(muter=reader, muted=other)
    excluded_tag_add(user=reader, name="Spiders")
    get_search_backend().index_works([w.pk for w in works.values()])
    return {
        "works": {k: Work.objects.get(pk=w.pk) for k, w in works.items()},
        "writer": writer,
        "reader": User.objects.get(pk=reader.pk),
        "moderator": User.objects.get(pk=moderator.pk),
    }
