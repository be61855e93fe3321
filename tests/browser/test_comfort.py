"""Reading comfort in a real browser: the dark palette (from the system, or chosen), larger text and a wider line,
with axe-core's contrast checks passing in light and dark, at desktop and phone widths."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE, assert_fits, body_text
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)

DARK_PAPER = "rgb(23, 22, 20)"
LIGHT_PAPER = "rgb(253, 251, 247)"


def _paper(page) -> str:
    # After a click that navigates, the new document's DOM is there before its stylesheets: wait for them, or the
    # computed colour is read from the sheets loaded so far (a race CI met on a loaded machine).
    page.wait_for_load_state("load")
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def _archive():
    writer = UserFactory(username="lamplighter")
    work = make_work(
        creator=writer,
        title="Ink After Midnight",
        chapters=["The page was still wet.\n\nShe blew on it gently.", "Morning came grey and slow."],
        summary="Two chapters of a night's writing.",
        additional_tags=("Fluff",),
    )
    return work


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_main_pages_pass_axe_in_the_systems_dark_palette(new_page, viewport) -> None:
    work = _archive()
    page = new_page(viewport, bypass_csp=True)
    page.emulate_media(color_scheme="dark")
    for path in ["/", "/works/", work.get_absolute_url(), f"/works/{work.pk}/chapters/", "/works/search?q=night",
                 "/reading-settings", "/login"]:  # fmt: skip
        page.goto(path)
        if "chapters" in path:
            page.goto(work.get_absolute_url() + "?view_full_work=true")
        assert _paper(page) == DARK_PAPER, path
        assert_fits(page)
    page.emulate_media(color_scheme="light")
    page.goto(work.get_absolute_url())
    assert _paper(page) == LIGHT_PAPER


def test_a_guest_chooses_dark_larger_text_and_a_wide_line_without_javascript(browser, live_server) -> None:
    work = _archive()
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(work.get_absolute_url())
        text_width = page.evaluate("document.querySelector('.userstuff').getBoundingClientRect().width")
        assert _paper(page) == LIGHT_PAPER
        page.get_by_role("link", name="Reading settings").click()
        page.get_by_label("Dark", exact=True).check()
        page.get_by_label("Text size").select_option("130")
        page.get_by_label("Line width of the story text").select_option("wide")
        page.get_by_role("button", name="Save").click()
        # Back on the work, in the chosen style.
        assert page.url.endswith(work.get_absolute_url())
        assert "Your reading settings are saved." in body_text(page)
        assert _paper(page) == DARK_PAPER
        assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "20.8px"
        wider = page.evaluate("document.querySelector('.userstuff').getBoundingClientRect().width")
        assert wider > text_width
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_light_chosen_wins_over_a_dark_system_and_passes_axe(new_page, viewport) -> None:
    work = _archive()
    page = new_page(viewport, bypass_csp=True)
    page.emulate_media(color_scheme="dark")
    page.goto("/reading-settings")
    page.get_by_label("Light", exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.goto(work.get_absolute_url())
    assert _paper(page) == LIGHT_PAPER
    assert_fits(page)
