"""Every machine interface lists and opens exactly the works the same reader finds on the pages (issue 17).

A fixture shelf holds one work in each state that matters (posted, draft, hidden by a moderator, restricted,
adult, by a creator one reader mutes, with a tag that reader excludes), all in one series and under one tag, and a
second creator's series. For each reader (a guest, a member, the owner, a reader with the excluded tag and the
mute, one who blocked the owner, a moderator) the works each listing page shows (the works listing, the tag's
works, each creator's page, each series page) are read from the page, and every interface must give the same set
for the same listing; each work's page must open where the interface's work opens.

Feeds are read anonymously by feed readers: they are compared with what a guest finds on the pages, whoever asks
(docs/interfaces.md). Each interface says which listings it has: the JSON API has no creator listing, the feeds no
whole-archive one.

Adding an interface (the OPDS catalogs): write an :class:`Interface` and append it to :data:`INTERFACES`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

import feedparser
import pytest
from django.test import Client

from scriptorium.accounts.models import User
from scriptorium.accounts.moderators import moderators_group
from scriptorium.feeds.services import feed_token_renew
from scriptorium.interactions.models import Block, Mute
from scriptorium.search.backends import get_search_backend
from scriptorium.search.services import excluded_tag_add
from scriptorium.tags.vocabulary import EXPLICIT, MAJOR_CHARACTER_DEATH
from scriptorium.works.models import Series, Work
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db

SHARED_TAG = "Harbour Lights"
READERS = ("guest", "member", "owner", "picky", "blocker", "moderator")


@dataclass
class Shelf:
    users: dict[str, User]
    works: dict[str, int]  # state → work id
    series: dict[str, int]  # "owner" / "muted" → the series of that creator's works
    creators: tuple[str, ...] = ("owner", "muted")
    listings: dict[str, str] = field(default_factory=dict)  # listing key → its page

    def client(self, reader: str) -> Client:
        client = Client()
        if reader != "guest":
            client.force_login(self.users[reader])
        return client


@pytest.fixture
def shelf(db) -> Shelf:
    owner, muted = UserFactory(username="tide_owner"), UserFactory(username="muted_mo")
    picky, blocker = UserFactory(username="picky_pip"), UserFactory(username="block_bo")
    moderator = UserFactory(username="mod_moll")
    moderator.groups.add(moderators_group())
    common = {"series_title": "Tide Tables", "additional_tags": (SHARED_TAG,)}
    works = {
        "posted": make_work(creator=owner, title="Open Harbour", **common),
        "draft": make_work(creator=owner, title="Unsent Letter", post=False, **common),
        "hidden": make_work(creator=owner, title="Taken Down", **common),
        "restricted": make_work(creator=owner, title="Members Quay", restricted=True, **common),
        "adult": make_work(creator=owner, title="Night Ferry", rating=EXPLICIT, **common),
        "excluded": make_work(creator=owner, title="Storm Warning", warnings=(MAJOR_CHARACTER_DEATH,), **common),
        "muted": make_work(
            creator=muted, title="Muted Voice", series_title="Other Shore", additional_tags=(SHARED_TAG,)
        ),
    }
    Work.objects.filter(pk=works["hidden"].pk).update(hidden=True)
    Mute.objects.create(muter=picky, muted=muted)
    excluded_tag_add(user=picky, name=MAJOR_CHARACTER_DEATH)
    Block.objects.create(blocker=blocker, blocked=owner)
    get_search_backend().index_works([w.pk for w in works.values()])
    found = Shelf(
        users={
            "member": UserFactory(username="plain_pat"),
            "owner": owner,
            "picky": User.objects.get(pk=picky.pk),
            "blocker": blocker,
            "moderator": User.objects.get(pk=moderator.pk),
        },
        works={state: work.pk for state, work in works.items()},
        series={
            "owner": Series.objects.get(title="Tide Tables").pk,
            "muted": Series.objects.get(title="Other Shore").pk,
        },
    )
    found.listings = {
        "works": "/works/",
        "tag": f"/tags/{quote(SHARED_TAG)}/works",
        **{f"user:{c}": f"/users/{found_user(found, c).username}/" for c in found.creators},
        **{f"series:{c}": f"/series/{i}" for c, i in found.series.items()},
    }
    return found


def found_user(shelf: Shelf, creator: str) -> User:
    return shelf.users["owner"] if creator == "owner" else User.objects.get(username="muted_mo")


# What the pages show -------------------------------------------------------------------------------------------


def page_listing(client: Client, url: str) -> set[int]:
    """The works a listing page shows (its blurbs); none where the page is 404."""
    response = client.get(url)
    if response.status_code == 404:
        return set()
    assert response.status_code == 200, (url, response.status_code)
    return {int(i) for i in re.findall(r'<li class="blurb" id="work-(\d+)"', response.content.decode())}


def page_opens(client: Client, work_id: int) -> bool:
    """Whether the work's page opens it for the reader (the adult notice opens it too; a guest told to log in for a
    restricted work is not shown it)."""
    response = client.get(f"/works/{work_id}")
    body = response.content.decode()
    return response.status_code == 200 and "only available to registered users" not in body


# The interfaces ------------------------------------------------------------------------------------------------

Listing = Callable[[Client, Shelf, str], "set[int] | None"]


@dataclass(frozen=True)
class Interface:
    """A machine interface over the works: ``listing`` gives, for a listing key ("works", "tag", "user:owner",
    "series:muted"…), the works it lists there (None where it has no such listing); ``opens`` whether it opens a
    work (None: it has no single work). ``anonymous``: read without an account, so compared with the guest's
    pages whoever asks."""

    name: str
    listing: Listing
    opens: Callable[[Client, int], bool] | None = None
    anonymous: bool = False


def _feed_ids(client: Client, url: str) -> set[int]:
    response = client.get(url)
    if response.status_code == 404:
        return set()
    assert response.status_code == 200, (url, response.status_code)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return {int(re.search(r"/works/(\d+)$", entry.link).group(1)) for entry in parsed.entries}


def atom_listing(client: Client, shelf: Shelf, key: str) -> set[int] | None:
    kind, _, who = key.partition(":")
    if kind == "tag":
        return _feed_ids(client, f"/tags/{quote(SHARED_TAG)}/feed.atom")
    if kind == "user":
        return _feed_ids(client, f"/users/{found_user(shelf, who).username}/feed.atom")
    if kind == "series":
        return _feed_ids(client, f"/series/{shelf.series[who]}/feed.atom")
    return None


def _api_list(client: Client, url: str) -> set[int]:
    ids: set[int] = set()
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        ids |= {w["id"] for w in response.json()["results"]}
        url = response.json().get("next")
    return ids


def api_listing(client: Client, shelf: Shelf, key: str) -> set[int] | None:
    kind, _, who = key.partition(":")
    if kind == "works":
        return _api_list(client, "/api/v1/works/?page_size=100")
    if kind == "tag":
        return _api_list(client, f"/api/v1/works/?include={quote(SHARED_TAG)}&page_size=100")
    if kind == "series":
        response = client.get(f"/api/v1/series/{shelf.series[who]}/")
        return {w["id"] for w in response.json()["works"]} if response.status_code == 200 else set()
    return None


def api_opens(client: Client, work_id: int) -> bool:
    return client.get(f"/api/v1/works/{work_id}/").status_code == 200


def _opds_base(client: Client, version: str) -> str:
    """A guest's catalog, or the personal catalog of the account the client is logged in as (through its feed
    token: an e-reader is not logged in)."""
    user_id = client.session.get("_auth_user_id")
    if not user_id:
        return f"/opds{version}"
    token = feed_token_renew(user=User.objects.get(pk=user_id)).key
    return f"/opds{version}/personal/{token}"


def _opds_ids(url: str, version: str) -> set[int]:
    """Every work an OPDS feed lists, page after page (read by a client with no session)."""
    reader, ids = Client(), set()
    while url:
        response = reader.get(url)
        if response.status_code == 404:
            return set()
        assert response.status_code == 200, (url, response.status_code)
        if version:
            document = response.json()
            pages = [p["links"] for p in document["publications"]]
            ids |= {
                int(re.search(r"/works/(\d+)$", link["href"]).group(1))
                for links in pages
                for link in links
                if link["rel"] == "alternate"
            }
            url = next((link["href"] for link in document["links"] if link["rel"] == "next"), "")
        else:
            feed = ET.fromstring(response.content)  # noqa: S314 (our own server's output)
            atom = "{http://www.w3.org/2005/Atom}"
            for entry in feed.iter(f"{atom}entry"):
                page = next(x for x in entry.iter(f"{atom}link") if x.get("type") == "text/html")
                ids.add(int(re.search(r"/works/(\d+)$", page.get("href")).group(1)))
            url = next((x.get("href") for x in feed.findall(f"{atom}link") if x.get("rel") == "next"), "")
        url = url.removeprefix("http://testserver")
    return ids


def opds_listing(version: str) -> Listing:
    def listing(client: Client, shelf: Shelf, key: str) -> set[int] | None:
        base = _opds_base(client, version)
        if key == "works":
            return _opds_ids(f"{base}/works", version)
        if key == "tag":
            return _opds_ids(f"{base}/tags/{quote(SHARED_TAG)}", version)
        return None  # no creator or series feeds

    return listing


#: Every interface compared with the pages.
INTERFACES: list[Interface] = [
    Interface("atom", atom_listing, anonymous=True),
    Interface("api", api_listing, opens=api_opens),
    Interface("opds1", opds_listing("")),
    Interface("opds2", opds_listing("/v2")),
]


# The checks ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("interface", INTERFACES, ids=lambda i: i.name)
@pytest.mark.parametrize("reader", READERS)
def test_each_listing_equals_the_page(shelf, interface, reader) -> None:
    client = shelf.client(reader)
    pages = shelf.client("guest") if interface.anonymous else client
    compared, differences = 0, []
    for key, url in shelf.listings.items():
        listed = interface.listing(client, shelf, key)
        if listed is None:
            continue
        compared += 1
        shown = page_listing(pages, url)
        if listed != shown:
            differences.append(f"{key}: {interface.name} lists {sorted(listed)}, {url} shows {sorted(shown)}")
    assert not differences, f"{reader}: " + "\n".join(differences)
    assert compared, f"{interface.name} has none of the listings"


@pytest.mark.parametrize("interface", [i for i in INTERFACES if i.opens], ids=lambda i: i.name)
@pytest.mark.parametrize("reader", READERS)
def test_each_work_opens_where_its_page_does(shelf, interface, reader) -> None:
    client = shelf.client(reader)
    pages = shelf.client("guest") if interface.anonymous else client
    differences = [
        f"{state}: {interface.name} {'opens' if opened else 'refuses'} it, the page does not"
        for state, work_id in shelf.works.items()
        if (opened := interface.opens(client, work_id)) != page_opens(pages, work_id)
    ]
    assert not differences, f"{reader}: " + "\n".join(differences)


@pytest.mark.parametrize("reader", READERS)
def test_the_api_tag_counts_what_the_tag_page_counts(shelf, reader) -> None:
    """The tag's page says how many works it has for the reader (before the reader's own mutes and exclusions,
    which only its works listing applies); the API's tag says the same."""
    client = shelf.client(reader)
    page = client.get(f"/tags/{quote(SHARED_TAG)}")
    counted = re.search(r"<dt>Works:</dt><dd>(\d+)</dd>", page.content.decode())
    response = client.get(f"/api/v1/tags/{quote(SHARED_TAG)}/")
    assert response.status_code == page.status_code == 200
    assert response.json()["work_count"] == int(counted.group(1))
    member_count = 5  # posted, adult, excluded, muted and the restricted one
    assert int(counted.group(1)) == (member_count - 1 if reader == "guest" else member_count)


def test_the_shelf_tells_readers_apart(shelf) -> None:
    """The comparison above would pass on pages that show nothing: the pages differ between readers as the rules
    say (so each interface is held to something)."""
    works = shelf.works

    def tag_page(reader: str) -> set[int]:
        return page_listing(shelf.client(reader), shelf.listings["tag"])

    listed_for_all = {works["posted"], works["adult"], works["excluded"], works["muted"]}
    assert tag_page("guest") == listed_for_all
    assert tag_page("member") == tag_page("blocker") == listed_for_all | {works["restricted"]}
    assert tag_page("picky") == {works["posted"], works["adult"], works["restricted"]}
    assert tag_page("owner") == tag_page("moderator") == tag_page("member")  # drafts, hidden: never listed
    assert page_opens(shelf.client("moderator"), works["hidden"]) and not page_opens(
        shelf.client("member"), works["hidden"]
    )
    assert page_opens(shelf.client("owner"), works["draft"]) and not page_opens(
        shelf.client("guest"), works["restricted"]
    )
