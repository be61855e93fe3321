"""Bylines of works archived on their authors' behalf: "by NAME [archived by ARCHIVIST]" wherever a work is
named (its page, the chapter index, blurbs, series, bookmarks), NAME leading to the author's page and never to a
pseud; once claimed, the claimer's pseud instead. Listings stay at a constant number of queries."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from scriptorium.accounts.services import pseud_create
from scriptorium.interactions.inputs import BookmarkInput
from scriptorium.interactions.services import bookmark_create
from scriptorium.works.models import ExternalCreator
from tests.factories import UserFactory, make_work
from tests.works.archived import archive_work, claim
from tests.works.test_selectors import _get_ok, count_queries

pytestmark = pytest.mark.django_db


class _Byline(HTMLParser):
    """The text and links of the first element with the given class (e.g. AO3's ``h3.byline``)."""

    def __init__(self, css: str) -> None:
        super().__init__()
        self.css, self.depth, self.done = css, 0, False
        self.text: list[str] = []
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.depth:
            self.depth += 1
            if tag == "a":
                self.links.append({k: v or "" for k, v in attributes.items()})
        elif not self.done and self.css in (attributes.get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            self.done = self.depth == 0

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def byline(html: str, css: str = "byline") -> tuple[str, list[dict[str, str]]]:
    parser = _Byline(css)
    parser.feed(html)
    return " ".join("".join(parser.text).split()), parser.links


@pytest.fixture
def archivist(db):
    return UserFactory(username="openshelf")


@pytest.fixture
def archived(archivist):
    return archive_work(archivist, "Marigold Vance", email="marigold@example.org", title="The Lantern Field")


def test_the_work_page_reads_by_name_archived_by_the_archivist(client, archived) -> None:
    author = ExternalCreator.objects.get()
    text, links = byline(client.get(f"/works/{archived.pk}").content.decode())

    assert text == "by Marigold Vance [archived by openshelf]"
    name, keeper = links
    assert name["href"] == f"/external_authors/{author.pk}"  # the author's page, not a pseud
    assert "rel" not in name
    assert keeper["href"] == "/users/openshelf/pseuds/openshelf"  # AO3's address, as FanFicFare reads it


def test_a_work_without_external_creators_reads_as_before(client, work) -> None:
    text, links = byline(client.get(f"/works/{work.pk}").content.decode())
    assert text == f"by {work.owner.username}"
    assert links[0]["rel"] == "author"
    assert "archived by" not in client.get(f"/works/{work.pk}").content.decode()


def test_the_chapter_index_and_the_blurbs_say_the_same(client, archived) -> None:
    navigate, _ = byline(client.get(f"/works/{archived.pk}/navigate").content.decode())
    blurb, links = byline(client.get("/works/").content.decode(), "blurb__byline")

    assert navigate == "by Marigold Vance [archived by openshelf]"
    assert blurb == "by Marigold Vance [archived by openshelf]"
    assert links[0]["href"].startswith("/external_authors/")


def test_the_series_page_names_the_external_author(client, archivist) -> None:
    work = archive_work(archivist, "Marigold Vance", series_title="Field Notes")
    series_id = work.series_parts.get().series_id
    page = client.get(f"/series/{series_id}").content.decode()

    text, links = byline(page)
    assert text == "A series by Marigold Vance [archived by openshelf]"
    assert "by Marigold Vance [archived by openshelf]" in byline(page, "blurb__byline")[0]
    assert re.search(r'<h4 class="heading">.*Marigold Vance.*archived by', page)


def test_a_bookmark_of_an_archived_work_shows_its_byline(client, archived) -> None:
    reader = UserFactory()
    bookmark_create(actor=reader, work=archived, data=BookmarkInput())
    client.force_login(reader)
    page = client.get(f"/users/{reader.username}/bookmarks").content.decode()

    assert byline(page, "blurb__byline")[0] == "by Marigold Vance [archived by openshelf]"


def test_once_claimed_the_claimers_pseud_shows_and_the_blurb_is_drawn_anew(
    client, archived, django_capture_on_commit_callbacks
) -> None:
    assert "Marigold Vance" in client.get("/works/").content.decode()  # the blurb is now cached
    marigold = UserFactory(username="marigold")
    pen = pseud_create(actor=marigold, name="Mari V")
    with django_capture_on_commit_callbacks(execute=True):
        claim(ExternalCreator.objects.get(), pen)

    text, links = byline(client.get(f"/works/{archived.pk}").content.decode())
    assert text == "by Mari V (marigold)"
    assert links[0]["rel"] == "author"
    blurb, _ = byline(client.get("/works/").content.decode(), "blurb__byline")
    assert blurb == "by Mari V (marigold)"


def test_an_unclaimed_co_author_keeps_the_archivist_beside_a_claimed_one(client, archivist) -> None:
    from scriptorium.works.external import external_creator_get_or_create, work_external_creators_set
    from scriptorium.works.models import Creatorship

    work = make_work(creator=archivist, title="Two Hands")
    first = external_creator_get_or_create(archivist=archivist, name="Ash Dunmore")
    second = external_creator_get_or_create(archivist=archivist, name="Bea Lark")
    work_external_creators_set(work=work, external_creators=[first, second])
    bea = UserFactory(username="bea")
    second.claimed_by = bea.default_pseud
    second.save()
    Creatorship.objects.create(work=work, pseud=bea.default_pseud, position=1)

    text, _ = byline(client.get(f"/works/{work.pk}").content.decode())
    assert text == "by bea, Ash Dunmore [archived by openshelf]"


def test_the_blurb_cache_key_follows_the_external_credit(client, archivist) -> None:
    work = make_work(creator=archivist, title="Plain Before")
    assert "archived by" not in client.get("/works/").content.decode()
    from scriptorium.works.external import external_creator_get_or_create, work_external_creators_set

    work_external_creators_set(
        work=work, external_creators=[external_creator_get_or_create(archivist=archivist, name="Late Credit")]
    )
    # The fragments cache is not cleared: only a changed key can bring the new byline.
    assert "Late Credit [archived by openshelf]" in byline(client.get("/works/").content.decode(), "blurb__byline")[0]


def test_listing_archived_works_costs_no_query_per_work(client, archivist) -> None:
    def add(count: int) -> None:
        for i in range(count):
            archive_work(archivist, f"Author {i}", title=f"Rescued {i}")

    add(2)
    _get_ok(client, "/works/")()
    with_two = count_queries(_get_ok(client, "/works/"))
    add(8)
    assert count_queries(_get_ok(client, "/works/")) == with_two


def test_a_deleted_archived_work_is_remembered_by_its_authors_name(client, archived) -> None:
    from scriptorium.interactions.models import Bookmark
    from scriptorium.works.services import work_delete

    reader = UserFactory()
    bookmark_create(actor=reader, work=archived, data=BookmarkInput())
    work_delete(actor=archived.owner, work=archived)

    kept = Bookmark.objects.get(user=reader)
    assert kept.work_creators == ["Marigold Vance"]
    client.force_login(reader)
    page = client.get(f"/users/{reader.username}/bookmarks").content.decode()
    assert "by Marigold Vance" in page
