"""The API shows each reader exactly what the pages show them: the same works listed (mutes and excluded tags
applied), the same works, chapters and tags opened or answered 404."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

from scriptorium.works.selectors import first_chapter

pytestmark = pytest.mark.django_db

ROLES = ("guest", "reader", "writer", "moderator")


def clients(shelf, role: str) -> tuple[Client, APIClient]:
    page, api = Client(), APIClient()
    if role != "guest":
        page.force_login(shelf[role])
        api.force_login(shelf[role])
    return page, api


def page_listing_ids(page: Client) -> list[int]:
    body = page.get("/works/search").content.decode()
    return [int(i) for i in re.findall(r'<h\d class="blurb__title"><a href="/works/(\d+)"', body)]


@pytest.mark.parametrize("role", ROLES)
def test_the_works_list_is_the_listing_page(shelf, role) -> None:
    page, api = clients(shelf, role)
    response = api.get("/api/v1/works/")
    assert response.status_code == 200
    api_ids = [w["id"] for w in response.json()["results"]]
    assert api_ids == page_listing_ids(page)
    titles = {w["title"] for w in response.json()["results"]}
    assert "Unfinished Map" not in titles and "Taken Down" not in titles  # drafts and hidden works: never listed
    assert ("Members Lantern" in titles) == (role != "guest")
    assert ("Muted Voice" in titles) == (role != "reader")
    assert ("Spider Cellar" in titles) == (role != "reader")


def shows(response, work) -> bool:
    """Whether the page shows the work."""
    return response.status_code == 200 and work.title in response.content.decode()


def expected_status(response, work) -> int:
    """What the API answers where the page answered ``response``: 200 where it shows the work, 401 where it
    asks a guest to log in (a restricted work: no title), else 404 (a draft, hidden, missing)."""
    if shows(response, work):
        return 200
    body = response.content.decode()
    return 401 if response.status_code == 200 and "only available to registered users" in body else 404


@pytest.mark.parametrize("role", ROLES)
def test_works_and_chapters_open_exactly_where_the_pages_do(shelf, role) -> None:
    page, api = clients(shelf, role)
    for name, work in shelf["works"].items():
        chapter = first_chapter(work)
        expected = expected_status(page.get(f"/works/{work.pk}"), work)
        assert api.get(f"/api/v1/works/{work.pk}/").status_code == expected, (role, name)
        assert api.get(f"/api/v1/works/{work.pk}/chapters/").status_code == expected, (role, name)
        expected = expected_status(page.get(f"/works/{work.pk}/chapters/{chapter.pk}"), work)
        assert api.get(f"/api/v1/works/{work.pk}/chapters/{chapter.pk}/").status_code == expected, (role, name)


def test_a_guest_asking_for_a_restricted_work_is_asked_to_authenticate(shelf, api) -> None:
    work = shelf["works"]["restricted"]
    response = api.get(f"/api/v1/works/{work.pk}/")
    assert response.status_code == 401
    assert "registered users" in response.json()["detail"] and work.title not in response.content.decode()
    assert response["WWW-Authenticate"].startswith("Bearer")
    for state in ("draft", "hidden"):  # drafts and hidden works stay unknown
        assert api.get(f"/api/v1/works/{shelf['works'][state].pk}/").status_code == 404


def test_who_opens_what(shelf) -> None:
    works = shelf["works"]

    def opens(role: str) -> set[str]:
        _, api = clients(shelf, role)
        return {name for name, w in works.items() if api.get(f"/api/v1/works/{w.pk}/").status_code == 200}

    assert opens("guest") == {"public", "muted", "excluded"}
    assert opens("reader") == {"public", "restricted", "muted", "excluded"}  # a mute hides from lists only
    assert opens("writer") == {"public", "restricted", "draft", "hidden", "muted", "excluded"}
    assert opens("moderator") == {"public", "restricted", "hidden", "muted", "excluded"}


@pytest.mark.parametrize("role", ROLES)
def test_a_tag_only_a_hidden_work_carries_is_unknown_as_on_its_page(shelf, role) -> None:
    page, api = clients(shelf, role)
    for name in ("Quiet Fandom", "Sea Stories"):
        expected = page.get(f"/tags/{name}").status_code
        assert api.get(f"/api/v1/tags/{name}/").status_code == expected, (role, name)
    expected_hidden = 200 if role in ("writer", "moderator") else 404
    assert api.get("/api/v1/tags/Quiet Fandom/").status_code == expected_hidden


def test_a_work_reads_with_its_creators_tags_and_text(shelf, api) -> None:
    work = shelf["works"]["public"]
    data = api.get(f"/api/v1/works/{work.pk}/").json()
    assert data["title"] == "Open Harbour"
    assert data["creators"] == [{"pseud": "writer_wren", "username": "writer_wren"}]
    assert data["tags"]["fandoms"] == ["Sea Stories"]
    assert data["rating"] == "General Audiences"
    assert data["url"].endswith(f"/works/{work.pk}")
    chapters = api.get(f"/api/v1/works/{work.pk}/chapters/").json()
    assert [c["position"] for c in chapters] == [1]
    chapter = api.get(f"/api/v1/works/{work.pk}/chapters/{chapters[0]['id']}/").json()
    assert "<p>The kettle sang twice before anyone moved.</p>" in chapter["text"]


def test_a_tag_shows_its_wrangling(shelf, api) -> None:
    data = api.get("/api/v1/tags/Sea Stories/").json()
    assert data["name"] == "Sea Stories" and data["type"] == "fandom"
    assert data["work_count"] == 1
    assert data["merger"] is None


def test_filters_narrow_the_list_like_the_page(shelf, api) -> None:
    api.force_login(shelf["writer"])
    found = api.get("/api/v1/works/", {"include": "Sea Stories"}).json()["results"]
    assert [w["title"] for w in found] == ["Open Harbour"]
    found = api.get("/api/v1/works/", {"exclude": "Spiders", "sort": "title", "order": "asc"}).json()["results"]
    assert [w["title"] for w in found] == ["Members Lantern", "Muted Voice", "Open Harbour"]


def test_an_unknown_tag_filter_is_a_400_naming_the_field(shelf, api) -> None:
    response = api.get("/api/v1/works/", {"include": "No Such Tag Anywhere"})
    assert response.status_code == 400
    assert "include" in response.json()


def test_an_adult_works_text_waits_for_view_adult_as_on_its_page(shelf, api) -> None:
    from scriptorium.tags.vocabulary import EXPLICIT
    from tests.factories import make_work

    work = make_work(creator=shelf["writer"], title="After Dark", rating=EXPLICIT, chapters=["Grown-up words."])
    chapter = first_chapter(work)
    url = f"/api/v1/works/{work.pk}/chapters/{chapter.pk}/"
    response = api.get(url)
    assert response.status_code == 403 and "view_adult=true" in response.json()["detail"]
    assert "Grown-up words" in api.get(url, {"view_adult": "true"}).json()["text"]
    api.force_login(shelf["writer"])  # its creator reads it without asking
    assert "Grown-up words" in api.get(url).json()["text"]
