"""Saved-search subscriptions, matched by the periodic run through the configured search backend."""

from __future__ import annotations

import pytest

from scriptorium.notifications.models import Notification, NotificationKind
from scriptorium.notifications.searches import saved_searches_match
from scriptorium.notifications.services import subscription_create
from scriptorium.search.models import SavedSearch
from scriptorium.tags.models import Tag
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


def test_new_works_matching_a_saved_search_are_announced_once(committed) -> None:
    fan = UserFactory()
    Tag.objects.create(name="Lighthouses", type="additional", canonical=True)
    with committed():
        make_work(title="Old Light", additional_tags=("Lighthouses",))
    saved = SavedSearch.objects.create(user=fan, name="Keepers", query_string="include=Lighthouses")
    subscription_create(actor=fan, kind="search", target_id=saved.pk)
    assert saved_searches_match() == 0  # what it found before subscribing is not news

    with committed():
        new = make_work(title="New Light", additional_tags=("Lighthouses",))
        make_work(title="Fields", additional_tags=("Meadows",))
    assert saved_searches_match() == 1
    [note] = Notification.objects.filter(recipient=fan)
    assert note.work == new and note.kind == NotificationKind.NEW_WORK
    assert note.reason == "Your saved search “Keepers” found it."
    assert saved_searches_match() == 0  # checked already


def test_a_saved_search_skips_works_by_accounts_its_owner_muted(committed) -> None:
    from scriptorium.interactions.models import Mute

    fan, muted = UserFactory(), UserFactory()
    Mute.objects.create(muter=fan, muted=muted)
    saved = SavedSearch.objects.create(user=fan, name="Everything", query_string="q=harbour")
    subscription_create(actor=fan, kind="search", target_id=saved.pk)
    with committed():
        make_work(creator=muted, title="Harbour of the muted")
        shown = make_work(title="Harbour at noon")
    saved_searches_match()
    assert [n.work for n in Notification.objects.filter(recipient=fan)] == [shown]


def test_a_saved_search_that_no_longer_parses_is_skipped_quietly(committed) -> None:
    fan = UserFactory()
    saved = SavedSearch.objects.create(user=fan, name="Gone", query_string="include=No+Such+Tag")
    subscription_create(actor=fan, kind="search", target_id=saved.pk)
    with committed():
        make_work(title="Anything")
    assert saved_searches_match() == 0
