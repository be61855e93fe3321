"""Moderators, an admin, a reported work with two creators, and a way to run what commits would trigger."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest

from scriptorium.accounts.models import User
from scriptorium.accounts.moderators import moderators_group
from scriptorium.search.backends import get_search_backend
from scriptorium.tags.wranglers import wranglers_group
from scriptorium.works.models import Work
from tests.factories import UserFactory


@pytest.fixture
def committed(django_capture_on_commit_callbacks) -> Callable[[], AbstractContextManager]:
    """Run what a commit would run (events' receivers, the immediate task backend) inside a test."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def moderator(db) -> User:
    user = UserFactory(username="mod_mara")
    user.groups.add(moderators_group())
    return User.objects.get(pk=user.pk)


@pytest.fixture
def admin(db) -> User:
    return UserFactory(username="admin_ada", is_superuser=True, is_staff=True)


@pytest.fixture
def wrangler(db) -> User:
    user = UserFactory(username="wrangler_wes")
    user.groups.add(wranglers_group())
    return User.objects.get(pk=user.pk)


@pytest.fixture
def creator(db) -> User:
    return UserFactory(username="author_ann")


@pytest.fixture
def co_creator(db) -> User:
    return UserFactory(username="coauthor_cy")


@pytest.fixture
def reader(db) -> User:
    return UserFactory(username="reader_rui")


@pytest.fixture
def work(creator, co_creator) -> Work:
    """A posted work by two creators, in the search index."""
    pseud = creator.default_pseud
    from scriptorium.works.inputs import ChapterInput, WorkInput
    from scriptorium.works.services import work_create
    from tests.factories import credit_co_creator

    made = work_create(
        actor=creator,
        creators=[pseud],
        data=WorkInput(
            title="Lanterns Over Quayside",
            rating="General Audiences",
            warnings=("No Archive Warnings Apply",),
            fandoms=("Original Work",),
            additional_tags=("Harbour Town",),
        ),
        chapters=[ChapterInput(text="The lanterns came on one by one along the quay.")],
        post=True,
    )
    credit_co_creator(made, co_creator)  # invited, and accepted
    get_search_backend().index_works([made.pk])
    return made
