"""Browser test for works archived on their authors' behalf (issue 15): a reader sees "by NAME [archived by
ARCHIVIST]" on the work page, follows NAME to the author's page of works; an archivist's upload page offers the
two ways of crediting. Each page passes axe and fits a phone."""

from __future__ import annotations

import os

import pytest

from scriptorium.accounts.archivists import archivists_group
from tests.browser.conftest import DESKTOP, PHONE, assert_fits, body_text, log_in
from tests.factories import UserFactory
from tests.works.archived import archive_work

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")


def shot(page, name: str, viewport: dict[str, int]) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-{viewport['width']}.png", full_page=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_reader_follows_an_archived_works_author(new_page, viewport) -> None:
    archivist = UserFactory(username="openshelf")
    work = archive_work(
        archivist,
        "Marigold Vance",
        title="The Lantern Field",
        summary="<p>Lanterns along a hedge, and who hung them.</p>",
        chapters=["The lanterns came out at dusk, one by one, along the hedge.\n\nNobody remembered who."],
    )
    archive_work(archivist, "Marigold Vance", title="Hedge Letters", series_title="Field Notes")
    page = new_page(viewport, bypass_csp=True)

    page.goto(f"/works/{work.pk}")
    byline = page.locator("h3.byline")
    assert " ".join(byline.inner_text().split()) == "by Marigold Vance [archived by openshelf]"
    assert_fits(page)
    shot(page, "external-work", viewport)

    byline.get_by_role("link", name="Marigold Vance").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Marigold Vance"
    text = body_text(page)
    assert "The Lantern Field" in text and "Hedge Letters" in text
    assert_fits(page)
    shot(page, "external-author", viewport)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_archivist_chooses_whose_work_an_upload_is(new_page, viewport) -> None:
    archivist = UserFactory(username="openshelf")
    archivist.groups.add(archivists_group())
    page = new_page(viewport, bypass_csp=True)
    log_in(page, "openshelf")
    page.goto("/works/import")

    own = page.get_by_label("This is my own work (credited to my pseud)")
    assert own.is_checked()
    page.get_by_label("Archive on behalf of the file's author (credited to them, archived by me)").check()
    assert_fits(page)
    shot(page, "upload-archivist", viewport)
