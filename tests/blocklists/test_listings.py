"""The blocklist across every listing: the same rules hide the same works, with exact totals, pages and the count
of what they hid (the works listing, a tag's works, search, a creator's works, bookmarks, a series, the API)."""

from __future__ import annotations

import datetime

import pytest

from scriptorium.blocklists.models import RuleKind
from scriptorium.blocklists.services import RuleInput, rule_add
from scriptorium.interactions.models import Bookmark
from scriptorium.search.backends import get_search_backend
from scriptorium.tags.models import Tag, TagType
from scriptorium.works.models import Work
from tests.factories import PseudFactory, UserFactory, make_work

pytestmark = pytest.mark.django_db

LONG = " ".join(["word"] * 120)


@pytest.fixture
def shelf(settings):
    """Eleven works by one writer in one series: five the rules below hide, six they let through."""
    settings.SCRIPTORIUM_WORKS_PER_PAGE = 4
    writer = UserFactory(username="shelfwriter")
    blocked = PseudFactory(user=writer, name="Blocked Pen")
    burn = Tag.objects.create(name="Slow Burn", type=TagType.ADDITIONAL, canonical=True)
    Tag.objects.create(name="Slowburn", type=TagType.ADDITIONAL, merger=burn)
    series = {"series_title": "The Long Shelf"}
    works = {
        # hidden
        "fm": make_work(creator=writer, title="Plain Slow Burn", additional_tags=("Slow Burn",), **series),
        "synonym": make_work(creator=writer, title="Burn By Another Name", additional_tags=("Slowburn",), **series),
        "zombie": make_work(creator=writer, title="Zombie Tea Party", **series),
        "crossover": make_work(creator=writer, title="Two Worlds", fandoms=("Original Work", "Other World"), **series),
        "by_blocked": make_work(creator=blocked, title="By The Blocked Pen"),
        # shown
        "fm_multi": make_work(
            creator=writer, title="Slow Burn But Family", additional_tags=("Slow Burn", "Found Family"), **series
        ),
        "allowed": make_work(creator=blocked, title="Blocked Pen But Allowed", additional_tags=("Cosy",)),
        "plain1": make_work(creator=writer, title="Plain One", **series),
        "plain2": make_work(creator=writer, title="Plain Two", **series),
        "plain3": make_work(creator=writer, title="Plain Three", **series),
        "long": make_work(creator=writer, title="Long Enough", chapters=[LONG], **series),
    }
    get_search_backend().index_works([w.pk for w in works.values()])
    return writer, works


@pytest.fixture
def rules(user, shelf):
    for rule in (
        RuleInput(kind=RuleKind.TAG, tag="Slow Burn", unless="Found Family"),
        RuleInput(kind=RuleKind.WORDS, text="zombie"),
        RuleInput(kind=RuleKind.FANDOMS, low=1),
        RuleInput(kind=RuleKind.CREATOR, creator="Blocked Pen"),
        RuleInput(kind=RuleKind.ALLOW_TAG, tag="Cosy"),
    ):
        rule_add(user=user, rule=rule)
    return user


HIDDEN = {"fm", "synonym", "zombie", "crossover", "by_blocked"}


def _titles(works: dict[str, Work], keys: set[str]) -> set[str]:
    return {works[k].title for k in keys}


def _walk(client, url: str, **params: str) -> tuple[list[str], int, int | None]:
    """Every page of a works listing: the titles in order, the total and what the blocklist hid."""
    titles: list[str] = []
    page, total, hidden = 1, None, None
    while True:
        response = client.get(url, {**params, "page": page})
        assert response.status_code == 200
        listing = response.context["listing"]
        titles += [w.title for w in listing.page.object_list]
        total, hidden = listing.total, listing.hidden
        if not listing.page.has_next():
            return titles, total, hidden
        page += 1


@pytest.mark.parametrize("url", ["/works/", "/tags/Original Work/works", "/works/search", "/users/shelfwriter/"])
def test_every_works_listing_hides_the_same_works_with_exact_totals_and_pages(writer_client, rules, shelf, url):
    _, works = shelf
    expected = _titles(works, set(works) - HIDDEN)
    titles, total, hidden = _walk(writer_client, url)
    assert sorted(titles) == sorted(expected)  # no work twice, none missing, across the pages
    assert total == len(expected) == 6
    assert hidden == len(HIDDEN)


def test_show_them_this_time_lifts_the_rules_for_one_listing(writer_client, rules, shelf):
    _, works = shelf
    response = writer_client.get("/works/", {"show_blocked": "1"})
    listing = response.context["listing"]
    assert listing.total == len(works) and listing.hidden == len(HIDDEN) and listing.show_blocked
    assert "Showing 5 works your blocklist would hide" in response.text
    second = writer_client.get("/works/", {"show_blocked": "1", "page": 2}).context["listing"]
    assert second.total == len(works)  # the page links keep the parameter (page_url keeps the query)
    again = writer_client.get("/works/").context["listing"]
    assert again.total == 6 and not again.show_blocked


