"""Reading signals: "updated since you read" on the work page, in the history and on blurbs; the reading-status
shelf (set from the work page, listed like any works listing); the home page's works to pick up again."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.interactions.models import Reading, ShelfEntry
from scriptorium.works.inputs import ChapterInput
from scriptorium.works.models import Work
from scriptorium.works.services import chapter_add
from tests.factories import UserFactory, make_work
from tests.interactions.conftest import two_chapters

pytestmark = pytest.mark.django_db

UPDATED = "Updated since you read:"


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def reader(other_user) -> Client:
    client = Client()
    client.force_login(other_user)
    return client


def _add_chapter(work: Work, text: str = "A third night.") -> None:
    chapter_add(actor=work.owner, work=work, data=ChapterInput(text=text))


def test_chapters_posted_since_the_last_reading_are_new(user, reader, other_user, indexed) -> None:
    with indexed():
        work = two_chapters(user)
    reader.get(work.get_absolute_url())
    assert Reading.objects.get(user=other_user, work=work).chapters_seen == 2
    assertNotContains(reader.get(work.get_absolute_url()), UPDATED)

    with indexed():
        _add_chapter(work)
        _add_chapter(work, "A fourth night.")
    assertContains(reader.get("/account/history"), f"{UPDATED} 2 new chapters")
    listing = reader.get("/works/").content.decode()
    assert f"<strong>{UPDATED}</strong> 2 new chapters" in listing
    third = work.chapters.get(position=3)
    front = reader.get(work.get_absolute_url())  # drawn before this reading is recorded
    assertContains(front, "2 new chapters.")
    assertContains(front, f'<a href="{third.get_absolute_url()}">Read from Chapter 3</a>', html=True)

    # Having opened it again, the reader has seen them.
    assertNotContains(reader.get(work.get_absolute_url()), UPDATED)
    assert UPDATED not in reader.get("/works/").content.decode()


def test_one_new_chapter_is_singular_and_other_readers_see_nothing(user, reader, indexed) -> None:
    with indexed():
        work = two_chapters(user)
    reader.get(work.get_absolute_url())
    with indexed():
        _add_chapter(work)
    assertContains(reader.get(work.get_absolute_url()), "1 new chapter.")
    stranger = Client()
    stranger.force_login(UserFactory())
    assert UPDATED not in stranger.get("/works/").content.decode()
    assert UPDATED not in Client().get("/works/").content.decode()  # a guest's page (and its cache) has none


def test_the_history_says_how_many_chapters_are_left(user, reader, indexed) -> None:
    with indexed():
        work = make_work(creator=user, title="Three Nights", chapters=["One.", "Two.", "Three."])
    reader.get(work.get_absolute_url())
    assertContains(reader.get("/account/history"), "2 chapters left")
    reader.get(work.chapters.get(position=2).get_absolute_url())
    assertContains(reader.get("/account/history"), "1 chapter left")
    reader.get(work.chapters.get(position=3).get_absolute_url())
    last = reader.get("/account/history")
    assertNotContains(last, "chapter left")
    assertNotContains(last, "chapters left")


def test_a_cleared_history_forgets_what_was_seen(user, reader, indexed) -> None:
    with indexed():
        work = two_chapters(user)
    reader.get(work.get_absolute_url())
    reader.post("/account/history/clear")
    with indexed():
        _add_chapter(work)
    assert UPDATED not in reader.get("/works/").content.decode()


# --- The shelf -------------------------------------------------------------------------------------------------


def test_a_reader_shelves_a_work_from_its_page_and_finds_it_on_the_shelf(user, reader, other_user, indexed) -> None:
    with indexed():
        work = make_work(creator=user, title="Lantern Keeper")
        make_work(creator=user, title="Not Shelved")
    page = reader.get(work.get_absolute_url())
    assertContains(page, '<label for="shelf-status">My shelf</label>', html=True)
    response = reader.post(f"/works/{work.pk}/shelf", {"status": "reading", "next": work.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == work.get_absolute_url()
    assert ShelfEntry.objects.get(user=other_user, work=work).status == "reading"
    assertContains(reader.get(work.get_absolute_url()), '<option value="reading" selected>Reading</option>', html=True)

    shelf = reader.get("/account/shelf/reading")
    assertContains(shelf, "Lantern Keeper")
    assertNotContains(shelf, "Not Shelved")
    assertContains(shelf, "1 Work on my shelf")
    assertContains(shelf, "Reading (1)")
    assert "On your shelf: Reading" in reader.get("/works/").content.decode()
    assertNotContains(reader.get("/account/shelf/finished"), "Lantern Keeper")

    reader.post(f"/works/{work.pk}/shelf", {"status": "finished"})
    assertNotContains(reader.get("/account/shelf/reading"), "Lantern Keeper")
    assertContains(reader.get("/account/shelf/finished"), "Lantern Keeper")
    reader.post(f"/works/{work.pk}/shelf", {"status": ""})
    assert not ShelfEntry.objects.filter(work=work).exists()


def test_a_shelf_is_a_listing_with_filters_sort_and_pages(user, reader, other_user, indexed, settings) -> None:
    settings.SCRIPTORIUM_WORKS_PER_PAGE = 2
    with indexed():
        works = [
            make_work(creator=user, title=f"Tide {i}", fandoms=("Harbour" if i % 2 else "Moor",)) for i in range(5)
        ]
    for work in works:
        reader.post(f"/works/{work.pk}/shelf", {"status": "to-read"})
    first = reader.get("/account/shelf/to-read")
    assertContains(first, "1 – 2 of 5 Works")
    assertContains(reader.get("/account/shelf/to-read?page=3"), "Tide 0")
    harbour = reader.get("/account/shelf/to-read?include=Harbour&sort=title&order=asc").content.decode()
    assert "Tide 1" in harbour and "Tide 3" in harbour and "Tide 0" not in harbour
    assert harbour.index("Tide 1") < harbour.index("Tide 3")


def test_shelves_are_private_and_need_an_account(user, reader, indexed) -> None:
    with indexed():
        work = make_work(creator=user, title="Lantern Keeper")
    reader.post(f"/works/{work.pk}/shelf", {"status": "dropped"})
    someone = Client()
    someone.force_login(UserFactory())
    assertNotContains(someone.get("/account/shelf/dropped"), "Lantern Keeper")
    guest = Client()
    assert guest.get("/account/shelf/dropped").status_code == 302
    response = guest.post(f"/works/{work.pk}/shelf", {"status": "reading"})
    assert response.status_code == 302 and "/login" in response["Location"]
    assert someone.get("/account/shelf/nonsense").status_code == 404


def test_a_shelf_outside_the_list_is_refused(user, reader, indexed) -> None:
    with indexed():
        work = make_work(creator=user)
    response = reader.post(f"/works/{work.pk}/shelf", {"status": "burned"}, follow=True)
    assertContains(response, "Choose one of the shelves.")
    assert not ShelfEntry.objects.exists()


def test_a_work_the_reader_cannot_open_cannot_be_shelved(user, reader, indexed) -> None:
    with indexed():
        draft = make_work(creator=user, post=False)
    assert reader.post(f"/works/{draft.pk}/shelf", {"status": "reading"}).status_code == 404
    assert not ShelfEntry.objects.exists()


# --- Pick up where you left off --------------------------------------------------------------------------------


def test_the_home_page_offers_works_to_pick_up(user, reader, indexed) -> None:
    with indexed():
        halfway = make_work(creator=user, title="Halfway There", chapters=["One.", "Two."])
        done = make_work(creator=user, title="Read Through")
        updated = make_work(creator=user, title="Grown Since", chapters=["One.", "Two."])
        dropped = make_work(creator=user, title="Set Aside", chapters=["One.", "Two."])
    reader.get(halfway.get_absolute_url())  # chapter 1 of 2: one left
    reader.get(done.get_absolute_url())  # its only chapter: nothing to pick up
    reader.get(updated.chapters.get(position=2).get_absolute_url())
    reader.get(dropped.get_absolute_url())
    reader.post(f"/works/{dropped.pk}/shelf", {"status": "dropped"})
    with indexed():
        _add_chapter(updated)
    home = reader.get("/").content.decode()
    section = home[home.index("Pick up where you left off") : home.index('id="recent"')]
    assert "Halfway There" in section and "1 chapter left" in section
    assert "Grown Since" in section and "1 new chapter</strong> since you read it" in section
    assert "Read Through" not in section and "Set Aside" not in section
    assert section.index("Grown Since") < section.index("Halfway There")  # most recently read first
    assert "Pick up where you left off" not in Client().get("/").content.decode().split("</section>", 1)[1]
