"""The filter panel in a real browser: include a tag, leave out another, sort, page on, and come back with the
back button to the same filtered first page. The results page passes axe at desktop and phone widths."""

from __future__ import annotations

import re

import pytest

from scriptorium.search.backends import get_search_backend
from tests.browser.conftest import DESKTOP, PHONE, axe_violations
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shelf(settings):
    settings.SCRIPTORIUM_WORKS_PER_PAGE = 2
    writer = UserFactory(username="quill")
    works = [
        make_work(creator=writer, title=f"Tea Tale {letter}", fandoms=("Tea Rooms",), additional_tags=("Fluff",))
        for letter in "ABCDE"
    ]
    works.append(
        make_work(creator=writer, title="Bitter Brew", fandoms=("Tea Rooms",), additional_tags=("Fluff", "Angst"))
    )
    works.append(make_work(creator=writer, title="Plain Water", fandoms=("Tea Rooms",)))
    get_search_backend().index_works([w.pk for w in works])
    return works


def shown_titles(page) -> list[str]:
    return page.locator(".blurb__title a").all_inner_texts()


def test_filter_sort_page_and_go_back(new_page, shelf) -> None:
    page = new_page(DESKTOP)
    page.goto("/works/search")
    assert page.locator(".search-total").inner_text() == "1 – 2 of 7 works"

    page.get_by_label("Include tags").fill("Flu")
    # The tag autocomplete offers the tag; picking it (as a reader would) also closes the suggestion list, which
    # could otherwise open under the pointer just as the button is clicked.
    page.get_by_role("option", name=re.compile("^Fluff")).click()
    assert page.get_by_label("Include tags").input_value().rstrip(", ") == "Fluff"
    page.get_by_role("button", name="Search and filter").click()
    page.wait_for_url(re.compile(r"include=Fluff"))
    assert "of 6 works" in page.locator(".search-total").inner_text()

    page.get_by_role("link", name="Leave out Angst").click()
    page.wait_for_url(re.compile(r"exclude=Angst"))
    assert "of 5 works" in page.locator(".search-total").inner_text()

    page.get_by_label("Sort by").select_option(label="Title")
    page.get_by_role("button", name="Sort", exact=True).click()
    page.wait_for_url(re.compile(r"sort=title"))
    assert shown_titles(page) == ["Tea Tale A", "Tea Tale B"]

    page.get_by_role("link", name="Next →").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert shown_titles(page) == ["Tea Tale C", "Tea Tale D"]
    assert page.locator(".search-total").inner_text() == "3 – 4 of 5 works"

    page.go_back()
    page.wait_for_url(lambda url: "sort=title" in url and "page=" not in url)
    assert shown_titles(page) == ["Tea Tale A", "Tea Tale B"]
    assert page.locator(".search-total").inner_text() == "1 – 2 of 5 works"
    assert page.get_by_label("Include tags").input_value() == "Fluff"
    chips = page.locator(".chip").all_inner_texts()
    assert any("Fluff" in c for c in chips) and any("Angst" in c for c in chips)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_results_page_passes_axe(new_page, shelf, viewport) -> None:
    page = new_page(viewport, bypass_csp=True)
    page.goto("/works/search?include=Fluff&sort=title")
    assert shown_titles(page) == ["Bitter Brew", "Tea Tale A"]
    assert axe_violations(page) == []
    panel = page.locator("details[data-collapse-narrow]")
    # On a phone the panel folds away so the results come first; on a desktop it stays open.
    assert panel.evaluate("el => el.open") is (viewport is DESKTOP)
