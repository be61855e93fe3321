"""A work's page: its metadata block, preface, chapters, navigation and the whole-work view."""

from __future__ import annotations

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from scriptorium.accounts.models import User
from scriptorium.tags.vocabulary import TEEN, VIOLENCE
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.models import Work
from scriptorium.works.services import work_create
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


def _chaptered(user: User, *, expected: int | None = None, **metadata: object) -> Work:
    """A posted three-chapter work whose chapters have titles, summaries and notes."""
    data = {"rating": TEEN, "warnings": (VIOLENCE,), "fandoms": ("Harbour Tales",), **metadata}
    chapters = [
        ChapterInput(
            text="Text of the first chapter.",
            title="Arrival",
            summary="Someone arrives.",
            notes="First chapter notes.",
            end_notes="First chapter end notes.",
        ),
        ChapterInput(text="Text of the second chapter.", title="Storm"),
        ChapterInput(text="Text of the third chapter."),
    ]
    return work_create(
        actor=user,
        creators=[user.default_pseud],
        chapters=chapters,
        post=True,
        data=WorkInput(title="Three Tides", expected_chapters=expected, **data),
        published_on=datetime.date(2025, 1, 5),
        revised_on=datetime.date(2025, 3, 9),
    )


def test_single_chapter_work_page_shows_metadata_preface_and_text(client) -> None:
    writer = UserFactory(username="lanterns")
    work = make_work(
        creator=writer,
        title="Salt And Rope",
        rating=TEEN,
        warnings=(VIOLENCE,),
        categories=("Gen", "Multi"),
        fandoms=("Harbour Tales",),
        relationships=("Keeper/Sailor",),
        characters=("The Keeper", "The Sailor"),
        additional_tags=("Storms",),
        language="fr",
        summary="A short <em>summary</em>.",
        notes="Beginning notes.",
        end_notes="Closing notes.",
        expected_chapters=1,
        chapters=["Il était une fois un phare."],
        series_title="Harbour Cycle",
    )

    response = client.get(f"/works/{work.pk}")

    assert response.status_code == 200
    body = response.content.decode()
    assert "<dt>Rating:</dt>" in body and 'href="/tags/Teen%20And%20Up%20Audiences/works"' in body
    assert "<dt>Archive Warning:</dt>" in body and ">Graphic Depictions Of Violence</a>" in body
    assert "<dt>Categories:</dt>" in body and ">Gen</a>" in body and ">Multi</a>" in body
    assert "<dt>Fandom:</dt>" in body and ">Harbour Tales</a>" in body
    assert "<dt>Relationship:</dt>" in body and 'href="/tags/Keeper*s*Sailor/works">Keeper/Sailor</a>' in body
    assert "<dt>Characters:</dt>" in body and ">The Sailor</a>" in body
    assert "<dt>Additional Tags:</dt>" in body and ">Storms</a>" in body
    assert "<dt>Language:</dt>" in body and ">Français</dd>" in body
    assert "Part 1 of" in body and ">Harbour Cycle</a>" in body
    assert "<dt>Published:</dt>" in body and "<dt>Updated:</dt>" not in body
    assert "<dd>1/1</dd>" in body and "<dt>Words:</dt><dd>6</dd>" in body
    assert ">Salt And Rope</span>" in body
    assert 'href="/users/lanterns/pseuds/lanterns">lanterns</a>' in body
    assert "A short <em>summary</em>." in body
    assert "<p>Beginning notes.</p>" in body and "<p>Closing notes.</p>" in body
    assert "<p>Il était une fois un phare.</p>" in body
    assert 'class="userstuff module" lang="fr"' in body
    assert "Next Chapter" not in body and "Chapter Index" not in body  # one chapter: no chapter navigation


def test_updated_and_completed_dates(client, user) -> None:
    ongoing = _chaptered(user)
    finished = _chaptered(user, expected=3)

    ongoing_body = client.get(f"/works/{ongoing.pk}").content.decode()
    finished_body = client.get(f"/works/{finished.pk}").content.decode()

    assert '<dt>Published:</dt><dd><time datetime="2025-01-05">2025-01-05</time>' in ongoing_body
    assert '<dt>Updated:</dt><dd><time datetime="2025-03-09">2025-03-09</time>' in ongoing_body
    assert "<dd>3/?</dd>" in ongoing_body
    assert "<dt>Completed:</dt>" in finished_body and "<dt>Updated:</dt>" not in finished_body
    assert "<dd>3/3</dd>" in finished_body


