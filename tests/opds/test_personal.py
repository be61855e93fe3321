"""Who sees what: a guest's catalog never lists drafts, restricted or hidden works; an account's personal catalog
(behind its private feed token) lists what that account finds on its pages, restricted works included and its
excluded tags and muted creators applied, with its own shelves. A wrong or renewed-away token is 404."""

from __future__ import annotations

import pytest
from django.test import Client

from scriptorium.feeds.services import feed_token_renew
from scriptorium.interactions.inputs import BookmarkInput
from scriptorium.interactions.services.bookmarks import bookmark_create
from scriptorium.interactions.services.history import later_mark, reading_record
from scriptorium.interactions.services.relations import mute_add
from scriptorium.notifications.services import subscription_create
from scriptorium.search.models import ExcludedTag
from scriptorium.tags.models import Tag
from tests.factories import UserFactory, make_work
from tests.opds.conftest import NS, atom, entry_titles, links, opds2, path_of, publication_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(db):
    writer, noisy = UserFactory(username="scribe"), UserFactory(username="noisy")
    works = {
        "public": make_work(creator=writer, title="Open Sea", fandoms=("Moby Dick",), additional_tags=("Sea",)),
        "restricted": make_work(
            creator=writer, title="Members Sea", fandoms=("Moby Dick",), restricted=True, additional_tags=("Sea",)
        ),
        "draft": make_work(creator=writer, title="Draft Sea", fandoms=("Moby Dick",), post=False),
        "hidden": make_work(creator=writer, title="Hidden Sea", fandoms=("Moby Dick",), additional_tags=("Sea",)),
        "excluded": make_work(
            creator=writer, title="Shipwreck Sea", fandoms=("Moby Dick",), additional_tags=("Sea", "Shipwreck")
        ),
        "muted": make_work(creator=noisy, title="Noisy Sea", fandoms=("Moby Dick",), additional_tags=("Sea",)),
    }
    works["hidden"].hidden = True
    works["hidden"].save()
    reader = UserFactory(username="reader")
    mute_add(actor=reader, username="noisy")
    ExcludedTag.objects.create(user=reader, tag=Tag.objects.get(name="Shipwreck"))
    return reader, works


GUEST_FEEDS = (
    "/opds/works",
    "/opds/works?sort=kudos",
    "/opds/works?complete=in_progress",
    "/opds/tags/Moby Dick",
    "/opds/tags/Sea",
    "/opds/works?q=Sea",
)


def test_a_guest_never_sees_drafts_restricted_or_hidden_works(archive) -> None:
    guest = Client()
    for url in GUEST_FEEDS:
        assert set(entry_titles(atom(guest, url))) == {"Open Sea", "Shipwreck Sea", "Noisy Sea"}, url
        v2 = url.replace("/opds/", "/opds/v2/", 1)
        assert set(publication_titles(opds2(guest, v2))) == {"Open Sea", "Shipwreck Sea", "Noisy Sea"}, v2
    fandoms = atom(guest, "/opds/fandoms")
    (moby,) = [e for e in fandoms.findall("atom:entry", NS) if e.findtext("atom:title", namespaces=NS) == "Moby Dick"]
    assert moby.findtext("atom:content", namespaces=NS) == "3 works"
    # The same works as the works listing shows a guest.
    page = guest.get("/works/search?q=Sea").content.decode()
    for title in ("Open Sea", "Members Sea", "Draft Sea", "Hidden Sea"):
        assert (title in page) == (title in entry_titles(atom(guest, "/opds/works?q=Sea"))), title


def test_the_personal_catalog_lists_what_its_account_finds(archive) -> None:
    reader, _ = archive
    token = feed_token_renew(user=reader).key
    client = Client()  # an e-reader: not logged in, the address is the key
    base = f"/opds/personal/{token}"
    for url in ("/works", "/tags/Sea", "/works?q=Sea"):
        assert set(entry_titles(atom(client, base + url))) == {"Open Sea", "Members Sea"}, url
    assert set(publication_titles(opds2(client, f"/opds/v2/personal/{token}/works"))) == {"Open Sea", "Members Sea"}
    # What its own search page shows it.
    logged_in = Client()
    logged_in.force_login(reader)
    page = logged_in.get("/works/search?q=Sea").content.decode()
    found = entry_titles(atom(client, f"{base}/works?q=Sea"))
    for title in ("Open Sea", "Members Sea", "Draft Sea", "Hidden Sea", "Shipwreck Sea", "Noisy Sea"):
        assert (title in page) == (title in found), title
    # Every link of the personal catalog stays inside it.
    root = atom(client, base)
    hrefs = [link.get("href") for link in links(root)] + [
        link.get("href") for entry in root.findall("atom:entry", NS) for link in links(entry)
    ]
    assert all(f"/opds/personal/{token}" in h for h in hrefs), hrefs
    titles = entry_titles(root)
    assert titles[-4:] == ["Marked for Later", "Subscribed works", "Bookmarks", "History"]
    response = client.get(base)
    assert "private" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"


