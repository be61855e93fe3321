"""The wrangling pages: 403 for everyone without the role, and what wranglers do with them."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from scriptorium.tags.models import MetaTagging, Tag, TagParent, WranglingLogEntry
from tests.factories import UserFactory, make_work
from tests.tags.conftest import canonical

pytestmark = pytest.mark.django_db

STEVE = "/tags/Steve Rogers/wrangle"


@pytest.fixture
def tags(db):
    mcu = canonical("Marvel Cinematic Universe", "fandom")
    steve = canonical("Steve Rogers", "character")
    Tag.objects.create(name="Cap", type="character")
    return {"mcu": mcu, "steve": steve}


GETS = ["/wrangling/", "/wrangling/fandoms/Marvel Cinematic Universe", "/wrangling/log", STEVE]
POSTS = [
    (STEVE, {"action": "canonical"}),
    (STEVE, {"action": "unwrangle"}),
    ("/tags/Cap/wrangle", {"action": "synonym", "target": "Steve Rogers"}),
    (STEVE, {"action": "parent_add", "target": "Marvel Cinematic Universe"}),
    (STEVE, {"action": "parent_remove", "target": "Marvel Cinematic Universe"}),
    (STEVE, {"action": "meta_add", "target": "Cap"}),
    (STEVE, {"action": "meta_remove", "target": "Cap"}),
    (STEVE, {"action": "sub_add", "target": "Cap"}),
    (STEVE, {"action": "sub_remove", "target": "Cap"}),
    ("/wrangling/bulk", {"action": "canonical", "tags": ["1", "2"]}),
    ("/wrangling/bulk", {"action": "synonym", "tags": ["1"], "target": "Steve Rogers"}),
    ("/wrangling/bulk", {"action": "parent", "tags": ["1"], "target": "Marvel Cinematic Universe"}),
    ("/wrangling/bulk", {"action": "unwrangle", "tags": ["1"]}),
    ("/wrangling/", {}),
    ("/wrangling/log", {}),
    ("/wrangling/fandoms/Marvel Cinematic Universe", {}),
]


@pytest.mark.parametrize("url", GETS)
def test_every_wrangling_page_is_403_without_the_role(client, tags, url) -> None:
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(("url", "data"), POSTS)
def test_every_wrangling_action_is_403_without_the_role_and_changes_nothing(client, tags, url, data) -> None:
    client.force_login(UserFactory())
    before = list(Tag.objects.values_list("name", "canonical", "merger_id").order_by("name"))

    assert client.post(url, data).status_code == 403

    assert list(Tag.objects.values_list("name", "canonical", "merger_id").order_by("name")) == before
    assert not TagParent.objects.exists() and not MetaTagging.objects.exists()
    assert not WranglingLogEntry.objects.exists()


@pytest.mark.parametrize("url", GETS)
def test_visitors_are_sent_to_log_in(client, tags, url) -> None:
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login")


def test_the_tag_page_offers_wrangling_only_to_wranglers(client, wrangler, tags) -> None:
    assertNotContains(client.get("/tags/Steve Rogers"), "Wrangle this tag")
    client.force_login(wrangler)
    assertContains(client.get("/tags/Steve Rogers"), 'href="/tags/Steve%20Rogers/wrangle"')


def test_a_wrangler_makes_a_synonym_and_its_works_move(wrangler_client, tags) -> None:
    make_work(title="Shield Day", characters=("Cap",))
    assertNotContains(wrangler_client.get("/tags/Steve Rogers/works"), "Shield Day")

    response = wrangler_client.post("/tags/Cap/wrangle", {"action": "synonym", "target": "steve rogers"})

    assertRedirects(response, "/tags/Cap/wrangle", fetch_redirect_response=False)
    page = wrangler_client.get("/tags/Cap/wrangle")
    assertContains(page, "is now a synonym of “Steve Rogers”")
    assertContains(page, '<span class="status status--synonym">Synonym</span>')
    assertContains(wrangler_client.get("/tags/Steve Rogers/works"), "Shield Day")


def test_wrangling_errors_are_shown_not_raised(wrangler_client, tags) -> None:
    response = wrangler_client.post(
        "/tags/Cap/wrangle", {"action": "synonym", "target": "Marvel Cinematic Universe"}, follow=True
    )
    assertContains(response, "must point at a tag of its own type")
    response = wrangler_client.post("/tags/Cap/wrangle", {"action": "synonym", "target": "Nobody"}, follow=True)
    assertContains(response, "There is no tag named “Nobody”")


def test_parents_meta_and_sub_tags_from_the_tag_page(wrangler_client, tags) -> None:
    avengers = canonical("The Avengers (Marvel Movies)", "fandom")
    wrangler_client.post(STEVE, {"action": "parent_add", "target": "Marvel Cinematic Universe"})
    wrangler_client.post("/tags/Marvel Cinematic Universe/wrangle", {"action": "sub_add", "target": avengers.name})

    assert TagParent.objects.filter(child=tags["steve"], parent=tags["mcu"]).exists()
    assert MetaTagging.objects.filter(meta=tags["mcu"], sub=avengers).exists()
    page = wrangler_client.get("/tags/Marvel Cinematic Universe/wrangle")
    assertContains(page, "The Avengers (Marvel Movies)")

    wrangler_client.post(
        "/tags/The Avengers (Marvel Movies)/wrangle", {"action": "meta_remove", "target": tags["mcu"].name}
    )
    wrangler_client.post(STEVE, {"action": "parent_remove", "target": tags["mcu"].name})
    assert not MetaTagging.objects.exists() and not TagParent.objects.exists()


def test_a_fandoms_bin_lists_its_unwrangled_tags_and_bulk_actions_sort_them(wrangler_client, tags) -> None:
    make_work(fandoms=("Marvel Cinematic Universe",), characters=("Cap", "Steve Rogers", "Stevie"))
    make_work(fandoms=("Harry Potter",), characters=("Harry",))

    page = wrangler_client.get("/wrangling/fandoms/Marvel Cinematic Universe")
    assertContains(page, ">Cap</label>")
    assertContains(page, ">Stevie</label>")
    assertNotContains(page, ">Steve Rogers</label>")  # canonical: already wrangled
    assertNotContains(page, ">Harry</label>")  # another fandom's

    ids = [str(Tag.objects.get(name=n).pk) for n in ("Cap", "Stevie")]
    url = "/wrangling/fandoms/Marvel%20Cinematic%20Universe?type=character"
    response = wrangler_client.post(
        "/wrangling/bulk", {"action": "synonym", "tags": ids, "target": "Steve Rogers", "next": url}
    )

    assertRedirects(response, url, fetch_redirect_response=False)
    assert set(Tag.objects.filter(merger=tags["steve"]).values_list("name", flat=True)) == {"Cap", "Stevie"}
    assertContains(wrangler_client.get(url), "No unwrangled characters in this fandom.")
    assert WranglingLogEntry.objects.filter(action="synonym").count() == 2


def test_bulk_reports_the_tags_an_action_does_not_fit(wrangler_client, tags) -> None:
    ids = [str(tags["mcu"].pk), str(Tag.objects.get(name="Cap").pk)]
    response = wrangler_client.post(
        "/wrangling/bulk", {"action": "synonym", "tags": ids, "target": "Steve Rogers"}, follow=True
    )
    assertContains(response, "Marvel Cinematic Universe: ")
    assertContains(response, "Make synonyms of: Cap.")
    assert Tag.objects.get(name="Cap").merger == tags["steve"]


def test_bulk_parent_action_and_offsite_next_is_ignored(wrangler_client, tags) -> None:
    cap = Tag.objects.get(name="Cap")
    response = wrangler_client.post(
        "/wrangling/bulk",
        {"action": "parent", "tags": [str(cap.pk)], "target": "Marvel Cinematic Universe", "next": "//evil.example"},
    )
    assert response["Location"] == "/wrangling/"
    assert TagParent.objects.filter(child=cap, parent=tags["mcu"]).exists()


def test_the_log_page_shows_who_changed_what_and_filters_by_tag(wrangler_client, tags) -> None:
    wrangler_client.post("/tags/Cap/wrangle", {"action": "synonym", "target": "Steve Rogers"})
    wrangler_client.post(STEVE, {"action": "parent_add", "target": "Marvel Cinematic Universe"})

    page = wrangler_client.get("/wrangling/log")
    assertContains(page, "<td>wrangler</td>", html=True)
    assertContains(page, "Made a synonym: Steve Rogers")
    assertContains(page, "<td>unwrangled</td><td>synonym of Steve Rogers</td>", html=True)
    assertContains(page, "Added parent: Marvel Cinematic Universe")
    filtered = wrangler_client.get("/wrangling/log?tag=cap")
    assertContains(filtered, "Made a synonym")
    assertNotContains(filtered, "Added parent")


def test_the_index_lists_fandoms_and_finds_a_tag(wrangler_client, tags) -> None:
    make_work(fandoms=("Marvel (unsorted)",))
    page = wrangler_client.get("/wrangling/")
    assertContains(page, 'href="/wrangling/fandoms/Marvel%20Cinematic%20Universe"')
    assertContains(page, "Marvel (unsorted)")
    assertRedirects(wrangler_client.get("/wrangling/?find=cap"), "/tags/Cap/wrangle", fetch_redirect_response=False)
    assertContains(wrangler_client.get("/wrangling/?find=nobody"), "There is no tag named")
