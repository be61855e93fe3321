"""From an eFiction archive to a claimed work, in real Chromium with real email (issue 15, "Done when"): an operator
(an archivist account) imports a small eFiction database of our own from MariaDB with ``import-efiction``, opens
their page of archived creators and sends the claim invitations; the message arrives on the loopback SMTP server;
the author opens its link as a guest, signs up, comes back to the claim page and accepts; the work pages (and the
series the import made of them) then credit the author's pseud without "archived by", while the other author's
work still reads "archived by". The claim page passes axe-core at phone width; pages are screenshot at 1280 and
390 px when SCRIPTORIUM_SCREENSHOTS names a folder."""

from __future__ import annotations

import datetime
import io
import os

import pytest
from django.core.management import call_command

from scriptorium.accounts.archivists import archivists_group
from scriptorium.works.models import ExternalCreator, Series, Work
from tests.browser.conftest import DESKTOP, PHONE, assert_fits, body_text, log_in
from tests.efiction.builder import EfictionDatabase
from tests.factories import UserFactory
from tests.smtp import link, text_part

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a lantern hung at the quay"
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")
D = datetime.datetime

AUTHORS = [
    {"uid": 1, "penname": "Brackenfold", "realname": "", "email": "bracken@example.org"},
    {"uid": 2, "penname": "Wren Ashby", "realname": "", "email": "wren@example.net"},
]
STORIES = [
    (1, "The Tollkeeper's Bell", 1),
    (2, "Moss on the Milestone", 1),
    (3, "A Kettle for the Ferry", 2),
]
CHAPTERS = [
    (1, 1, 1, 1, "Dusk", "The bell rang once for every cart that crossed.\n\nNobody paid after dark."),
    (2, 1, 1, 2, "Dawn", "At first light the keeper counted the coins twice."),
    (3, 2, 1, 1, "Milestone", "Seven miles to the market, the stone said, and moss said otherwise."),
    (4, 3, 2, 1, "Steam", "The kettle sang halfway across the river and stopped at the landing."),
]


def _efiction_archive() -> EfictionDatabase:
    db = EfictionDatabase()
    db.insert("authors", AUTHORS)
    db.insert("ratings", [{"rid": 1, "rating": "All Ages"}])
    db.insert("categories", [{"catid": 1, "parentcatid": -1, "category": "Roadside Tales"}])
    db.insert(
        "stories",
        [
            {
                "sid": sid,
                "title": title,
                "summary": f"A short piece called {title}.",
                "storynotes": "",
                "catid": "1",
                "classes": "",
                "charid": "",
                "rid": "1",
                "date": D(2009, 6, sid),
                "updated": D(2010, 2, sid),
                "uid": uid,
                "coauthors": None,
                "validated": "1",
                "completed": "1",
                "wordcount": 20,
                "challenges": "0",
            }
            for sid, title, uid in STORIES
        ],
    )
    db.insert(
        "chapters",
        [
            {"chapid": c, "sid": s, "uid": u, "inorder": o, "title": t, "notes": "", "storytext": x, "validated": "1"}
            for c, s, u, o, t, x in CHAPTERS
        ],
    )
    db.insert(
        "reviews",
        [
            {
                "reviewid": 1,
                "item": 1,
                "chapid": 1,
                "reviewer": "Passing Carter",
                "uid": 0,
                "type": "ST",
                "respond": "0",
                "review": "I heard that bell for days.",
                "date": D(2009, 7, 1, 12, 0),
            }
        ],
    )
    db.insert("series", [{"seriesid": 1, "title": "Roadside Pair", "summary": "Two by the road.", "uid": 1}])
    db.insert("inseries", [{"seriesid": 1, "sid": 1, "inorder": 1}, {"seriesid": 1, "sid": 2, "inorder": 2}])
    return db


@pytest.fixture
def efiction_archive():
    db = _efiction_archive()
    yield db
    db.drop()


