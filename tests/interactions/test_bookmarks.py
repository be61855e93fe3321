"""Bookmarks of works, series and external works: notes, own tags, rec and private; each bad input a clear
message with nothing saved; the work's counter; a bookmarks page costs the same queries for 5 as for 100."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.interactions.inputs import BookmarkInput, ExternalInput
from scriptorium.interactions.models import Bookmark, ExternalWork
from scriptorium.interactions.models.bookmark import BOOKMARK_NOTES_MAX
from scriptorium.interactions.selectors import bookmarks as bookmark_selectors
from scriptorium.interactions.services import bookmark_create, bookmark_delete, bookmark_update
from scriptorium.interactions.services.counters import counters_current, counters_expected
from scriptorium.works.models import Series, Work
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


def _count(work: Work) -> int:
    work.refresh_from_db()
    return work.bookmarks_count


def _bookmark(client, work: Work, **fields: object):
    return client.post(f"/works/{work.pk}/bookmark", {"notes": "", "tags": "", **fields})


def test_reader_bookmarks_a_work_and_finds_it_on_their_page(client, work, other_user) -> None:
    client.force_login(other_user)

    response = _bookmark(
        client,
        work,
        notes="Read this <em>twice</em>.<script>alert(1)</script>",
        tags="comfort read, rainy days, Comfort Read",
        rec="on",
    )

    assert response.status_code == 302
    assert response["Location"] == f"/users/{other_user.username}/bookmarks"
    bookmark = Bookmark.objects.get()
    assert bookmark.work == work and bookmark.rec and not bookmark.private
    assert bookmark.tags == ["comfort read", "rainy days"]
    assert "<script>" not in bookmark.notes and "<em>twice</em>" in bookmark.notes
    assert _count(work) == 1
    page = client.get(response["Location"])
    assertContains(page, "Bookmark saved.")
    assertContains(page, work.title)
    assertContains(page, "rainy days")
    assertContains(page, "<em>twice</em>")
    assertNotContains(page, "alert(1)")
    work_page = client.get(work.get_absolute_url())
    assertContains(work_page, "Edit your bookmark")
    assertContains(work_page, "1 bookmark</a>")


def test_guest_is_asked_to_log_in(client, work) -> None:
    response = client.get(f"/works/{work.pk}/bookmark")

    assert response.status_code == 302 and response["Location"].startswith("/login?next=")
    assertContains(client.get(work.get_absolute_url()), "Log in to bookmark this work")
    assert client.post(f"/works/{work.pk}/bookmark", {"notes": "x"}).status_code == 302
    assert not Bookmark.objects.exists()


def test_guest_bookmarking_a_restricted_work_gets_404(client, user) -> None:
    hidden = make_work(creator=user, title="Members Only", restricted=True)

    assert client.get(f"/works/{hidden.pk}/bookmark").status_code == 404
    assert _bookmark(client, hidden, notes="Sneaky").status_code == 404
    assert client.get(f"/works/{hidden.pk + 1000}/bookmark").status_code == 404  # the same as a missing one
    assert not Bookmark.objects.exists()
    with pytest.raises(Work.DoesNotExist):
        bookmark_create(actor=AnonymousUser(), work=hidden, data=BookmarkInput())


def test_a_draft_answers_404_to_everyone_but_cannot_be_bookmarked_even_by_its_creator(
    client,
    user,
    other_user,
) -> None:
    draft = make_work(creator=user, post=False)
    client.force_login(other_user)
    assert _bookmark(client, draft).status_code == 404
    client.force_login(user)
    assert _bookmark(client, draft).status_code == 404
    assert not Bookmark.objects.exists()


def test_notes_over_the_limit_are_refused_and_kept_in_the_form(client, work, other_user) -> None:
    client.force_login(other_user)
    long_notes = "word " * (BOOKMARK_NOTES_MAX // 5 + 10)

    response = _bookmark(client, work, notes=long_notes, tags="keep me")

    assert response.status_code == 400
    assertContains(response, f"at most {BOOKMARK_NOTES_MAX:,} characters", status_code=400)
    assertContains(response, "Your bookmark is not saved yet.", status_code=400)
    assertContains(response, 'value="keep me"', status_code=400)
    assert not Bookmark.objects.exists() and _count(work) == 0


def test_bookmarking_twice_says_to_edit_instead(client, work, other_user) -> None:
    client.force_login(other_user)
    _bookmark(client, work, notes="First.")
    first = Bookmark.objects.get()

    again = _bookmark(client, work, notes="Second.")

    assert again.status_code == 400
    assertContains(again, "You have already bookmarked this work. You can edit that bookmark instead.", status_code=400)
    assertContains(again, f"/bookmarks/{first.pk}/edit", status_code=400)
    assert Bookmark.objects.count() == 1 and _count(work) == 1
    opened = client.get(f"/works/{work.pk}/bookmark")
    assert opened.status_code == 302 and opened["Location"] == f"/bookmarks/{first.pk}/edit"


def test_external_work_with_a_javascript_url_is_refused(client, other_user) -> None:
    client.force_login(other_user)

    response = client.post(
        "/bookmarks/external/new",
        {
            "url": "javascript:alert(document.cookie)",
            "title": "Elsewhere",
            "creator": "Someone",
            "notes": "",
        },
    )

    assert response.status_code == 400
    assertContains(response, "starting with http:// or https://", status_code=400)
    assertContains(response, 'value="Elsewhere"', status_code=400)
    assert not Bookmark.objects.exists() and not ExternalWork.objects.exists()


def test_external_work_is_bookmarked_with_its_description(client, other_user) -> None:
    client.force_login(other_user)

    response = client.post(
        "/bookmarks/external/new",
        {
            "url": "https://example.org/story/1",
            "title": "The Long Road",
            "creator": "A. Writer",
            "summary": "Walking <b>far</b>.<img src=x onerror=alert(1)>",
            "notes": "Found on a rec list.",
            "tags": "road trip",
            "private": "on",
        },
    )

    assert response.status_code == 302
    bookmark = Bookmark.objects.select_related("external").get()
    assert bookmark.external.url == "https://example.org/story/1" and bookmark.private
    assert "onerror" not in bookmark.external.summary
    page = client.get(f"/users/{other_user.username}/bookmarks")
    assertContains(page, 'href="https://example.org/story/1"')
    assertContains(page, "by A. Writer")
    twice = client.post(
        "/bookmarks/external/new",
        {"url": "https://example.org/story/1", "title": "Again", "creator": "A. Writer"},
    )
    assertContains(twice, "You have already bookmarked this link.", status_code=400)
    assert Bookmark.objects.count() == 1


def test_missing_external_fields_each_get_a_message(other_user) -> None:
    with pytest.raises(ValidationError) as caught:
        bookmark_create(actor=other_user, data=BookmarkInput(), external=ExternalInput(url="", title=" ", creator=""))
    assert set(caught.value.message_dict) == {"url", "title", "creator"}
    assert not ExternalWork.objects.exists()


def test_private_bookmarks_only_for_their_owner_and_not_counted(client, work, other_user) -> None:
    secret = bookmark_create(actor=other_user, work=work, data=BookmarkInput(notes="My secret note", private=True))
    assert _count(work) == 0

    assertNotContains(client.get(f"/users/{other_user.username}/bookmarks"), "My secret note")
    assertNotContains(client.get(f"/works/{work.pk}/bookmarks"), "My secret note")
    client.force_login(other_user)
    assertContains(client.get(f"/users/{other_user.username}/bookmarks"), "My secret note")

    bookmark_update(actor=other_user, bookmark=secret, data=BookmarkInput(notes="Now public"))
    assert _count(work) == 1
    client.logout()
    assertContains(client.get(f"/works/{work.pk}/bookmarks"), "Now public")
    bookmark_update(actor=other_user, bookmark=secret, data=BookmarkInput(notes="Hidden again", private=True))
    assert _count(work) == 0


def test_only_the_owner_edits_or_deletes(client, work, other_user, user) -> None:
    bookmark = bookmark_create(actor=other_user, work=work, data=BookmarkInput(notes="Mine"))
    client.force_login(user)
    assert client.get(f"/bookmarks/{bookmark.pk}/edit").status_code == 404
    assert client.post(f"/bookmarks/{bookmark.pk}/delete").status_code == 404
    assert Bookmark.objects.filter(pk=bookmark.pk).exists()

    client.force_login(other_user)
    edited = client.post(f"/bookmarks/{bookmark.pk}/edit", {"notes": "Changed", "tags": "a, b"})
    assert edited.status_code == 302
    bookmark.refresh_from_db()
    assert bookmark.tags == ["a", "b"] and "Changed" in bookmark.notes
    assert client.post(f"/bookmarks/{bookmark.pk}/delete").status_code == 302
    assert not Bookmark.objects.exists() and _count(work) == 0


def test_work_that_becomes_a_draft_stays_as_not_available(client, user, other_user) -> None:
    work = make_work(creator=user, title="Soon Withdrawn")
    bookmark_create(actor=other_user, work=work, data=BookmarkInput(notes="Loved it"))
    Work.objects.filter(pk=work.pk).update(posted=False)
    client.force_login(other_user)

    page = client.get(f"/users/{other_user.username}/bookmarks")

    assertContains(page, "This work is not available.")
    assertContains(page, "Loved it")
    assertNotContains(page, "Soon Withdrawn")


def test_restricted_work_shows_as_not_available_to_guests(client, user, other_user) -> None:
    work = make_work(creator=user, title="Members Only", restricted=True)
    bookmark_create(actor=other_user, work=work, data=BookmarkInput(notes="For members"))

    page = client.get(f"/users/{other_user.username}/bookmarks")

    assertContains(page, "This work is not available.")
    assertNotContains(page, "Members Only")
    assert client.get(f"/works/{work.pk}/bookmarks").status_code == 404


def test_series_bookmark(client, user, other_user) -> None:
    work = make_work(creator=user, title="Part One", series_title="The Lantern Cycle")
    series = Series.objects.get()
    client.force_login(other_user)
    assertContains(client.get(series.get_absolute_url()), "Bookmark this series")

    response = client.post(f"/series/{series.pk}/bookmark", {"notes": "Whole cycle", "tags": ""})

    assert response.status_code == 302
    assert Bookmark.objects.get().series == series
    assert _count(work) == 0  # a series bookmark does not count on its works
    assertContains(client.get(f"/users/{other_user.username}/bookmarks"), "The Lantern Cycle")
    assertContains(client.get(series.get_absolute_url()), "Edit your bookmark")
    assert client.post(f"/series/{series.pk}/bookmark", {"notes": "Again"}).status_code == 400


def test_series_without_visible_works_answers_404(client, user, other_user) -> None:
    make_work(creator=user, title="Hidden Part", series_title="Hidden Cycle", post=False)
    series = Series.objects.get()
    client.force_login(other_user)
    assert client.post(f"/series/{series.pk}/bookmark", {"notes": ""}).status_code == 404
    assert not Bookmark.objects.exists()


def test_deleting_an_account_keeps_counters_right(work, other_user) -> None:
    bookmark_create(actor=other_user, work=work, data=BookmarkInput())
    bookmark_create(actor=UserFactory(), work=work, data=BookmarkInput())
    assert _count(work) == 2

    other_user.delete()

    assert _count(work) == 1
    assert counters_current([work.pk]) == counters_expected([work.pk])


def test_deleting_via_the_service_counts_down_once(work, other_user) -> None:
    bookmark = bookmark_create(actor=other_user, work=work, data=BookmarkInput())
    bookmark_delete(actor=other_user, bookmark=bookmark)
    assert _count(work) == 0


def _queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def _fill(owner, count: int, writers: list) -> None:
    for n in range(count):
        kind = n % 5
        if kind == 3:
            bookmark_create(
                actor=owner,
                data=BookmarkInput(notes=f"Link {n}", tags="elsewhere"),
                external=ExternalInput(url=f"https://example.org/{owner.pk}/{n}", title=f"Far {n}", creator="Someone"),
            )
            continue
        work = make_work(
            creator=writers[n % len(writers)],
            title=f"Work {n}",
            series_title=f"Series {owner.pk}-{n}" if kind == 4 else "",
            additional_tags=(f"Tag {n}",),
            restricted=kind == 2,
        )
        if kind == 4:
            bookmark_create(
                actor=owner,
                series=Series.objects.get(title=f"Series {owner.pk}-{n}"),
                data=BookmarkInput(notes=f"Series note {n}"),
            )
        else:
            bookmark_create(
                actor=owner,
                work=work,
                data=BookmarkInput(notes=f"Note {n}", tags="a, b", rec=n % 2 == 0, private=kind == 1),
            )
        if kind == 0 and n % 10 == 0:
            Work.objects.filter(pk=work.pk).update(posted=False)  # now a draft: "not available"


@pytest.mark.parametrize("viewer", ["guest", "owner", "reader"])
def test_a_hundred_bookmarks_cost_no_more_queries_than_five(client, monkeypatch, viewer) -> None:
    monkeypatch.setattr(bookmark_selectors, "BOOKMARKS_PER_PAGE", 200)
    writers = [UserFactory() for _ in range(3)]
    few_owner, many_owner = UserFactory(), UserFactory()
    _fill(few_owner, 5, writers)
    _fill(many_owner, 100, writers)
    reader = UserFactory()

    def look(owner) -> tuple[int, str]:
        if viewer == "owner":
            client.force_login(owner)
        elif viewer == "reader":
            client.force_login(reader)
        return _queries(client, f"/users/{owner.username}/bookmarks")

    look(few_owner)  # warm up
    with_five, _ = look(few_owner)
    with_hundred, body = look(many_owner)

    assert with_five == with_hundred
    shown = 100 if viewer == "owner" else 80  # every fifth one (kind 1) is private
    assert body.count('class="bookmark"') == shown
    assert "This work is not available." in body
