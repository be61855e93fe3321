"""Editing a work's details, posting drafts, deleting works."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from scriptorium.accounts.models import Pseud
from scriptorium.accounts.services import pseud_create
from scriptorium.tags.models import TagType
from scriptorium.works.models import Chapter, Work
from tests.factories import UserFactory, make_work
from tests.works.forms_data import edit_form_data, row_counts

pytestmark = pytest.mark.django_db


def _url(name: str, work: Work) -> str:
    return reverse(f"works:{name}", kwargs={"work_id": work.pk})


def _tag_names(work: Work, tag_type: str) -> list[str]:
    return [t.tag.name for t in work.taggings.select_related("tag").filter(tag__type=tag_type)]


@pytest.fixture
def rich_work(user, other_user):
    return make_work(
        creator=user,
        title="Paper Boats",
        rating="Mature",
        warnings=("Major Character Death",),
        categories=("F/F",),
        fandoms=("Original Work",),
        relationships=("Ann/Bea",),
        characters=("Ann", "Bea"),
        additional_tags=("Rain",),
        series_title="Harbour",
        series_position=2,
        expected_chapters=3,
        summary="Boats, made of paper.",
    )


def test_edit_form_is_prefilled_from_the_work(writer_client, user, rich_work, other_user) -> None:
    from scriptorium.works.models import Creatorship

    Creatorship.objects.create(work=rich_work, pseud=other_user.default_pseud, position=1)
    response = writer_client.get(_url("edit", rich_work))
    assert response.status_code == 200
    form = response.context["form"]
    initial = form.initial
    assert initial["title"] == "Paper Boats"
    assert initial["creators"] == [user.default_pseud]
    assert initial["co_creators"] == other_user.default_pseud.name
    assert initial["rating"] == "Mature"
    assert initial["warnings"] == ["Major Character Death"]
    assert initial["categories"] == ["F/F"]
    assert initial["relationships"] == "Ann/Bea"
    assert initial["characters"] == "Ann, Bea"
    assert initial["additional_tags"] == "Rain"
    assert (initial["series_title"], initial["series_position"]) == ("Harbour", 2)
    assert initial["expected_chapters"] == 3
    page = response.content.decode()
    assert 'value="Ann, Bea"' in page
    assert "Boats, made of paper." in page
    assert "Chapter text" not in page  # chapters are edited on their own pages
    assert 'name="file"' not in page  # the import form is for new works only


def test_edit_saves_metadata(writer_client, user, rich_work) -> None:
    revision = rich_work.revision
    data = edit_form_data(
        rich_work,
        user,
        title="Paper Boats, Revised",
        rating="Explicit",
        warnings=["Major Character Death", "Graphic Depictions Of Violence"],
        characters="Bea, Cy",
        additional_tags="",
        series_title="",
        restricted="on",
        complete="on",
    )
    response = writer_client.post(_url("edit", rich_work), data)
    assert response.status_code == 302
    assert response["Location"] == rich_work.get_absolute_url()
    rich_work.refresh_from_db()
    assert rich_work.title == "Paper Boats, Revised"
    assert rich_work.rating == "Explicit"
    assert rich_work.restricted is True
    assert _tag_names(rich_work, TagType.WARNING) == ["Major Character Death", "Graphic Depictions Of Violence"]
    assert _tag_names(rich_work, TagType.CHARACTER) == ["Bea", "Cy"]
    assert _tag_names(rich_work, TagType.ADDITIONAL) == []
    assert not rich_work.series_parts.exists()
    assert (rich_work.expected_chapters, rich_work.complete) == (1, True)  # complete: the chapters so far
    assert rich_work.completed_on == timezone.localdate()
    assert rich_work.revision > revision


def test_edit_changes_creators(writer_client, user, rich_work) -> None:
    second = pseud_create(actor=user, name="Harbour Master")
    friend = UserFactory(username="mate")
    data = edit_form_data(rich_work, user, creators=[str(second.pk)], co_creators="MATE")
    writer_client.post(_url("edit", rich_work), data)
    # The writer's own pseuds change at once; the named friend is invited, not credited until accepting.
    assert [c.pseud for c in rich_work.creatorships.select_related("pseud")] == [second]
    assert [i.pseud for i in rich_work.creator_invitations.filter(state="pending")] == [friend.default_pseud]


def test_edit_with_an_error_changes_nothing(writer_client, user, rich_work) -> None:
    make_work(creator=user, title="Other", fandoms=("Cy",))
    before = row_counts()
    revision = rich_work.revision
    data = edit_form_data(rich_work, user, title="New Title", characters="Ann, Cy", fandoms="Original Work, New One")
    response = writer_client.post(_url("edit", rich_work), data)

    assert response.status_code == 400
    assert "already a fandom tag" in " ".join(response.context["form"].errors["characters"])
    page = response.content.decode()
    assert "<h1>Edit “Paper Boats”</h1>" in page  # the heading names the saved work, not the refused title
    assert 'value="New Title"' in page
    rich_work.refresh_from_db()
    assert (rich_work.title, rich_work.revision) == ("Paper Boats", revision)
    assert _tag_names(rich_work, TagType.CHARACTER) == ["Ann", "Bea"]
    assert row_counts() == before


def test_expected_chapters_below_the_chapters_posted_is_refused(writer_client, user) -> None:
    work = make_work(creator=user, chapters=["One.", "Two.", "Three."])
    response = writer_client.post(_url("edit", work), edit_form_data(work, user, expected_chapters="2", complete=None))
    assert response.status_code == 400
    assert "already has 3 chapters" in " ".join(response.context["form"].errors["expected_chapters"])


def test_import_problems_are_shown_on_the_edit_page(writer_client, work) -> None:
    Work.objects.filter(pk=work.pk).update(
        import_problems=[{"field": "rating", "message": "No rating in the file; set to Not Rated."}]
    )
    page = writer_client.get(_url("edit", work)).content.decode()
    assert "Please check what the import could not find" in page
    assert "No rating in the file; set to Not Rated." in page


def test_saving_the_form_clears_what_the_import_asked_to_check(writer_client, user, work) -> None:
    Work.objects.filter(pk=work.pk).update(
        import_problems=[{"field": "rating", "message": "No rating in the file; set to Not Rated."}]
    )
    writer_client.post(_url("edit", work), edit_form_data(work, user))
    page = writer_client.get(_url("edit", work)).content.decode()
    assert "Please check what the import could not find" not in page
    assert "No rating in the file" not in page


def test_drafts_lists_only_your_drafts(writer_client, user, other_user) -> None:
    mine = make_work(creator=user, title="My Draft", post=False)
    make_work(creator=user, title="My Posted Work")
    make_work(creator=other_user, title="Their Draft", post=False)
    response = writer_client.get(reverse("works:drafts"))
    assert list(response.context["works"]) == [mine]
    page = response.content.decode()
    assert _url("post", mine) in page and _url("edit", mine) in page and _url("delete", mine) in page


def test_posting_an_already_posted_work_changes_nothing(writer_client, work) -> None:
    Work.objects.filter(pk=work.pk).update(published_on="2020-01-02")
    response = writer_client.post(_url("post", work))
    assert response.status_code == 302
    work.refresh_from_db()
    assert str(work.published_on) == "2020-01-02"


def test_post_needs_post(writer_client, user) -> None:
    draft = make_work(creator=user, post=False)
    assert writer_client.get(_url("post", draft)).status_code == 405
    draft.refresh_from_db()
    assert draft.posted is False


def test_delete_asks_first_then_deletes(writer_client, user, work) -> None:
    response = writer_client.get(_url("delete", work))
    assert response.status_code == 200
    assert f"Are you sure you want to delete <strong>{work.title}</strong>? This cannot be undone." in (
        response.content.decode()
    )
    assert Work.objects.filter(pk=work.pk).exists()

    response = writer_client.post(_url("delete", work))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:user", kwargs={"username": user.username})
    assert not Work.objects.filter(pk=work.pk).exists()
    assert not Chapter.objects.filter(work_id=work.pk).exists()
    assert Pseud.objects.filter(user=user).exists()


# --- Who may do what -------------------------------------------------------------------------------------


def _write_urls(work: Work) -> list[tuple[str, str]]:
    chapter = work.chapters.first()
    ids = {"work_id": work.pk, "chapter_id": chapter.pk}
    return [
        ("get", _url("edit", work)),
        ("post", _url("edit", work)),
        ("post", _url("post", work)),
        ("get", _url("delete", work)),
        ("post", _url("delete", work)),
        ("get", _url("chapter_new", work)),
        ("post", _url("chapter_new", work)),
        ("get", _url("chapters_manage", work)),
        ("post", _url("chapters_manage", work)),
        ("get", reverse("works:chapter_edit", kwargs=ids)),
        ("post", reverse("works:chapter_edit", kwargs=ids)),
        ("get", reverse("works:chapter_delete", kwargs=ids)),
        ("post", reverse("works:chapter_delete", kwargs=ids)),
    ]


def test_guests_are_sent_to_login_everywhere(client, user) -> None:
    work = make_work(creator=user, post=False, chapters=["One.", "Two."])
    before = row_counts()
    for method, url in [*_write_urls(work), ("get", reverse("works:new")), ("get", reverse("works:drafts"))]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login") + "?next="), url
    assert row_counts() == before


def test_other_users_get_404_everywhere(client, user, other_user) -> None:
    work = make_work(creator=user, post=False, chapters=["One.", "Two."])
    missing = Work(pk=work.pk + 1000)
    client.force_login(other_user)
    before = row_counts()
    for method, url in _write_urls(work):
        response = getattr(client, method)(url, {"title": "Hijacked"} if method == "post" else None)
        assert response.status_code == 404, url
    assert client.get(_url("edit", missing)).status_code == 404
    assert row_counts() == before
    work.refresh_from_db()
    assert work.posted is False and work.title != "Hijacked"


def test_co_creators_may_edit(client, user, other_user) -> None:
    work = make_work(creator=user)
    from scriptorium.works.models import Creatorship

    Creatorship.objects.create(work=work, pseud=other_user.default_pseud, position=1)
    client.force_login(other_user)
    assert client.get(_url("edit", work)).status_code == 200


def test_write_forms_need_the_csrf_token(user, work) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(_url("delete", work)).status_code == 403
    assert Work.objects.filter(pk=work.pk).exists()


def test_unticking_complete_makes_a_work_in_progress(writer_client, user) -> None:
    work = make_work(creator=user, chapters=["One.", "Two."], expected_chapters=2)
    assert work.complete
    response = writer_client.post(_url("edit", work), edit_form_data(work, user, complete=None))
    assert response.status_code == 302
    work.refresh_from_db()
    assert (work.complete, work.completed_on, work.chapters_display) == (False, None, "2/?")
