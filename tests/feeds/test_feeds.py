"""Atom feeds: what each lists (the same works a guest finds on the page it mirrors), what an entry says,
conditional GET and the 404s."""

from __future__ import annotations

import pytest
from django.test import Client

from scriptorium.accounts.services import pseud_create
from scriptorium.interactions.services.relations import mute_add
from scriptorium.tags.canon.loader import canon_load
from scriptorium.works.models import Series, Work
from tests.factories import UserFactory, make_work
from tests.feeds.conftest import read_feed, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def marvel(db):
    canon_load()
    writer = UserFactory(username="quill")
    return {
        "avengers": make_work(creator=writer, title="Only Avengers", fandoms=("The Avengers (Marvel Movies)",)),
        "romangers": make_work(
            creator=writer, title="Tagged Romangers", fandoms=("MCU",), relationships=("Romangers",)
        ),
        "potter": make_work(creator=writer, title="Hogwarts Story", fandoms=("Harry Potter Series",)),
        "writer": writer,
    }


def test_a_tag_feed_lists_its_sub_tags_and_synonyms_works_like_the_tag_page(guest, marvel) -> None:
    parsed = read_feed(guest, "/tags/Marvel Cinematic Universe/feed.atom")
    assert set(titles(parsed)) == {"Only Avengers", "Tagged Romangers"}  # a sub fandom and a synonym (MCU)
    page = guest.get("/tags/Marvel Cinematic Universe/works").content.decode()
    assert all(title in page for title in titles(parsed))

    ship = read_feed(guest, "/tags/Natasha Romanov*s*Steve Rogers/feed.atom")
    assert titles(ship) == ["Tagged Romangers"]  # tagged with the synonym "Romangers"
    # The synonym's own address gives the canonical tag's feed.
    assert titles(read_feed(guest, "/tags/Romangers/feed.atom")) == ["Tagged Romangers"]


def test_an_entry_says_what_the_work_is_without_its_text(guest) -> None:
    writer = UserFactory(username="lark")
    make_work(
        creator=writer,
        title="Tea & <Sympathy>",
        summary="<p>A <em>small</em> kindness.</p>",
        rating="Explicit",
        fandoms=("Original Work",),
        additional_tags=("Slow Burn",),
        chapters=["The secret text of the story stays on the site."],
    )
    response = guest.get("/users/lark/feed.atom")
    assert b"The secret text" not in response.content
    entry = read_feed(guest, "/users/lark/feed.atom").entries[0]
    assert entry.title == "Tea & <Sympathy>"
    assert entry.link.startswith("http://testserver/works/")
    assert entry.id.startswith("tag:testserver,")
    assert [a.name for a in entry.authors] == ["lark"]
    assert entry.authors[0].href == "http://testserver/users/lark/pseuds/lark/"
    assert "<em>small</em>" in entry.summary
    assert {(t.term, t.label) for t in entry.tags} >= {
        ("Explicit", "Rating: Explicit"),
        ("Original Work", "Fandom: Original Work"),
        ("Slow Burn", "Additional Tags: Slow Burn"),
    }
    content = entry.content[0].value
    assert "Rating: Explicit" in content and "Original Work" in content and "<em>small</em>" in content


def test_guest_feeds_never_list_drafts_restricted_hidden_works(guest) -> None:
    writer = UserFactory(username="wren")
    make_work(creator=writer, title="Out In The Open", additional_tags=("Shared Trope",))
    make_work(creator=writer, title="Still A Draft", post=False, additional_tags=("Shared Trope",))
    make_work(creator=writer, title="Members Only", restricted=True, additional_tags=("Shared Trope",))
    hidden = make_work(creator=writer, title="Taken Down", additional_tags=("Shared Trope",))
    hidden.hidden = True
    hidden.save()
    series = Series.objects.create(title="Wren's Series")
    series.creators.add(writer.default_pseud)
    for position, work in enumerate(Work.objects.filter(creatorships__pseud__user=writer), start=1):
        work.series_parts.create(series=series, position=position)

    for url in ("/tags/Shared Trope/feed.atom", "/users/wren/feed.atom", f"/series/{series.pk}/feed.atom"):
        # A logged-in reader still gets the guest's feed: feed readers are anonymous.
        for client in (guest, _logged_in(UserFactory())):
            assert titles(read_feed(client, url)) == ["Out In The Open"], url


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_pseud_feed_lists_that_pseuds_works_only(guest) -> None:
    writer = UserFactory(username="heron")
    other = pseud_create(actor=writer, name="Night Heron")
    make_work(creator=writer, title="Under The Name")
    make_work(creator=other, title="Under The Other Name")
    assert titles(read_feed(guest, "/users/heron/pseuds/Night Heron/feed.atom")) == ["Under The Other Name"]
    assert set(titles(read_feed(guest, "/users/heron/feed.atom"))) == {"Under The Name", "Under The Other Name"}


def test_newest_revision_first_and_at_most_25(guest) -> None:
    writer = UserFactory(username="finch")
    for number in range(27):
        work = make_work(creator=writer, title=f"Work {number:02}")
        Work.objects.filter(pk=work.pk).update(revised_on=f"2026-01-{number + 1:02}")
    parsed = read_feed(guest, "/users/finch/feed.atom")
    assert len(parsed.entries) == 25
    dates = [entry.updated for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True)


def test_conditional_get_answers_304_until_the_feed_changes(guest) -> None:
    writer = UserFactory(username="plover")
    make_work(creator=writer, title="First")
    first = guest.get("/users/plover/feed.atom")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert guest.get("/users/plover/feed.atom", headers={"If-None-Match": etag}).status_code == 304
    assert guest.get("/users/plover/feed.atom", headers={"If-Modified-Since": modified}).status_code == 304
    make_work(creator=writer, title="Second")
    again = guest.get("/users/plover/feed.atom", headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag
    assert "Second" in titles(read_feed(guest, "/users/plover/feed.atom"))


def test_unknown_and_unseen_things_answer_404(guest) -> None:
    writer = UserFactory(username="tern")
    make_work(creator=writer, title="Secret", post=False, additional_tags=("Draft Only Trope",))
    make_work(creator=writer, title="Members", restricted=True, additional_tags=("Members Only Trope",))
    empty = Series.objects.create(title="Nothing public")
    for url in (
        "/tags/No Such Tag At All/feed.atom",
        "/tags/Draft Only Trope/feed.atom",
        "/tags/Members Only Trope/feed.atom",
        "/users/nobody-here/feed.atom",
        "/users/tern/pseuds/nobody/feed.atom",
        "/series/999999/feed.atom",
        f"/series/{empty.pk}/feed.atom",
    ):
        assert guest.get(url).status_code == 404, url


def test_a_muted_creator_stays_in_guest_feeds(guest) -> None:
    """Mutes are a reader's own: they shape that reader's saved-search feed (test_private), not public feeds."""
    writer = UserFactory(username="shrike")
    make_work(creator=writer, title="Loud Work", additional_tags=("Common Trope",))
    mute_add(actor=UserFactory(), username="shrike")
    assert titles(read_feed(guest, "/tags/Common Trope/feed.atom")) == ["Loud Work"]
