"""A deleted work takes its kudos and comments with it, but not other readers' things: their bookmarks stay (with
their notes and tags, marked "This work has been deleted" and the title, creators and fandoms remembered as they
were when it went), and so do their history and Marked for Later entries (issue 14, finding 6)."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.interactions.inputs import BookmarkInput
from scriptorium.interactions.models import Bookmark, Reading
from scriptorium.interactions.services import bookmark_create, later_mark, reading_record
from scriptorium.interactions.services.counters import counters_current, counters_expected
from scriptorium.works.inputs import WorkInput
from scriptorium.works.models import Work
from scriptorium.works.services import work_update
from tests.factories import PseudFactory, UserFactory, make_work

pytestmark = pytest.mark.django_db

DELETED = "This work has been deleted"


@pytest.fixture
def doomed(user) -> Work:
    return make_work(creator=user, title="Lanterns Over Water", fandoms=("Harbour Town Chronicles",))


def _delete(client, work: Work) -> None:
    """The creator deletes the work from its own page, as a writer would."""
    creator = work.creators.first().user
    client.force_login(creator)
    response = client.post(f"/works/{work.pk}/delete")
    assert response.status_code == 302
    assert not Work.objects.filter(pk=work.pk).exists()
    client.logout()


def test_other_readers_bookmarks_survive_with_notes_and_the_deleted_marker(client, user, doomed) -> None:
    noter, quiet = UserFactory(username="noter"), UserFactory(username="quiet")
    kept = make_work(creator=user, title="Still Standing")
    bookmark_create(
        actor=noter,
        work=doomed,
        data=BookmarkInput(notes="The lighthouse scene, <em>every time</em>.", tags="comfort, reread", rec=True),
    )
    bookmark_create(actor=quiet, work=doomed, data=BookmarkInput(private=True))
    bookmark_create(actor=noter, work=kept, data=BookmarkInput(notes="Also good."))
    work_update(  # a late change of title: the bookmarks remember the work as it was when it went
        actor=user,
        work=doomed,
        data=WorkInput(
            title="Lanterns Over Still Water",
            rating=doomed.rating,
            warnings=("No Archive Warnings Apply",),
            fandoms=("Harbour Town Chronicles",),
        ),
    )

    _delete(client, doomed)

    noted = Bookmark.objects.get(user=noter, work__isnull=True)
    private = Bookmark.objects.get(user=quiet)
    assert noted.work_deleted and private.work_deleted
    assert "<em>every time</em>" in noted.notes and noted.tags == ["comfort", "reread"] and noted.rec
    assert private.private
    assert noted.work_title == private.work_title == "Lanterns Over Still Water"
    assert noted.work_creators == [user.default_pseud.display_name]
    assert noted.work_fandoms == ["Harbour Town Chronicles"]

    client.force_login(noter)
    own_page = client.get(f"/users/{noter.username}/bookmarks")
    assertContains(own_page, DELETED)
    assertContains(own_page, "Lanterns Over Still Water")
    assertContains(own_page, user.default_pseud.display_name)
    assertContains(own_page, "Harbour Town Chronicles")
    assertContains(own_page, "<em>every time</em>")
    assertContains(own_page, "reread")
    assertContains(own_page, f"/bookmarks/{noted.pk}/edit")
    assertContains(own_page, f"/bookmarks/{noted.pk}/delete")
    assertContains(own_page, "2 bookmarks")
    assertContains(client.get(f"/users/{noter.username}/bookmarks?recs=1"), DELETED)

    client.force_login(quiet)
    private_page = client.get(f"/users/{quiet.username}/bookmarks")
    assertContains(private_page, DELETED)
    assertContains(private_page, "Lanterns Over Still Water")
    assertContains(private_page, "1 bookmark")


def test_others_see_the_deleted_marker_and_the_notes_but_not_what_the_work_was(client, user, doomed) -> None:
    noter, quiet = UserFactory(username="noter"), UserFactory(username="quiet")
    bookmark_create(actor=noter, work=doomed, data=BookmarkInput(notes="Worth it for the ending."))
    bookmark_create(actor=quiet, work=doomed, data=BookmarkInput(notes="Secret note", private=True))
    _delete(client, doomed)

    for viewer in (None, UserFactory()):
        if viewer is not None:
            client.force_login(viewer)
        page = client.get(f"/users/{noter.username}/bookmarks")
        assertContains(page, DELETED)
        assertContains(page, "Worth it for the ending.")
        assertContains(page, "1 bookmark")
        assertNotContains(page, "Lanterns Over Water")  # the creator took it down: its title is not republished
        assertNotContains(page, "/edit")
        private_page = client.get(f"/users/{quiet.username}/bookmarks")
        assertContains(private_page, "0 bookmarks")
        assertNotContains(private_page, "Secret note")


def test_the_bookmarker_edits_the_notes_or_deletes_a_deleted_works_bookmark(client, user, doomed, other_user) -> None:
    bookmark = bookmark_create(actor=other_user, work=doomed, data=BookmarkInput(notes="First thoughts."))
    _delete(client, doomed)
    client.force_login(other_user)

    form = client.get(f"/bookmarks/{bookmark.pk}/edit")
    assertContains(form, DELETED)
    assertContains(form, "Lanterns Over Water")
    response = client.post(f"/bookmarks/{bookmark.pk}/edit", {"notes": "Second thoughts.", "tags": "lost", "rec": "on"})
    assert response.status_code == 302
    bookmark.refresh_from_db()
    assert "Second thoughts." in bookmark.notes and bookmark.tags == ["lost"] and bookmark.rec
    assert bookmark.work_title == "Lanterns Over Water"

    confirm = client.get(f"/bookmarks/{bookmark.pk}/delete")
    assertContains(confirm, "Lanterns Over Water")
    assert client.post(f"/bookmarks/{bookmark.pk}/delete").status_code == 302
    assert not Bookmark.objects.exists()


def test_counters_and_other_works_bookmark_pages_stay_right(client, user, doomed, other_user) -> None:
    kept = make_work(creator=user, title="Still Standing")
    bookmark_create(actor=other_user, work=doomed, data=BookmarkInput())
    bookmark_create(actor=other_user, work=kept, data=BookmarkInput(notes="Kept."))
    _delete(client, doomed)

    assert counters_current() == counters_expected()
    kept.refresh_from_db()
    assert kept.bookmarks_count == 1
    page = client.get(f"/works/{kept.pk}/bookmarks")
    assertContains(page, "1 bookmark")
    assertContains(page, "Kept.")
    assert client.get(f"/works/{doomed.pk}/bookmarks").status_code == 404
    # Bookmarking the kept work again still meets the one-bookmark-per-work rule; the deleted one is no obstacle.
    assert Bookmark.objects.filter(user=other_user).count() == 2


def test_a_deletion_outside_the_service_remembers_the_work_too(user, doomed, other_user) -> None:
    """The admin deletes through a queryset: the bookmark stays all the same."""
    co = PseudFactory(user=UserFactory(username="cocreator"), name="Second Pen")
    doomed.creatorships.create(pseud=co, position=1)
    bookmark_create(actor=other_user, work=doomed, data=BookmarkInput(notes="Keep me."))

    Work.objects.filter(pk=doomed.pk).delete()

    bookmark = Bookmark.objects.get()
    assert bookmark.work_deleted and bookmark.work_title == "Lanterns Over Water"
    assert bookmark.work_creators == [user.default_pseud.display_name, "Second Pen (cocreator)"]


def test_history_and_marked_for_later_keep_a_deleted_entry(client, user, doomed, other_user) -> None:
    later = make_work(creator=user, title="Low Tide Letters", fandoms=("Harbour Town Chronicles",))
    chapter = doomed.chapters.get()
    reading_record(user_id=other_user.pk, work_id=doomed.pk, chapter_id=chapter.pk)
    later_mark(actor=other_user, work=later)
    later_mark(actor=other_user, work=doomed)
    _delete(client, doomed)
    later.delete()

    entries = Reading.objects.filter(user=other_user)
    assert entries.count() == 2 and all(r.work_id is None and r.work_deleted for r in entries)
    read = entries.get(work_title="Lanterns Over Water")
    assert read.views == 1 and read.marked_for_later

    client.force_login(other_user)
    history = client.get("/account/history")
    assertContains(history, DELETED)
    assertContains(history, "Lanterns Over Water")
    assertContains(history, "1 work")
    assertNotContains(history, "Low Tide Letters")  # only marked, never read
    marked = client.get("/account/marked-for-later")
    assertContains(marked, "Lanterns Over Water")
    assertContains(marked, "Low Tide Letters")
    assertContains(marked, "2 works")

    # Each entry can still be removed, from either page.
    response = client.post(f"/account/history/entries/{read.pk}/delete")
    assert response.status_code == 302
    read.refresh_from_db()
    assert read.views == 0 and read.marked_for_later  # still marked for later, as for a work that exists
    assertContains(client.get("/account/history"), "0 works")
    for entry in entries.all():
        assert client.post(f"/account/marked-for-later/entries/{entry.pk}/remove").status_code == 302
    assert not Reading.objects.filter(user=other_user).exists()


def test_another_readers_entries_cannot_be_removed(client, user, doomed, other_user) -> None:
    reading_record(user_id=other_user.pk, work_id=doomed.pk, chapter_id=doomed.chapters.get().pk)
    _delete(client, doomed)
    entry = Reading.objects.get()

    client.force_login(UserFactory())
    client.post(f"/account/history/entries/{entry.pk}/delete")
    client.post(f"/account/marked-for-later/entries/{entry.pk}/remove")

    entry.refresh_from_db()
    assert entry.views == 1
