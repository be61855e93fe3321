"""A bookmark meant to be public is judged by the spam check (its notes, tags, an external work's description):
judged spam, it is kept private (only its owner sees it, it counts nowhere) and the owner is told why. Private
bookmarks are not judged."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.interactions.inputs import BookmarkInput
from scriptorium.interactions.models import Bookmark
from scriptorium.interactions.services import bookmark_update

pytestmark = pytest.mark.django_db

LINK_FARM = "Best deals " + " ".join(f"https://deals{n}.example.com" for n in range(6))


def _bookmark(client, work, **fields: object):
    return client.post(f"/works/{work.pk}/bookmark", {"notes": "", "tags": "", **fields}, follow=True)


def test_a_spam_bookmark_is_kept_private_and_its_owner_told(client, work, other_user) -> None:
    client.force_login(other_user)

    response = _bookmark(client, work, notes=LINK_FARM, rec="on")

    bookmark = Bookmark.objects.get()
    assert bookmark.private
    assertContains(response, "Your bookmark looks like spam to the archive (more than 3 links)")
    assertContains(response, "saved as private: only you can see it")
    work.refresh_from_db()
    assert work.bookmarks_count == 0
    client.logout()
    assertNotContains(client.get(f"/users/{other_user.username}/bookmarks"), "deals0.example.com")


def test_a_plain_bookmark_stays_public(client, work, other_user) -> None:
    client.force_login(other_user)
    response = _bookmark(client, work, notes="A comfort read for rainy days.")
    assert not Bookmark.objects.get().private
    assertContains(response, "Bookmark saved.")


def test_a_private_bookmark_is_not_judged(client, work, other_user) -> None:
    client.force_login(other_user)
    response = _bookmark(client, work, notes=LINK_FARM, private="on")
    assert Bookmark.objects.get().private
    assertContains(response, "Bookmark saved.")


def test_making_a_spam_bookmark_public_keeps_it_private_until_it_is_reworded(client, work, other_user) -> None:
    client.force_login(other_user)
    _bookmark(client, work, notes=LINK_FARM, private="on")
    bookmark = Bookmark.objects.get()

    response = client.post(f"/bookmarks/{bookmark.pk}/edit", {"notes": LINK_FARM, "tags": ""}, follow=True)

    assertContains(response, "saved as private")
    assert Bookmark.objects.get().private
    reworded = bookmark_update(actor=other_user, bookmark=bookmark, data=BookmarkInput(notes="Loved it."))
    assert not reworded.private and not reworded.held_message
    work.refresh_from_db()
    assert work.bookmarks_count == 1