def test_the_shelves(archive) -> None:
    reader, works = archive
    token = feed_token_renew(user=reader).key
    later_mark(actor=reader, work=works["restricted"])
    later_mark(actor=reader, work=works["public"])
    bookmark_create(actor=reader, data=BookmarkInput(private=True), work=works["restricted"])
    subscription_create(actor=reader, kind="work", target_id=works["public"].pk)
    subscription_create(actor=reader, kind="work", target_id=works["muted"].pk)
    first_chapter = works["public"].chapters.first()
    reading_record(user_id=reader.pk, work_id=works["public"].pk, chapter_id=first_chapter.pk)
    client = Client()
    base = f"/opds/personal/{token}"
    assert entry_titles(atom(client, f"{base}/later", kind="acquisition")) == ["Open Sea", "Members Sea"]
    assert entry_titles(atom(client, f"{base}/bookmarks")) == ["Members Sea"]
    assert entry_titles(atom(client, f"{base}/subscriptions")) == ["Open Sea"]  # the muted creator's left out
    assert entry_titles(atom(client, f"{base}/history")) == ["Open Sea"]
    # Each entry links the account's reading place (OPDS Progression, kosync) for the e-reader to sync.
    (entry,) = atom(client, f"{base}/history").findall("atom:entry", NS)
    (progression,) = links(entry, "http://www.cantook.com/api/progression")
    assert progression.get("href") == f"http://testserver/kosync/progression/{works['public'].pk}"
    assert progression.get("type") == "application/vnd.readium.progression+json"
    assert not links(atom(client, "/opds/works").find("atom:entry", NS), "http://www.cantook.com/api/progression")
    assert publication_titles(opds2(client, f"/opds/v2/personal/{token}/later")) == ["Open Sea", "Members Sea"]
    # A work that became a draft leaves the shelf.
    works["restricted"].posted = False
    works["restricted"].save()
    assert entry_titles(atom(client, f"{base}/later")) == ["Open Sea"]
    # Shelves are personal: the public catalog has none.
    assert Client().get("/opds/later").status_code == 404


def test_a_wrong_or_renewed_token_is_404(archive) -> None:
    reader, works = archive
    old = feed_token_renew(user=reader).key
    other = feed_token_renew(user=UserFactory()).key
    client = Client()
    assert client.get(f"/opds/personal/{old}").status_code == 200
    assert client.get(f"/opds/personal/{other}/later").status_code == 200  # its own (empty) shelf
    for url in ("", "/works", "/later", "/fandoms", f"/covers/{works['restricted'].pk}.png"):
        assert client.get(f"/opds/personal/not-a-token{url}").status_code == 404, url
        assert client.get(f"/opds/v2/personal/not-a-token{url}").status_code == 404, url
    new = feed_token_renew(user=reader).key
    assert client.get(f"/opds/personal/{old}").status_code == 404
    assert client.get(f"/opds/personal/{new}").status_code == 200
    # A restricted work's cover: through the token, not for a guest.
    feed = atom(client, f"/opds/personal/{new}/works?q=Members")
    (cover,) = [
        link.get("href")
        for link in links(feed.find("atom:entry", NS))
        if link.get("rel") == "http://opds-spec.org/image"
    ]
    assert client.get(path_of(cover)).status_code == 200
    assert client.get(f"/opds/covers/{works['restricted'].pk}.png").status_code == 404
    reader.is_active = False
    reader.save()
    assert client.get(f"/opds/personal/{new}").status_code == 404


def test_the_personal_catalog_downloads_restricted_works_through_its_token(archive) -> None:
    reader, works = archive
    token = feed_token_renew(user=reader).key
    client = Client()  # an e-reader, not logged in
    feed = atom(client, f"/opds/personal/{token}/works?q=Members")
    (epub,) = [
        link.get("href")
        for link in links(feed.find("atom:entry", NS))
        if link.get("rel") == "http://opds-spec.org/acquisition/open-access"
        and link.get("type") == "application/epub+zip"
    ]
    assert epub.startswith(f"http://testserver/opds/personal/{token}/works/{works['restricted'].pk}/download/")
    response = client.get(path_of(epub))
    if response.status_code == 202:  # being prepared: asked again, as e-readers do
        response = client.get(path_of(epub))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/epub+zip"
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert "private" in response["Cache-Control"]
    assert client.get(path_of(epub), headers={"if-none-match": response["ETag"]}).status_code == 304
    # Not with a wrong token, and not for works the account does not find (drafts, hidden).
    assert client.get(path_of(epub).replace(token, "not-a-token")).status_code == 404
    for state in ("draft", "hidden"):
        url = f"/opds/personal/{token}/works/{works[state].pk}/download/Any.epub"
        assert client.get(url).status_code == 404, state
    # A guest's catalog links the archive's own downloads, which keep restricted works for logged-in readers.
    assert client.get(f"/works/{works['restricted'].pk}/download/Members_Sea.epub").status_code == 404


def test_the_private_feeds_page_gives_the_catalog_addresses(archive) -> None:
    reader, _ = archive
    client = Client()
    client.force_login(reader)
    assert "opds" not in client.get("/account/feeds").content.decode()  # no token yet
    client.post("/account/feeds")
    page = client.get("/account/feeds").content.decode()
    token = reader.feed_token.key
    for version in ("/opds", "/opds/v2"):
        url = f"http://testserver{version}/personal/{token}"
        assert f'value="{url}"' in page
    assert "Marked for Later" in entry_titles(atom(Client(), f"/opds/personal/{token}"))
