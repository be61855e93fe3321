"""Fixtures for the discovery pages: a small archive with one work in each state a reader must never see."""

from __future__ import annotations

import pytest
from django.test import Client

from scriptorium.tags.models import Tag, TagParent
from scriptorium.works.models import Work
from tests.factories import UserFactory, make_work


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def fandom_in(name: str, medium: str) -> Tag:
    """A canonical fandom listed under one of the archive's media (made by migration 0006)."""
    fandom = Tag.objects.create(name=name, type="fandom", canonical=True)
    TagParent.objects.create(child=fandom, parent=Tag.objects.get(name=medium, type="media"))
    return fandom


@pytest.fixture
def archive(db):
    """One visible work in "Lighthouse Keepers (TV)", and one work each: draft, hidden by a moderator, restricted,
    all in that fandom too, with characters only they carry."""
    fandom_in("Lighthouse Keepers (TV)", "TV Shows")
    writer = UserFactory(username="keeper")
    shown = make_work(
        creator=writer, title="Fog Season", fandoms=("Lighthouse Keepers (TV)",), characters=("Ada Lamp",)
    )
    draft = make_work(
        creator=writer, title="Unposted", post=False, fandoms=("Lighthouse Keepers (TV)",), characters=("Draft Only",)
    )
    hidden = make_work(
        creator=writer, title="Hidden Away", fandoms=("Lighthouse Keepers (TV)",), characters=("Hidden Only",)
    )
    Work.objects.filter(pk=hidden.pk).update(hidden=True)
    restricted = make_work(
        creator=writer,
        title="Members Tide",
        restricted=True,
        fandoms=("Lighthouse Keepers (TV)",),
        characters=("Members Only",),
    )
    return {"writer": writer, "shown": shown, "draft": draft, "hidden": hidden, "restricted": restricted}


@pytest.fixture
def wrangler_user(db):
    from scriptorium.tags.wranglers import wranglers_group

    user = UserFactory(username="wrangler")
    user.groups.add(wranglers_group())
    return user
