"""Posting a new work through the web form, as a draft or straight away."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from scriptorium.accounts.services import pseud_create
from scriptorium.tags.models import TagType
from scriptorium.works.models import Series, Work
from tests.factories import UserFactory, make_work
from tests.works.forms_data import work_form_data

pytestmark = pytest.mark.django_db
NEW = reverse("works:new")


def _tags(work: Work) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tagging in work.taggings.select_related("tag").order_by("position"):
        found.setdefault(tagging.tag.type, []).append(tagging.tag.name)
    return found


def test_guest_is_sent_to_login(client) -> None:
    response = client.get(NEW)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={NEW}"


def test_form_preselects_default_pseud_and_offers_an_upload(writer_client, user) -> None:
    pseud_create(actor=user, name="Second Pen")
    response = writer_client.get(NEW)
    assert response.status_code == 200
    page = response.content.decode()
    default = user.default_pseud
    boxes = dict(re.findall(r'<input type="checkbox" name="creators" value="(\d+)"([^>]*)>', page))
    assert set(boxes) == {str(p.pk) for p in user.pseuds.all()}
    assert "checked" in boxes[str(default.pk)]
    assert "checked" not in boxes[str(user.pseuds.get(name="Second Pen").pk)]
    # The import form posts a file to the transfer app.
    assert f'action="{reverse("transfer:upload")}"' in page
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file" name="file"' in page
    assert 'name="draft"' in page
    # Labels for the main fields, and the two ways to save.
    for label in ("Title", "Rating", "Archive warnings", "Fandoms", "Chapter text"):
        assert f">{label}</" in page
    assert 'value="post"' in page and 'value="draft"' in page


def test_posting_with_every_field(writer_client, user) -> None:
    friend = UserFactory(username="friend")
    own_second = pseud_create(actor=user, name="Quill")
    data = work_form_data(
        user,
        title="  The Long Way Round  ",
        creators=[str(user.default_pseud.pk), str(own_second.pk)],
        co_creators="friend",
        summary="Two friends <em>walk</em> home.",
        notes="Written for a prompt.",
        end_notes="Thanks for reading!",
        language="fr",
        rating="Teen And Up Audiences",
        warnings=["Graphic Depictions Of Violence", "Major Character Death"],
        categories=["F/M", "Gen"],
        fandoms="Original Work, Folk Tales",
        relationships="Ann/Bea, Ann & Cy",
        characters="Ann, Bea,Cy,  Ann",
        additional_tags="Slow Burn, Hurt/Comfort",
        restricted="on",
        series_title="Walking Home",
        series_position="3",
        multichapter="on",
        expected_chapters="4",
        chapter_title="The Bridge",
        chapter_summary="They reach the bridge.",
        chapter_notes="A note for chapter one.",
        chapter_end_notes="To be continued.",
        text="They took the long way round.\n\nIt was worth it—every step of it.",
    )
    response = writer_client.post(NEW, data)

    work = Work.objects.get()
    assert response.status_code == 302
    assert response["Location"] == work.get_absolute_url()
    assert work.title == "The Long Way Round"
    # Own pseuds are credited at once; the friend is invited, and credited only on accepting.
    assert [c.pseud.name for c in work.creatorships.select_related("pseud")] == [user.default_pseud.name, "Quill"]
    assert [i.pseud for i in work.creator_invitations.filter(state="pending")] == [friend.default_pseud]
    assert work.summary == "Two friends <em>walk</em> home."  # HTML typed is kept as typed
    assert work.notes == "<p>Written for a prompt.</p>"
    assert work.end_notes == "<p>Thanks for reading!</p>"
    assert work.language == "fr"
    assert work.rating == "Teen And Up Audiences"
    assert work.restricted is True
    assert work.posted is True
    tags = _tags(work)
    assert tags[TagType.WARNING] == ["Graphic Depictions Of Violence", "Major Character Death"]
    assert tags[TagType.CATEGORY] == ["F/M", "Gen"]
    assert tags[TagType.FANDOM] == ["Original Work", "Folk Tales"]
    assert tags[TagType.RELATIONSHIP] == ["Ann/Bea", "Ann & Cy"]
    assert tags[TagType.CHARACTER] == ["Ann", "Bea", "Cy"]
    assert tags[TagType.ADDITIONAL] == ["Slow Burn", "Hurt/Comfort"]
    part = work.series_parts.get()
    assert (part.series.title, part.position) == ("Walking Home", 3)
    assert work.expected_chapters == 4
    assert work.chapters_display == "1/4"
    assert work.complete is False
    today = timezone.localdate()
    assert work.published_on == today and work.revised_on == today
    assert work.word_count == 14  # 6 + 8: "it—every" is two words
    chapter = work.chapters.get()
    assert chapter.title == "The Bridge"
    assert chapter.summary == "<p>They reach the bridge.</p>"
    assert chapter.notes == "<p>A note for chapter one.</p>"
    assert chapter.end_notes == "<p>To be continued.</p>"
    assert chapter.text == "<p>They took the long way round.</p>\n<p>It was worth it—every step of it.</p>"
    assert chapter.word_count == 14

    page = writer_client.get(response["Location"])
    assert "is posted" in " ".join(str(m) for m in page.context["messages"])


def test_a_single_chapter_work_is_complete(writer_client, user) -> None:
    writer_client.post(NEW, work_form_data(user))
    work = Work.objects.get()
    assert (work.expected_chapters, work.complete, work.chapters_display) == (1, True, "1/1")
    assert work.completed_on == timezone.localdate()


def test_multichapter_with_unknown_length_shows_a_question_mark(writer_client, user) -> None:
    writer_client.post(NEW, work_form_data(user, multichapter="on", expected_chapters=""))
    work = Work.objects.get()
    assert work.expected_chapters is None
    assert work.chapters_display == "1/?"
    assert work.complete is False


def test_save_as_draft_then_post_it(writer_client, user) -> None:
    response = writer_client.post(NEW, work_form_data(user, action="draft"))
    work = Work.objects.get()
    assert response.status_code == 302
    assert work.posted is False
    assert work.published_on is None and work.revised_on is None
    assert work.chapters.get().published_on is None

    drafts = writer_client.get(reverse("works:drafts"))
    assert list(drafts.context["works"]) == [work]
    assert work.title in drafts.content.decode()

    response = writer_client.post(reverse("works:post", kwargs={"work_id": work.pk}))
    assert response.status_code == 302
    work.refresh_from_db()
    assert work.posted is True
    assert work.published_on == timezone.localdate()
    assert work.chapters.get().published_on == timezone.localdate()
    assert list(writer_client.get(reverse("works:drafts")).context["works"]) == []


def test_enter_key_without_a_button_saves_a_draft(writer_client, user) -> None:
    """A submission that names no button never posts publicly by accident."""
    writer_client.post(NEW, work_form_data(user, action=None))
    assert Work.objects.get().posted is False


def test_posting_into_an_existing_series_suggests_it_and_appends(writer_client, user) -> None:
    first = make_work(creator=user, title="Part One", series_title="Walking Home")
    page = writer_client.get(NEW).content.decode()
    assert '<datalist id="your-series"><option value="Walking Home">' in page

    writer_client.post(NEW, work_form_data(user, title="Part Two", series_title="walking home"))
    second = Work.objects.get(title="Part Two")
    series = Series.objects.get()
    assert list(series.parts.values_list("work_id", "position")) == [(first.pk, 1), (second.pk, 2)]


def test_hostile_html_is_stored_clean(writer_client, user) -> None:
    data = work_form_data(
        user,
        summary='<p onclick="steal()">Hi<script>alert(1)</script></p>',
        notes='<a href="javascript:alert(1)">notes</a><iframe src="https://evil.example"></iframe>',
        end_notes='<img src="x" onerror="alert(1)"><style>body{display:none}</style>',
        chapter_notes='<a href="JaVaScRiPt:alert(1)">x</a>',
        text='<p>Fine <strong>text</strong></p><script>alert(1)</script><form action="/x"><input name="p"></form>'
        '<svg><script>alert(2)</script></svg><p><a href="https://example.org/">a link</a></p>',
    )
    response = writer_client.post(NEW, data)
    assert response.status_code == 302
    work = Work.objects.get()
    chapter = work.chapters.get()
    stored = " ".join([work.summary, work.notes, work.end_notes, chapter.notes, chapter.text]).lower()
    for bad in ("<script", "onclick", "onerror", "javascript:", "<iframe", "<style", "<form", "<input", "<svg"):
        assert bad not in stored
    assert work.summary == "<p>Hi</p>"
    assert "<strong>text</strong>" in chapter.text
    assert 'href="https://example.org/"' in chapter.text


def test_other_users_pseuds_are_not_offered_as_own_creators(writer_client, user, other_user) -> None:
    """Ticking someone else's pseud in the own-pseuds list (a forged form) is refused, not obeyed."""
    data = work_form_data(user, creators=[str(other_user.default_pseud.pk)])
    response = writer_client.post(NEW, data)
    assert response.status_code == 400
    assert Work.objects.count() == 0
    assert "Select a valid choice" in response.content.decode()


def test_tag_fields_point_at_the_autocomplete_endpoint(writer_client) -> None:
    page = writer_client.get("/works/new").content.decode()
    for tag_type in ("fandom", "relationship", "character", "additional"):
        assert f'data-tag-autocomplete="/tags/autocomplete/{tag_type}"' in page
    assert "tag-autocomplete.js" in page
