"""Readers who see different things never share a page: accounts (mutes, excluded tags) never get or make a
cached page, adult-notice variants never mix, a page carrying a flash message is not kept, a form on a cached
page posts as the reader who got it, and a guest given a cached page still counts a hit."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from scriptorium.interactions.inputs import CommentInput
from scriptorium.interactions.models import Comment
from scriptorium.interactions.services import comment_create
from scriptorium.interactions.services.hits import hits_flush
from scriptorium.interactions.services.relations import mute_add
from scriptorium.search.services import excluded_tag_add
from tests.factories import UserFactory, make_work
from tests.pagecache.conftest import guest, page_urls

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def tagged(writer, committed):
    """A second work, tagged "Ghosts", beside the story."""
    with committed():
        return make_work(creator=writer, title="The Drowned Bell", additional_tags=("Ghosts",))


def test_a_reader_with_excluded_tags_never_gets_nor_makes_a_shared_page(story, tagged, client) -> None:
    reader = UserFactory(username="no_ghosts")
    excluded_tag_add(user=reader, name="Ghosts")
    guest().get("/works/")  # the guests' copy, with both works
    client.force_login(reader)

    mine = client.get("/works/")

    assert "X-Cache" not in mine and "private" in mine["Cache-Control"]
    assert "Lanterns Over Quayside" in mine.content.decode()
    assert "The Drowned Bell" not in mine.content.decode()
    client.get("/tags/Original%20Work/works")  # read first by the reader: not kept for guests
    theirs = guest().get("/tags/Original%20Work/works")
    assert theirs["X-Cache"] == "miss" and "The Drowned Bell" in theirs.content.decode()


def test_a_reader_who_muted_a_commenter_never_gets_the_shared_work_page(story, client, committed) -> None:
    loud = UserFactory(username="loud_one")
    chapter = story.chapters.order_by("position").first()
    with committed():
        comment_create(actor=loud, chapter=chapter, data=CommentInput(text="FIRST!!! so good"))
    reader = UserFactory(username="quiet_one")
    mute_add(actor=reader, username="loud_one")
    url = page_urls(story)["work"]
    guest().get(url)
    assert "FIRST!!! so good" in guest().get(url).content.decode()
    client.force_login(reader)

    mine = client.get(url)

    assert "X-Cache" not in mine
    assert "FIRST!!! so good" not in mine.content.decode()


def test_the_adult_notice_and_the_work_behind_it_are_kept_apart(writer, committed) -> None:
    with committed():
        work = make_work(creator=writer, title="After Midnight", rating="Explicit", chapters=["Candles burned low."])
    url = f"/works/{work.pk}"
    first = guest("192.0.2.1")
    agreed = guest("192.0.2.2")
    notice = first.get(url)
    assert "Candles burned low." not in notice.content.decode()

    proceed = agreed.get(f"{url}?view_adult=true")  # writes the session: never kept nor answered from the cache
    assert "X-Cache" not in proceed and "Candles burned low." in proceed.content.decode()
    behind = agreed.get(url)
    again = agreed.get(url)
    stranger = guest("192.0.2.3").get(url)

    assert behind["X-Cache"] == "miss" and again["X-Cache"] == "hit"
    assert "Candles burned low." in again.content.decode()
    assert "Candles burned low." not in stranger.content.decode()


def test_the_adult_notice_is_never_kept_its_way_back_is_each_readers_own(writer, committed) -> None:
    with committed():
        work = make_work(creator=writer, title="After Midnight", rating="Explicit")
    url = f"/works/{work.pk}"
    guest("192.0.2.5").get(url, HTTP_REFERER="http://testserver/tags/Fluff/works")

    mine = guest("192.0.2.6").get(url)

    assert "X-Cache" not in mine
    assert 'href="/works/">No, Go Back</a>' in mine.content.decode()


def test_a_page_carrying_a_flash_message_is_not_kept(story) -> None:
    chapter_url = page_urls(story)["chapter"]
    poster = guest("192.0.2.40")
    guest().get(chapter_url)

    posted = poster.post(
        f"{chapter_url}/comments",
        {"text": "Lovely harbour.", "guest_name": "Sailor", "guest_email": "s@example.org"},
        follow=True,
    )

    assert "Your comment was posted." in posted.content.decode()
    assert "X-Cache" not in posted and "private" in posted["Cache-Control"]
    later = guest("192.0.2.41").get(chapter_url)
    assert "Your comment was posted." not in later.content.decode()


def test_a_form_on_a_cached_page_posts_as_the_guest_who_got_it(story) -> None:
    chapter_url = page_urls(story)["chapter"]
    first = Client(enforce_csrf_checks=True, REMOTE_ADDR="192.0.2.50")
    second = Client(enforce_csrf_checks=True, REMOTE_ADDR="192.0.2.51")
    mine = first.get(chapter_url)

    theirs = second.get(chapter_url)
    token = TOKEN.search(theirs.content.decode()).group(1)
    posted = second.post(
        f"{chapter_url}/comments",
        {
            "text": "Posted from a cached page.",
            "guest_name": "Second",
            "guest_email": "second@example.org",
            "csrfmiddlewaretoken": token,
        },
    )

    assert mine["X-Cache"] == "miss" and theirs["X-Cache"] == "hit"
    assert TOKEN.search(mine.content.decode()).group(1) != token
    assert "csrftoken" in theirs.cookies
    assert posted.status_code == 302
    assert Comment.objects.filter(text__contains="Posted from a cached page.").exists()


def test_a_guest_given_a_cached_page_counts_a_hit(story) -> None:
    url = page_urls(story)["work"]
    guest("192.0.2.60").get(url)
    assert guest("192.0.2.61").get(url)["X-Cache"] == "hit"
    assert guest("192.0.2.61").get(url)["X-Cache"] == "hit"  # the same guest again that day: no second hit

    hits_flush()

    story.refresh_from_db()
    assert story.hits_count == 2


def test_a_guest_who_left_kudos_sees_theirs_and_no_one_else_does(story, committed) -> None:
    url = page_urls(story)["work"]
    giver = guest("192.0.2.70")
    giver.get(url)
    with committed():
        giver.post(f"/works/{story.pk}/kudos")
    given = "You left kudos on this work."

    thanked = giver.get(url)  # carries the "thank you" message: not kept
    theirs = giver.get(url)  # built for guests with kudos here, then kept for them
    other = guest("192.0.2.71").get(url)
    again = guest("192.0.2.72").get(url)
    theirs_again = giver.get(url)

    assert "X-Cache" not in thanked
    assert given in theirs.content.decode() and given in theirs_again.content.decode()
    assert given not in other.content.decode() and given not in again.content.decode()
    assert again["X-Cache"] == "hit" and theirs_again["X-Cache"] == "hit"
