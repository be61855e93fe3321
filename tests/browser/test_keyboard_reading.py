"""Reading a work of several chapters with the keyboard only: Tab and Enter move from chapter to chapter and to the
entire work, and the chapter links carry the access keys the page announces. (Chromium does not run access keys
for keys a test sends through the DevTools protocol, so the keys themselves are checked in the page, not pressed.)"""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE, assert_fits, body_text
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)


def _tab_to(page, label: str) -> None:
    """Press Tab from the top of the page until ``label`` has the focus, then Enter."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == label:
            page.keyboard.press("Enter")
            page.wait_for_load_state()
            return
    pytest.fail(f"Tab never reached {label!r}")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_keyboard_only_reading_of_a_work_in_three_chapters(new_page, viewport) -> None:
    work = make_work(
        creator=UserFactory(username="tidewriter"),
        title="Three Tides",
        chapters=["The first tide came in quietly.", "The second tide brought a boat.", "The third tide took it away."],
    )
    page = new_page(viewport, bypass_csp=True)
    page.goto(work.get_absolute_url())
    assert "The first tide came in quietly." in body_text(page)
    assert "Keys: N next, P previous, E entire work, I index" in body_text(page)
    keys = page.eval_on_selector_all(
        "nav.chapter-nav [accesskey]", "links => links.map(a => [a.getAttribute('accesskey'), a.textContent.trim()])"
    )
    assert keys == [["n", "Next Chapter →"], ["e", "Entire Work"], ["i", "Chapter Index"]]
    assert_fits(page)

    _tab_to(page, "Next Chapter →")
    assert "The second tide brought a boat." in body_text(page)
    _tab_to(page, "Next Chapter →")
    assert "The third tide took it away." in body_text(page)
    _tab_to(page, "← Previous Chapter")
    assert "The second tide brought a boat." in body_text(page)
    _tab_to(page, "Entire Work")
    text = body_text(page)
    assert all(t in text for t in ("first tide", "second tide", "third tide"))