def test_multi_chapter_work_page_shows_first_chapter_and_navigation(client, user) -> None:
    work = _chaptered(user, end_notes="The very end.")
    first, second, _ = work.chapters.order_by("position")

    response = client.get(f"/works/{work.pk}")

    body = response.content.decode()
    assert "Chapter 1: Arrival" in body
    assert "Text of the first chapter." in body and "Text of the second chapter." not in body
    assert "Someone arrives." in body and "First chapter notes." in body and "First chapter end notes." in body
    assert f'rel="next" href="/works/{work.pk}/chapters/{second.pk}"' in body
    assert 'rel="prev"' not in body
    assert f'href="/works/{work.pk}?view_full_work=true">Entire Work</a>' in body
    assert f'href="/works/{work.pk}/navigate">Chapter Index</a>' in body
    assert f'<option value="{first.pk}" selected>1. Arrival</option>' in body
    assert "The very end." not in body  # work end notes come after the last chapter only
    assert "See the end of the work for" in body


def test_chapter_page_has_preface_and_correct_neighbours(client, user) -> None:
    work = _chaptered(user, summary="Work summary here.")
    first, second, third = work.chapters.order_by("position")

    body = client.get(f"/works/{work.pk}/chapters/{second.pk}").content.decode()

    assert "Work summary here." in body and "Harbour Tales" in body
    assert "Chapter 2: Storm" in body and "Text of the second chapter." in body
    assert "Text of the first chapter." not in body
    assert f'rel="prev" href="/works/{work.pk}/chapters/{first.pk}"' in body
    assert f'rel="next" href="/works/{work.pk}/chapters/{third.pk}"' in body
    assert f'<option value="{second.pk}" selected>' in body


def test_last_chapter_shows_work_end_notes_and_no_next_link(client, user) -> None:
    work = _chaptered(user, end_notes="The very end.")
    second, third = work.chapters.order_by("position")[1:]

    body = client.get(f"/works/{work.pk}/chapters/{third.pk}").content.decode()

    assert "Chapter 3" in body and "Text of the third chapter." in body
    assert "The very end." in body and 'id="work-endnotes"' in body
    assert f'rel="prev" href="/works/{work.pk}/chapters/{second.pk}"' in body
    assert 'rel="next"' not in body


def test_chapter_of_another_work_is_404(client, user) -> None:
    work = _chaptered(user)
    other = make_work(creator=user)
    foreign = other.chapters.get()

    assert client.get(f"/works/{work.pk}/chapters/{foreign.pk}").status_code == 404
    assert client.get(f"/works/{work.pk}/chapters/999999").status_code == 404
    assert client.get(f"/works/{other.pk}/chapters/{foreign.pk}").status_code == 200


def test_full_work_shows_every_chapter_in_order_with_anchors(client, user) -> None:
    work = _chaptered(user, end_notes="The very end.")

    body = client.get(f"/works/{work.pk}?view_full_work=true").content.decode()

    positions = [body.index(f"Text of the {n} chapter.") for n in ("first", "second", "third")]
    assert positions == sorted(positions)
    for number in (1, 2, 3):
        assert f'id="chapter-{number}"' in body
    assert "The very end." in body and "See the end of the work for" not in body
    assert f'href="/works/{work.pk}">Chapter by Chapter</a>' in body
    assert "Entire Work</a>" not in body


def test_chapter_index_lists_chapters_with_dates(client, user) -> None:
    work = _chaptered(user)
    first, second, third = work.chapters.order_by("position")

    response = client.get(f"/works/{work.pk}/navigate")

    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="/works/{work.pk}/chapters/{first.pk}" lang="en">1. Arrival</a>' in body
    assert f'href="/works/{work.pk}/chapters/{third.pk}">3. Chapter 3</a>' in body
    # As AO3 writes it (its tools read the date in parentheses from span.datetime)
    assert '<span class="datetime chapter-list__date">(<time datetime="2025-01-05">2025-01-05</time>)</span>' in body
    assert body.index("Arrival") < body.index("Storm")


