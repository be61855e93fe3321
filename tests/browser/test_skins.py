"""Work skins in Chromium, with the archive's CSP on: a creator makes a skin (and is told what was left out),
chooses it for a work; a reader sees the work's text in its colours while the site header keeps the archive's,
nothing floats over the page, and "Hide creator's style" (once, or always) takes it away. axe passes on the skin
pages and the skinned work at desktop and phone widths."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, PHONE, assert_fits, body_text, log_in
from tests.factories import UserFactory, make_skin, make_work

pytestmark = pytest.mark.django_db(transaction=True)

#: Where the screenshots go (looked at by whoever changes these pages).
SHOTS = Path(tempfile.gettempdir()) / "skins"
GREEN = "rgb(10, 90, 40)"
RED = "rgb(200, 0, 0)"
SKIN = f"""#workskin {{ margin-top: -900px; }}
p {{ color: {GREEN}; }}
.monospace {{ background-color: rgb(235, 245, 238); padding: 0.5em; }}
body, html, header, .site-header, .site-name, #main, :root, * {{ border-color: {RED}; }}
.site-name, header a {{ color: {RED} !important; }}
blockquote {{ position: fixed; inset: 0; z-index: 99999; background: url(https://tracker.example/p.png); }}
@import url(https://evil.example/x.css);
"""
TEXT = (
    "<p>The lighthouse keeper wrote every evening.</p>"
    '<p class="monospace">LOG 14 MARCH: LAMP TRIMMED</p>'
    "<blockquote><p>Tell no one about the second light.</p></blockquote>"
)


def _colour(page, selector: str) -> str:
    page.wait_for_load_state("load")
    return page.evaluate(f"getComputedStyle(document.querySelector({selector!r})).color")


def _position(page, selector: str) -> str:
    return page.evaluate(f"getComputedStyle(document.querySelector({selector!r})).position")


def test_a_skin_colours_the_work_not_the_site_and_readers_can_hide_it(new_page) -> None:
    writer = UserFactory(username="keeper")
    work = make_work(creator=writer, title="The Second Light", chapters=[TEXT])
    SHOTS.mkdir(exist_ok=True)
    page = new_page(DESKTOP)
    log_in(page, "keeper")

    page.goto("/skins/new")
    page.get_by_label("Title").fill("Keeper's log")
    page.get_by_label("CSS").fill(SKIN)
    page.get_by_role("button", name="Make the skin").click()
    shown = body_text(page)
    assert "6 parts of its CSS were left out" in shown
    for reason in ("only static or relative", "moves text out of its place", "at most 10", "loads something",
                   "@import: loads another stylesheet", "a negative margin on #workskin itself"):  # fmt: skip
        assert reason in shown, reason
    page.screenshot(path=f"{SHOTS}/skin-form-desktop.png", full_page=True)

    page.goto(f"/works/{work.pk}/edit")
    page.get_by_label("Work skin").select_option(label="Keeper's log")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_load_state("load")

    reader = new_page(DESKTOP)  # a guest, the archive's CSP in force
    reader.goto(work.get_absolute_url())
    assert _colour(reader, "#workskin .userstuff p") == GREEN
    assert _colour(reader, ".site-name") != RED
    assert reader.evaluate("getComputedStyle(document.querySelector('.site-header')).borderTopColor") != RED
    assert _position(reader, "#workskin blockquote") == "static"
    # Nothing of the work lies over the site's header: the element at its middle is the header's own.
    assert reader.evaluate(
        "(() => { const r = document.querySelector('.site-header').getBoundingClientRect();"
        " const middle = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
        " return middle.closest('.site-header') !== null; })()"
    )
    reader.screenshot(path=f"{SHOTS}/work-skinned-desktop.png", full_page=True)

    reader.get_by_role("link", name="Hide creator’s style").click()
    assert _colour(reader, "#workskin .userstuff p") != GREEN
    assert "style=disable" in reader.url
    reader.get_by_role("link", name="Show creator’s style").click()
    assert _colour(reader, "#workskin .userstuff p") == GREEN

    reader.goto("/skins")
    reader.get_by_role("button", name="Always hide creators’ styles").click()
    reader.goto(work.get_absolute_url())
    assert _colour(reader, "#workskin .userstuff p") != GREEN
    assert "Show creator’s style" in body_text(reader)
    reader.screenshot(path=f"{SHOTS}/work-hidden-desktop.png", full_page=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_skin_pages_and_a_skinned_work_pass_axe_and_fit(new_page, viewport) -> None:
    writer = UserFactory(username="keeper")
    skin = make_skin(owner=writer, title="Keeper's log", css=SKIN, public=True)
    make_skin(title="Chat bubbles", css=".monospace { border-radius: 1em; }", public=True)
    work = make_work(creator=writer, title="The Second Light", chapters=[TEXT], skin_id=skin.pk)
    name = "desktop" if viewport == DESKTOP else "phone"
    SHOTS.mkdir(exist_ok=True)
    page = new_page(viewport, bypass_csp=True)
    page.goto(work.get_absolute_url())
    assert _colour(page, "#workskin .userstuff p") == GREEN
    assert_fits(page)
    page.screenshot(path=f"{SHOTS}/work-skinned-{name}.png", full_page=True)
    page.goto("/skins")
    assert_fits(page)
    log_in(page, "keeper")
    for path, shot in [("/skins", "skins-list"), (f"/skins/{skin.pk}/edit", "skin-edit"), ("/skins/new", "skin-new")]:
        page.goto(path)
        assert_fits(page)
        page.screenshot(path=f"{SHOTS}/{shot}-{name}.png", full_page=True)
