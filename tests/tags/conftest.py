"""Fixtures for the tags tests: wranglers, and small canons built through the wrangling services."""

from __future__ import annotations

import pytest

from scriptorium.tags.models import Tag
from scriptorium.tags.wranglers import wranglers_group
from tests.factories import UserFactory


@pytest.fixture
def wrangler(db):
    user = UserFactory(username="wrangler")
    user.groups.add(wranglers_group())
    return user


@pytest.fixture
def wrangler_client(client, wrangler):
    client.force_login(wrangler)
    return client


def canonical(name: str, tag_type: str) -> Tag:
    """A canonical tag made directly (tests of wrangling itself go through the services)."""
    return Tag.objects.create(name=name, type=tag_type, canonical=True)
