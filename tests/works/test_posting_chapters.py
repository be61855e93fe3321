"""Adding, editing, reordering and deleting chapters through the web."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from scriptorium.works.models import Chapter, Work
from tests.factories import make_work
from tests.works.forms_data import row_counts

pytestmark = pytest.mark.django_db
LONG_AGO = datetime.date(2020, 5, 17)


def _chapter_url(name: str, chapter: Chapter) -> str:
    return reverse(f"works:{name}", kwargs={"work_id": chapter.work_id, "chapter_id": chapter.pk})


def _manage_url(work: Work) -> str:
    return reverse("works:chapters_manage", kwargs={"work_id": work.pk})


def _texts(work: Work) -> list[str]:
    return list(work.chapters.order_by("position").values_list("text", flat=True))


@pytest.fixture
def serial(user):
    """A posted work of unknown length, first posted long ago."""
    work = make_work(creator=user, title="Serial", expected_chapters=None, chapters=["One two three."])
    Work.objects.filter(pk=work.pk).update(published_on=LONG_AGO, revised_on=LONG_AGO)
    work.refresh_from_db()
    return work


def test_add_chapter_moves_the_updated_date_and_counts(writer_client, serial) -> None:
    url = reverse("works:chapter_new", kwargs={"work_id": serial.pk})
    form_page = writer_client.get(url)
    assert form_page.status_code == 200
    assert "Add chapter 2" in form_page.content.decode()

    response = writer_client.post(
        url, {"chapter_title": "Second", "text": "Four five.\n\nSix seven eight.", "expected_chapters": ""}
    )
    serial.refresh_from_db()
    chapter = serial.chapters.get(position=2)
    assert response.status_code == 302
    assert response["Location"] == chapter.get_absolute_url()
    assert chapter.title == "Second"
    assert chapter.word_count == 5
    assert serial.word_count == 8
    assert serial.chapters_display == "2/?"
    assert serial.published_on == LONG_AGO
    assert serial.revised_on == timezone.localdate()
    assert chapter.published_on == timezone.localdate()


def test_add_chapter_can_set_the_expected_count(writer_client, serial) -> None:
    url = reverse("works:chapter_new", kwargs={"work_id": serial.pk})
    writer_client.post(url, {"text": "More.", "expected_chapters": "5"})
    serial.refresh_from_db()
    assert serial.chapters_display == "2/5"
    writer_client.post(url, {"text": "End.", "expected_chapters": "3"})
    serial.refresh_from_db()
    assert (serial.chapters_display, serial.complete) == ("3/3", True)
    assert serial.completed_on == timezone.localdate()


def test_add_chapter_form_suggests_a_count_that_fits(writer_client, user) -> None:
    work = make_work(creator=user, expected_chapters=1)
    form = writer_client.get(reverse("works:chapter_new", kwargs={"work_id": work.pk})).context["form"]
    assert form.initial["expected_chapters"] == 2


def test_add_chapter_errors_write_nothing(writer_client, serial) -> None:
    before = row_counts()
    url = reverse("works:chapter_new", kwargs={"work_id": serial.pk})
    response = writer_client.post(url, {"chapter_title": "Kept", "text": "   ", "expected_chapters": ""})
    assert response.status_code == 400
    assert "The chapter has no text yet" in response.content.decode()
    assert 'value="Kept"' in response.content.decode()
    response = writer_client.post(url, {"text": "Words.", "expected_chapters": "1"})
    assert response.status_code == 400
    assert "expect at least 2" in response.content.decode()
    assert row_counts() == before
    serial.refresh_from_db()
    assert serial.revised_on == LONG_AGO


def test_edit_chapter_recounts_words(writer_client, user) -> None:
    work = make_work(creator=user, chapters=["One two.", "Three four five."])
    chapter = work.chapters.get(position=1)
    response = writer_client.get(_chapter_url("chapter_edit", chapter))
    assert response.context["form"].initial["text"] == chapter.text
    response = writer_client.post(
        _chapter_url("chapter_edit", chapter),
        {"chapter_title": "Renamed", "text": "<p>Now there are <em>six</em> words here.</p>"},
    )
    assert response.status_code == 302
    chapter.refresh_from_db()
    work.refresh_from_db()
    assert chapter.title == "Renamed"
    assert chapter.word_count == 6
    assert work.word_count == 9


def test_a_chapter_of_another_work_is_not_found(writer_client, user) -> None:
    mine = make_work(creator=user)
    theirs = make_work(title="Theirs")
    url = reverse("works:chapter_edit", kwargs={"work_id": mine.pk, "chapter_id": theirs.chapters.get().pk})
    assert writer_client.get(url).status_code == 404


def test_reorder_chapters(writer_client, user) -> None:
    work = make_work(creator=user, chapters=["First.", "Second.", "Third."])
    one, two, three = work.chapters.order_by("position")
    page = writer_client.get(_manage_url(work))
    assert page.status_code == 200
    assert f'name="position_{one.pk}"' in page.content.decode()

    response = writer_client.post(
        _manage_url(work), {f"position_{one.pk}": "3", f"position_{two.pk}": "1", f"position_{three.pk}": "2"}
    )
    assert response.status_code == 302
    assert [c.pk for c in work.chapters.order_by("position")] == [two.pk, three.pk, one.pk]
    assert list(work.chapters.order_by("position").values_list("position", flat=True)) == [1, 2, 3]


@pytest.mark.parametrize(
    ("positions", "message"),
    [
        ((1, 1, 2), "both have position 1"),
        ((1, None, 2), "Give each chapter a position."),
        ((1, 2, 4), "less than or equal to 3"),
        ((0, 1, 2), "greater than or equal to 1"),
        ((1, "two", 3), "Enter a whole number."),
    ],
)
def test_reorder_refuses_duplicates_and_gaps(writer_client, user, positions, message) -> None:
    work = make_work(creator=user, chapters=["First.", "Second.", "Third."])
    chapters = list(work.chapters.order_by("position"))
    texts = _texts(work)
    data = {f"position_{c.pk}": str(p) for c, p in zip(chapters, positions, strict=True) if p is not None}
    response = writer_client.post(_manage_url(work), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "The order is not changed." in response.content.decode()
    assert _texts(work) == texts


def test_delete_chapter_asks_first(writer_client, user) -> None:
    work = make_work(creator=user, chapters=["One.", "Two words.", "Three more words."])
    middle = work.chapters.get(position=2)
    response = writer_client.get(_chapter_url("chapter_delete", middle))
    assert "Are you sure you want to delete <strong>Chapter 2</strong>" in response.content.decode()
    assert Chapter.objects.filter(pk=middle.pk).exists()

    response = writer_client.post(_chapter_url("chapter_delete", middle))
    assert response.status_code == 302
    assert response["Location"] == _manage_url(work)
    work.refresh_from_db()
    assert not Chapter.objects.filter(pk=middle.pk).exists()
    assert list(work.chapters.values_list("position", flat=True)) == [1, 2]
    assert work.chapter_count == 2
    assert work.word_count == 4


def test_the_only_chapter_cannot_be_deleted(writer_client, work) -> None:
    chapter = work.chapters.get()
    page = writer_client.get(_chapter_url("chapter_delete", chapter)).content.decode()
    assert "This is the only chapter" in page
    assert "Yes, delete the chapter" not in page

    response = writer_client.post(_chapter_url("chapter_delete", chapter))
    assert response.status_code == 400
    assert "A work needs at least one chapter: delete the work instead." in response.content.decode()
    assert Chapter.objects.filter(pk=chapter.pk).exists()
