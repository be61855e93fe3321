"""Real headless Chromium (Debian's package) driven by Playwright, against pytest-django's live server."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import PASSWORD

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("SCRIPTORIUM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts (separate cookies: one per person in the story)."""
    contexts = []

    def make(viewport: dict[str, int] | None = None, *, bypass_csp: bool = False):
        context = browser.new_context(viewport=viewport or DESKTOP, base_url=live_server.url, bypass_csp=bypass_csp)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def axe_violations(page) -> list[dict]:
    """Serious and critical accessibility violations axe-core finds on the page (needs bypass_csp)."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `npm ci` (make test does)")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def assert_fits(page) -> None:
    """The page passes axe (serious and critical) and nothing sticks out sideways at its width."""
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def log_in(page, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form, as a reader would (the factories' users share one password)."""
    page.goto("/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name=re.compile("log in", re.I)).click()
    page.wait_for_load_state()


def body_text(page) -> str:
    """The page's text as the reader sees it."""
    return page.locator("body").inner_text()


def check_page(page, path: str, viewport: dict[str, int] | None = None) -> None:
    """Open ``path``: axe-core finds no serious violation, and on a phone nothing scrolls sideways."""
    page.goto(path)
    assert axe_violations(page) == [], path
    if viewport == PHONE:
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways on a phone"