def test_the_listing_says_how_many_works_were_hidden_with_a_link(writer_client, rules, shelf):
    response = writer_client.get("/works/")
    assert "Your blocklist hid 5 works here." in response.text
    assert 'href="/works/?show_blocked=1"' in response.text


def test_a_search_with_words_counts_within_the_rules(writer_client, rules, shelf):
    titles, total, hidden = _walk(writer_client, "/works/search", q="plain")
    assert sorted(titles) == ["Plain One", "Plain Three", "Plain Two"] and total == 3
    assert hidden == 1  # "Plain Slow Burn"


def test_a_series_leaves_out_the_hidden_works_and_says_so(writer_client, rules, shelf):
    writer, works = shelf
    series = works["plain1"].series_parts.get().series
    response = writer_client.get(f"/series/{series.pk}")
    shown = {w.title for w in response.context["found"].works}
    in_series = {"fm", "synonym", "zombie", "crossover", "fm_multi", "plain1", "plain2", "plain3", "long"}
    assert shown == _titles(works, in_series - HIDDEN)
    assert "Your blocklist hid 4 works here." in response.text
    lifted = writer_client.get(f"/series/{series.pk}", {"show_blocked": "1"})
    assert len(lifted.context["found"].works) == len(in_series)


def test_bookmarks_leave_out_the_hidden_works_with_exact_pages(writer_client, rules, shelf, other_user):
    _, works = shelf
    for work in works.values():
        Bookmark.objects.create(user=other_user, work=work)
    url = f"/users/{other_user.username}/bookmarks"
    response = writer_client.get(url)
    assert response.context["page"].paginator.count == 6
    assert response.context["blocked"].hidden == 5
    assert "Your blocklist hid 5 works here." in response.text
    lifted = writer_client.get(url, {"show_blocked": "1"})
    assert lifted.context["page"].paginator.count == len(works)


def test_the_api_lists_what_the_pages_list(writer_client, rules, shelf):
    response = writer_client.get("/api/v1/works/", {"page_size": 50})
    assert response.status_code == 200, response.content
    titles = {w["title"] for w in response.json()["results"]}
    _, works = shelf
    assert titles == _titles(works, set(works) - HIDDEN)


def test_a_guest_and_a_reader_without_rules_see_everything(client, shelf, other_user):
    _, works = shelf
    assert client.get("/works/").context["listing"].total == len(works)
    client.force_login(other_user)
    listing = client.get("/works/").context["listing"]
    assert listing.total == len(works) and listing.hidden is None


@pytest.mark.parametrize(
    ("rule", "hidden_titles"),
    [
        (RuleInput(kind=RuleKind.WORD_COUNT, low=100), {"Long Enough"}),
        (RuleInput(kind=RuleKind.WORD_COUNT, high=99), "all but long"),
        (RuleInput(kind=RuleKind.CHAPTER_COUNT, low=1, high=1), "all"),
        (RuleInput(kind=RuleKind.LANGUAGE, text="en"), "all"),
        (
            RuleInput(kind=RuleKind.TAG, tag="Slowburn"),
            {"Plain Slow Burn", "Burn By Another Name", "Slow Burn But Family"},
        ),
        (RuleInput(kind=RuleKind.WORDS, text="PLAIN"), {"Plain Slow Burn", "Plain One", "Plain Two", "Plain Three"}),
    ],
)
def test_each_kind_of_rule(writer_client, user, shelf, rule, hidden_titles):
    _, works = shelf
    every = {w.title for w in works.values()}
    if hidden_titles == "all":
        hidden_titles = every
    elif hidden_titles == "all but long":
        hidden_titles = every - {"Long Enough"}
    rule_add(user=user, rule=rule)
    titles, total, hidden = _walk(writer_client, "/works/")
    assert set(titles) == every - hidden_titles
    assert total == len(every - hidden_titles) and hidden == len(hidden_titles)


def test_stalled_works_in_progress(writer_client, user, shelf):
    _, works = shelf
    old = datetime.date.today() - datetime.timedelta(days=3 * 366)
    Work.objects.filter(pk=works["plain1"].pk).update(revised_on=old, complete=False)
    Work.objects.filter(pk=works["plain2"].pk).update(revised_on=old, complete=True)
    get_search_backend().index_works([works["plain1"].pk, works["plain2"].pk])
    rule_add(user=user, rule=RuleInput(kind=RuleKind.STALE, low=2))
    titles, total, hidden = _walk(writer_client, "/works/")
    assert "Plain One" not in titles and "Plain Two" in titles
    assert hidden == 1 and total == len(works) - 1