def _shot(page, name: str, viewport: dict[str, int]) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/efiction-claim-{name}-{viewport['width']}.png", full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_imported_efiction_author_claims_their_works_by_email(
    new_page, live_server, smtp_server, settings, efiction_archive, viewport
) -> None:
    settings.SCRIPTORIUM_BASE_URL = live_server.url
    operator = UserFactory(username="harbourmaster")
    operator.groups.add(archivists_group())

    # The operator imports the eFiction archive on the authors' behalf.
    out = io.StringIO()
    call_command(
        "import-efiction", efiction_archive.url, "--archivist", "harbourmaster", stdout=out, stderr=io.StringIO()
    )
    assert "stories: 3 read, 3 imported" in out.getvalue()
    bell = Work.objects.get(title="The Tollkeeper's Bell")
    assert bell.chapters.count() == 2 and bell.comments_count == 1
    mine = [bell, Work.objects.get(title="Moss on the Milestone")]
    other = Work.objects.get(title="A Kettle for the Ferry")
    assert set(ExternalCreator.objects.filter(archivist=operator).values_list("name", flat=True)) == {
        "Brackenfold",
        "Wren Ashby",
    }

    # Before any claim, a reader sees whose works they are and who archived them.
    guest = new_page(viewport)
    guest.goto(bell.get_absolute_url())
    byline = guest.locator("h3.byline").inner_text()
    assert "Brackenfold" in byline and "archived by" in byline and "harbourmaster" in byline

    # The operator sends Brackenfold's invitation from their page of archived creators.
    keeper = new_page(viewport, bypass_csp=True)
    log_in(keeper, "harbourmaster")
    keeper.goto("/account/archived-creators")
    _shot(keeper, "archived-creators", viewport)
    keeper.get_by_label("Brackenfold").check()
    keeper.get_by_role("button", name="Send claim invitations to the selected creators").click()
    keeper.wait_for_load_state()
    assert "1 claim invitation sent." in body_text(keeper)

    # The email arrives over loopback SMTP, listing the works, with the link.
    message = smtp_server.wait_for("bracken@example.org", "Works archived under your name")
    assert "The Tollkeeper's Bell" in text_part(message) and "Moss on the Milestone" in text_part(message)
    assert "A Kettle for the Ferry" not in text_part(message)
    assert smtp_server.to("wren@example.net") == []
    claim_url = link(message, "/claims/")

    # The author opens it as a guest, and signs up from it.
    author = new_page(viewport, bypass_csp=True)
    author.goto(claim_url)
    assert author.get_by_role("heading", level=1).inner_text() == "Works archived under the name “Brackenfold”"
    assert author.get_by_role("link", name="The Tollkeeper's Bell").is_visible()
    if viewport == PHONE:
        assert_fits(author)
    _shot(author, "guest", viewport)
    author.get_by_role("link", name="Sign up to claim them").click()
    author.wait_for_load_state()
    author.get_by_label("Username").fill("bracken")
    author.get_by_label("Email").fill("bracken@example.org")
    author.get_by_label("Password", exact=True).fill(PASSWORD)
    author.get_by_label("Password again").fill(PASSWORD)
    author.get_by_role("button", name="Create account").click()
    author.wait_for_load_state()

    # Back on the claim page, signed in: accept onto the default pseud.
    assert "/claims/" in author.url
    if viewport == PHONE:
        assert_fits(author)
    _shot(author, "signed-in", viewport)
    author.get_by_role("button", name="These are mine: add them to my account").click()
    author.wait_for_load_state()
    assert "2 works are now credited to bracken." in body_text(author)

    # The works now show under the author's pseud; the other author's work is still archived.
    for work in mine:
        author.goto(work.get_absolute_url())
        byline = author.locator("h3.byline").inner_text()
        assert "bracken" in byline
        assert "archived by" not in byline and "Brackenfold" not in byline and "harbourmaster" not in byline
    author.goto(bell.get_absolute_url())
    assert "I heard that bell for days." in body_text(author)  # the review came across and stays
    guest.goto(other.get_absolute_url())
    byline = guest.locator("h3.byline").inner_text()
    assert "Wren Ashby" in byline and "archived by" in byline and "harbourmaster" in byline
    _shot(guest, "other-author", viewport)
    # The series the import made of the author's two stories went with them.
    guest.goto(Series.objects.get(title="Roadside Pair").get_absolute_url())
    series_page = body_text(guest)
    assert "bracken" in series_page and "harbourmaster" not in series_page

    # The operator was told.
    smtp_server.wait_for(operator.email, "claimed their works")
