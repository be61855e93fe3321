"""Finding one's way (issue 18): the account menu in the header reaches everything a signed-in reader owns in two
clicks, with the keyboard alone, at desktop and phone widths, without JavaScript; the header stays one short row
on a phone; the pages under it pass axe with the menu open and closed and never scroll sideways.

Screenshots (signed in and as a guest, menu open and closed) go to SCRIPTORIUM_SCREENSHOTS when it is set."""

from __future__ import annotations

import os

import pytest
from django.core.cache import cache

from tests.browser.conftest import DESKTOP, PHONE, assert_fits, body_text, log_in
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")
#: The header on a phone, closed: one row (it took 150 px with every link spelled out).
PHONE_HEADER_MAX = 64


@pytest.fixture(autouse=True)
def _quiet(settings) -> None:
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": "scriptorium.interactions.spam.SpamCheck"}
    cache.clear()


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/menu-{name}-{page.viewport_size['width']}.png")


def _archive():
    writer = UserFactory(username="lamplighter")
    make_work(creator=writer, title="Ink After Midnight", chapters=["The page was still wet.", "Morning came."])
    return writer


def _header_height(page) -> float:
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


def _tab_to(page, label: str, limit: int = 80) -> None:
    """Press Tab until ``label`` has the focus (and fail if it never does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim().replace(/\\s+/g, ' ')") == label:
            return
    pytest.fail(f"Tab never reached {label!r}")


def _open_menu_with_the_keyboard(page) -> None:
    page.evaluate("document.activeElement && document.activeElement.blur()")
    _tab_to(page, "Your account: lamplighter")
    page.keyboard.press("Enter")
    assert page.locator("details.account-menu").get_attribute("open") is not None


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_three_owned_pages_are_reached_from_the_menu_with_the_keyboard(new_page, viewport) -> None:
    _archive()
    page = new_page(viewport, bypass_csp=True)
    log_in(page, "lamplighter")
    page.goto("/works/")
    if viewport == PHONE:
        assert _header_height(page) <= PHONE_HEADER_MAX
    menu = page.locator(".account-menu__panel")
    assert not menu.is_visible()

    for label, path, heading in (
        ("Marked for Later", "/account/marked-for-later", "Marked for Later"),
        ("Subscriptions", "/account/subscriptions", "Subscriptions"),
        ("Reading settings", "/reading-settings", "Reading settings"),
    ):
        _open_menu_with_the_keyboard(page)
        assert menu.is_visible()
        _tab_to(page, label)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(path), label
        assert heading in page.locator("h1").first.inner_text()
        assert not menu.is_visible()  # a new page starts with the menu closed


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_menu_reaches_everything_one_owns_and_logs_out(new_page, viewport) -> None:
    """Every owned page answers from the menu's links (each opened), and its button logs out."""
    _archive()
    page = new_page(viewport)
    log_in(page, "lamplighter")
    page.goto("/")
    page.locator("summary.account-menu__toggle").click()
    links = page.locator(".account-menu__panel a")
    names = [name.strip() for name in links.all_inner_texts()]
    for owned in ("Your works", "Post a new work", "Drafts", "Import works", "Imports", "Statistics", "Inbox",
                  "Work skins", "History", "Marked for Later", "Bookmarks", "Subscriptions", "Saved searches",
                  "Preferences", "Reading settings", "Pseuds", "Blocked", "Muted", "Blocklist",
                  "Account and security"):  # fmt: skip
        assert owned in names, owned
    for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert page.request.get(href).status == 200, href
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    assert page.locator("summary.account-menu__toggle").count() == 0
    assert "Log in" in page.locator("header").inner_text()