def test_chapter_menu_jumps_to_the_chosen_chapter_without_javascript(client, user) -> None:
    work = _chaptered(user)
    third = work.chapters.get(position=3)
    foreign = make_work(creator=user).chapters.get()

    response = client.get(f"/works/{work.pk}/navigate?chapter={third.pk}")

    assertRedirects(response, f"/works/{work.pk}/chapters/{third.pk}")
    assert client.get(f"/works/{work.pk}/navigate?chapter={foreign.pk}").status_code == 200  # no jump out
    assert client.get(f"/works/{work.pk}/navigate?chapter=nonsense").status_code == 200


def test_creator_sees_edit_bar_others_do_not(client, user, other_user) -> None:
    work = _chaptered(user)
    url = f"/works/{work.pk}"

    assertNotContains(client.get(url), f'href="/works/{work.pk}/edit"')
    client.force_login(other_user)
    assertNotContains(client.get(url), f'href="/works/{work.pk}/edit"')
    client.force_login(user)
    body = client.get(url).content.decode()
    assert f'href="/works/{work.pk}/edit">Edit</a>' in body
    assert f'href="/works/{work.pk}/chapters/new">Add Chapter</a>' in body
    assert f'href="/works/{work.pk}/chapters/manage">Manage Chapters</a>' in body
    assert f'href="/works/{work.pk}/delete">Delete</a>' in body
    assert f'action="/works/{work.pk}/post"' not in body  # posted already


def test_creator_sees_own_draft_with_banner_and_post_form(writer_client, user) -> None:
    draft = make_work(creator=user, title="Work In Progress Draft", post=False)

    response = writer_client.get(f"/works/{draft.pk}")

    assert response.status_code == 200
    assertContains(response, "This is a draft.")
    assertContains(response, f'action="/works/{draft.pk}/post"')
    assertContains(response, "csrfmiddlewaretoken")


def test_posted_work_has_no_draft_banner(writer_client, user) -> None:
    work = make_work(creator=user)

    assertNotContains(writer_client.get(f"/works/{work.pk}"), "This is a draft.")


def test_series_navigation_links_previous_and_next_listed_works(client, user) -> None:
    first = make_work(creator=user, title="Part One Story", series_title="Tide Tables")
    middle = make_work(creator=user, title="Part Two Story", series_title="Tide Tables")
    make_work(creator=user, title="Hidden Draft Part", series_title="Tide Tables", post=False)
    last = make_work(creator=user, title="Part Four Story", series_title="Tide Tables")

    body = client.get(f"/works/{middle.pk}").content.decode()

    assert "Part 2 of" in body
    assert f'href="/works/{first.pk}">← Previous Work</a>' in body
    assert f'href="/works/{last.pk}">Next Work →</a>' in body  # the draft in between is skipped


def test_series_page_shows_title_creators_summary_and_works_in_order(client, user) -> None:
    from scriptorium.works.services import series_summary_update

    second = make_work(creator=user, title="Second Told", series_title="Lamplight", series_position=2)
    make_work(creator=user, title="First Told", series_title="Lamplight", series_position=1)
    series = second.series_parts.get().series
    series_summary_update(actor=user, series=series, summary="<p>Two <em>linked</em> stories.</p>")

    response = client.get(f"/series/{series.pk}")

    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Lamplight</h1>" in body
    assert f'href="/users/{user.username}/pseuds/{user.username}/">{user.username}</a>' in body
    assert "<p>Two <em>linked</em> stories.</p>" in body
    assert body.index("First Told") < body.index("Second Told")
    assert "<dt>Works:</dt><dd>2</dd>" in body


def test_unknown_work_and_series_are_404(client) -> None:
    assert client.get("/works/999999").status_code == 404
    assert client.get("/works/999999/navigate").status_code == 404
    assert client.get("/series/999999").status_code == 404
