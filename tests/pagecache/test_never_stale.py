"""Every change a guest could notice reaches the next guest at once: the cached copy is never served after it.

Each test reads every page the change shows on (so each is cached), makes the change as the archive makes it
(through its service, with the commit's events delivered), and reads again."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from scriptorium.accounts.moderators import moderators_group
from scriptorium.accounts.services import pseud_update
from scriptorium.interactions.inputs import CommentInput
from scriptorium.interactions.models import Comment
from scriptorium.interactions.services import comment_create, comment_delete, kudos_give
from scriptorium.moderation.services import work_moderate
from scriptorium.tags import wrangling
from scriptorium.tags.models import Tag
from scriptorium.tags.wranglers import wranglers_group
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.models import Work
from scriptorium.works.services import chapter_add, work_delete, work_update
from tests.factories import UserFactory, make_work
from tests.moderation.helpers import reported
from tests.pagecache.conftest import PAGES, guest, page_urls

pytestmark = pytest.mark.django_db

WORK_PAGES = ["work", "chapter", "entire work"]


def _cache(urls: list[str]) -> None:
    """Read each page twice, so each is surely in the cache."""
    for url in urls:
        guest().get(url)
        assert guest().get(url)["X-Cache"] == "hit", url


def _text(url: str) -> str:
    response = guest("203.0.113.99").get(url)
    return response.content.decode() if response.status_code == 200 else f"status {response.status_code}"


def _data(work: Work, **changes: object) -> WorkInput:
    fields = {
        "title": work.title,
        "summary": work.summary,
        "rating": "General Audiences",
        "warnings": ("No Archive Warnings Apply",),
        "fandoms": ("Original Work",),
    }
    return WorkInput(**{**fields, **changes})


def test_a_work_edited(story, writer, committed) -> None:
    urls = list(page_urls(story).values())
    _cache(urls)

    with committed():
        work_update(actor=writer, work=story, data=_data(story, title="Lanterns Over the Quay"))

    for url in urls:
        text = _text(url)
        assert "Lanterns Over the Quay" in text and "Lanterns Over Quayside" not in text, url


def test_a_chapter_added(story, writer, committed) -> None:
    urls = page_urls(story)
    _cache([urls["entire work"], urls["works"], urls["work"]])

    with committed():
        chapter_add(actor=writer, work=story, data=ChapterInput(text="The tide turned on the third night."))

    assert "The tide turned on the third night." in _text(urls["entire work"])
    assert "<dd>3/" in _text(urls["works"])
    assert "<dd>3/" in _text(urls["work"])


def test_a_work_hidden_by_a_moderator_then_shown(story, committed) -> None:
    moderator = UserFactory(username="mod_mara")
    moderator.groups.add(moderators_group())
    case = reported(story)
    urls = page_urls(story)
    _cache(list(urls.values()))

    with committed():
        work_moderate(actor=moderator, case_id=case.pk, work_id=story.pk, action="hide", reason="Copied.")

    for page in WORK_PAGES:
        assert _text(urls[page]) == "status 404", page
    for page in ("home", "works", "tag works", "search"):
        assert "Lanterns Over Quayside" not in _text(urls[page]), page

    with committed():
        work_moderate(actor=moderator, case_id=case.pk, work_id=story.pk, action="unhide", reason="Cleared.")

    for page in PAGES:
        assert "Lanterns Over Quayside" in _text(urls[page]), page


def test_a_work_deleted(story, writer, committed) -> None:
    urls = page_urls(story)
    _cache(list(urls.values()))

    with committed():
        work_delete(actor=writer, work=story)

    for page in WORK_PAGES:
        assert _text(urls[page]) == "status 404", page
    for page in ("home", "works", "tag works", "search"):
        assert "Lanterns Over Quayside" not in _text(urls[page]), page


def test_its_tag_made_a_synonym(writer, committed) -> None:
    wrangler = UserFactory(username="wrangler_wes")
    wrangler.groups.add(wranglers_group())
    lamplight = Tag.objects.create(name="Lamplight", type="additional", canonical=True)
    with committed():
        work = make_work(creator=writer, title="Harbour Lamps", additional_tags=("Lamps Lit",))
    lamps = Tag.objects.get(name="Lamps Lit")
    canonical_page, work_page = "/tags/Lamplight/works", f"/works/{work.pk}"
    _cache([canonical_page, work_page])
    assert "Harbour Lamps" not in _text(canonical_page)

    with committed():
        wrangling.tag_make_synonym(actor=wrangler, tag=lamps, target=lamplight)

    assert "Harbour Lamps" in _text(canonical_page)
    assert guest().get(work_page)["X-Cache"] == "miss"


def test_kudos_given(story, committed) -> None:
    reader = UserFactory(username="kind_reader")
    urls = page_urls(story)
    _cache([urls["work"], urls["chapter"]])

    with committed():
        kudos_give(actor=reader, work=story)

    assert "kind_reader" in _text(urls["work"])
    assert "kind_reader" in _text(urls["chapter"])


def test_a_comment_posted_then_deleted(story, writer, committed) -> None:
    reader = UserFactory(username="talkative")
    chapter = story.chapters.order_by("position").first()
    urls = page_urls(story)
    _cache([urls["chapter"], urls["work"]])

    with committed():
        comment = comment_create(actor=reader, chapter=chapter, data=CommentInput(text="The lights! I cried."))

    assert "The lights! I cried." in _text(urls["chapter"])
    assert "The lights! I cried." in _text(urls["work"])

    with committed():
        comment_delete(actor=writer, comment=Comment.objects.get(pk=comment.pk))

    assert "The lights! I cried." not in _text(urls["chapter"])
    assert "The lights! I cried." not in _text(urls["work"])


def test_the_creator_renamed(story, writer, committed) -> None:
    urls = page_urls(story)
    _cache([urls["work"], urls["home"], urls["works"], urls["tag works"]])

    with committed():
        pseud_update(actor=writer, pseud=writer.default_pseud, name="Harbourmaster")

    for page in ("work", "home", "works", "tag works"):
        assert "Harbourmaster" in _text(urls[page]), page


def test_a_guest_comment_from_another_guest_shows(story, committed) -> None:
    chapter = story.chapters.order_by("position").first()
    urls = page_urls(story)
    _cache([urls["chapter"]])

    with committed():
        comment_create(
            actor=AnonymousUser(),
            chapter=chapter,
            data=CommentInput(text="Read it twice.", guest_name="Passer-by", guest_email="p@example.org"),
            origin="elsewhere",
        )

    assert "Read it twice." in _text(urls["chapter"])