def test_the_menu_opens_without_javascript_on_a_phone(browser, live_server) -> None:
    _archive()
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "lamplighter")
        page.goto("/works/")
        page.locator("summary.account-menu__toggle").click()
        page.get_by_role("link", name="History").click()
        page.wait_for_load_state()
        assert page.url.endswith("/account/history")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_pages_under_the_header_pass_axe_and_fit_signed_in_and_as_a_guest(new_page, viewport) -> None:
    writer = _archive()
    work = writer.pseuds.first().creatorships.first().work
    paths = ["/", "/works/", work.get_absolute_url(), "/works/search?q=page", f"/users/{writer.username}/"]

    guest = new_page(viewport, bypass_csp=True)
    for path in paths:
        guest.goto(path)
        assert_fits(guest)
        if viewport == PHONE:
            assert _header_height(guest) <= PHONE_HEADER_MAX, path
    guest.goto("/works/")
    _shot(guest, "guest-works")

    member = new_page(viewport, bypass_csp=True)
    log_in(member, "lamplighter")
    for path in [*paths, "/account/history", "/account/notifications", "/account/preferences"]:
        member.goto(path)
        assert_fits(member)
        if viewport == PHONE:
            assert _header_height(member) <= PHONE_HEADER_MAX, path
        member.locator("summary.account-menu__toggle").click()
        assert member.locator(".account-menu__panel").is_visible()
        assert_fits(member)  # open, too: nothing sticks out sideways
        box = member.locator(".account-menu__panel").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], path
    member.goto("/works/")
    _shot(member, "member-works")
    member.locator("summary.account-menu__toggle").click()
    _shot(member, "member-open")
    # The sort menu of the listing is on the first screen, whole, its choice not cut off (it was on a phone).
    member.locator("summary.account-menu__toggle").click()
    sort = member.locator("#sort-by")
    box = sort.bounding_box()
    assert box["y"] + box["height"] <= viewport["height"] and box["x"] + box["width"] <= viewport["width"]
    text_width = sort.evaluate(
        """select => { const context = document.createElement('canvas').getContext('2d');
                       context.font = getComputedStyle(select).font;
                       return context.measureText(select.selectedOptions[0].text).width; }"""
    )
    assert text_width < box["width"] - 30  # room for the padding and the arrow


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_open_menu_passes_axe_in_the_dark_palette(new_page, viewport) -> None:
    _archive()
    page = new_page(viewport, bypass_csp=True)
    page.emulate_media(color_scheme="dark")
    log_in(page, "lamplighter")
    page.goto("/")
    page.locator("summary.account-menu__toggle").click()
    assert_fits(page)
    _shot(page, "member-dark-open")


def test_the_phone_menu_carries_the_unread_count(new_page) -> None:
    from scriptorium.interactions.inputs import CommentInput
    from scriptorium.interactions.services import comment_create

    writer = _archive()
    reader = UserFactory(username="nightreader")
    work = writer.pseuds.first().creatorships.first().work
    comment_create(actor=reader, chapter=work.chapters.first(), data=CommentInput("Still wet!"))
    page = new_page(PHONE)
    log_in(page, "lamplighter")
    page.goto("/")
    toggle = page.locator("summary.account-menu__toggle")
    # An icon and the count for the eye; the name and "unread" for screen readers.
    assert page.locator(".account-menu__count").is_visible()
    assert page.locator(".account-menu__name").bounding_box()["width"] <= 1
    assert " ".join(toggle.text_content().split()) == "Your account: lamplighter 1 unread"
    toggle.click()
    page.get_by_role("link", name="Inbox (1 unread)").click()
    page.wait_for_load_state()
    assert "nightreader commented" in body_text(page)


@pytest.mark.parametrize("width", [641, 720, 860, 1024])
def test_the_open_menu_stays_on_the_screen_at_widths_between(new_page, width) -> None:
    """Between a phone and a desktop the header may wrap; the open menu still fits the window."""
    _archive()
    page = new_page({"width": width, "height": 800})
    log_in(page, "lamplighter")
    page.goto("/works/")
    page.locator("summary.account-menu__toggle").click()
    box = page.locator(".account-menu__panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    _shot(page, "member-open")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_the_header_links_passes_axe_and_fits(new_page, viewport) -> None:
    """Each page the header and its menu lead to, for a guest and for a signed-in reader: axe finds nothing serious
    and nothing scrolls sideways (at 390 px on a phone)."""
    _archive()
    guest = new_page(viewport, bypass_csp=True)
    guest.goto("/")
    hrefs = guest.locator("header a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for href in [*dict.fromkeys(hrefs), "/signup"]:
        guest.goto(href)
        assert_fits(guest)

    member = new_page(viewport, bypass_csp=True)
    log_in(member, "lamplighter")
    member.goto("/")
    hrefs = member.locator("header a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) > 20
    for href in dict.fromkeys(hrefs):
        member.goto(href)
        assert_fits(member)
