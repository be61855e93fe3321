"""Works archived on their authors' behalf (credited to external creators, kept by the archivist's pseud), made
through the works services as an import would make them."""

from __future__ import annotations

import pytest

from scriptorium.works.external import external_creator_get_or_create, work_external_creators_set
from scriptorium.works.models import ExternalCreator, Work
from tests.factories import UserFactory, make_work


def archive_works(archivist, name: str, email: str, titles: list[str]) -> tuple[ExternalCreator, list[Work]]:
    creator = external_creator_get_or_create(archivist=archivist, name=name, email=email, source="test")
    works = []
    for title in titles:
        work = make_work(creator=archivist, title=title)
        work_external_creators_set(work=work, external_creators=[creator])
        works.append(work)
    return creator, works


@pytest.fixture
def archivist(db):
    return UserFactory(username="keeper_kit")


@pytest.fixture
def archived(archivist):
    """Two works by "Marigold Vane" (with an address), archived by ``archivist``."""
    return archive_works(archivist, "Marigold Vane", "marigold@example.org", ["Salt Roads", "The Lamplighter's Year"])


@pytest.fixture
def author(db):
    """The person behind "Marigold Vane", with an account here."""
    return UserFactory(username="marigold")
