"""The whole life of an account in real Chromium, through real email: every message goes over SMTP to a server
on loopback (aiosmtpd, tests/smtp.py) and the browser follows the links it received. Sign up, confirm the
address from the email, log out, "Forgot your password?", a new password from the emailed link, log in, turn on
two-factor sign-in (codes computed from the key the page shows; the recovery codes read from the page), log out
and in again with a code, take one's data out (the ZIP holds every part), and delete the account, orphaning one
work and deleting another: the orphaned work still reads, credited to orphan_account. Every page on the way
passes axe-core and, on a phone, does not scroll sideways."""

from __future__ import annotations

import json
import os
import re
import time
import zipfile

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from scriptorium.accounts.models import User
from scriptorium.works.models import Work
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, body_text
from tests.factories import make_work
from tests.smtp import html_part, link, text_part

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = "wren@example.org"
FIRST_PASSWORD = "a lantern by the harbour wall"
NEW_PASSWORD = "seven gulls over the breakwater"
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")
EXPORT_PARTS = (
    "README.txt",
    "profile.json",
    "pseuds.json",
    "bookmarks.json",
    "comments.json",
    "kudos.json",
    "history.json",
    "subscriptions.json",
    "saved_searches.json",
    "excluded_tags.json",
)


def _totp(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


class _Walk:
    """The pages one person sees: each is checked (axe, and no sideways scroll) once, by name."""

    def __init__(self, page, viewport: dict[str, int]) -> None:
        self.page, self.viewport, self.seen = page, viewport, []

    def check(self, name: str) -> None:
        self.page.wait_for_load_state()
        if name in self.seen:
            return
        self.seen.append(name)
        assert axe_violations(self.page) == [], (name, self.page.url)
        overflow = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} ({self.page.url}) scrolls sideways at {self.viewport['width']} px"
        if SHOTS:
            self.page.screenshot(path=f"{SHOTS}/life-{len(self.seen):02d}-{name}-{self.viewport['width']}.png")


def _main(page):
    return page.locator("main")


def _log_out(walk: _Walk) -> None:
    walk.page.goto("/logout")
    walk.check("logout")
    _main(walk.page).get_by_role("button", name="Log out").click()
    walk.page.wait_for_load_state()


def _log_in(walk: _Walk, login: str, password: str) -> None:
    walk.page.goto("/login")
    walk.check("login")
    walk.page.get_by_label("Username or email").fill(login)
    walk.page.get_by_label("Password", exact=True).fill(password)
    _main(walk.page).get_by_role("button", name="Log in").click()
    walk.page.wait_for_load_state()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_life_of_an_account_through_real_email(
    new_page, live_server, smtp_server, settings, viewport, tmp_path
) -> None:
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    page = new_page(viewport, bypass_csp=True)
    walk = _Walk(page, viewport)

    # Sign up; the account waits for its address to be confirmed from the email.
    page.goto("/signup")
    walk.check("signup")
    page.get_by_label("Username").fill("wren")
    page.get_by_label("Email").fill(ADDRESS)
    page.get_by_label("Password", exact=True).fill(FIRST_PASSWORD)
    page.get_by_label("Password again").fill(FIRST_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_load_state()
    assert "Check your email" in body_text(page)
    walk.check("verification-sent")
    welcome = smtp_server.wait_for(ADDRESS, "Confirm your email address")
    assert "Welcome to Scriptorium, wren!" in text_part(welcome) and "Confirm this address" in html_part(welcome)
    page.goto(link(welcome, "/account/confirm-email/"))
    walk.check("confirm-email")
    assert ADDRESS in body_text(page)
    page.get_by_role("button", name="Yes, confirm it").click()
    page.wait_for_load_state()
    assert User.objects.get(username="wren").emailaddress_set.get(email=ADDRESS).verified

    # The confirmed account logs in, then out.
    _log_in(walk, "wren", FIRST_PASSWORD)
    assert "You are logged in as wren." in body_text(page)
    _log_out(walk)

    # "Forgot your password?": a link by email, a new password, the link then spent.
    page.goto("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.wait_for_load_state()
    walk.check("password-reset")
    page.get_by_label("Email").fill(ADDRESS)
    page.get_by_role("button", name="Send me a link").click()
    page.wait_for_load_state()
    assert "If an account uses this address" in body_text(page)
    walk.check("password-reset-done")
    reset = smtp_server.wait_for(ADDRESS, "Choose a new password")
    reset_link = link(reset, "/password/reset/key/")
    page.goto(reset_link)
    page.wait_for_load_state()
    assert "Choose a new password" in body_text(page)
    walk.check("password-reset-key")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the new password").click()
    page.wait_for_load_state()
    assert "Your password is changed" in body_text(page)
    walk.check("password-reset-key-done")
    notice = smtp_server.wait_for(ADDRESS, "Your password was reset")
    assert "A new password was chosen for your account" in text_part(notice)
    page.goto(reset_link)
    assert "This link no longer works" in body_text(page)

    _log_in(walk, ADDRESS, FIRST_PASSWORD)
    assert "not right" in body_text(page)
    _log_in(walk, ADDRESS, NEW_PASSWORD)
    assert "You are logged in as wren." in body_text(page)

    # Two-factor sign-in: the password again, the key from the page, a code, the recovery codes shown.
    page.goto("/account/2fa/")
    walk.check("two-factor")
    _main(page).get_by_role("link", name="Turn on").click()
    page.wait_for_load_state()
    walk.check("reauthenticate")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    _main(page).get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()
    walk.check("totp-activate")
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code from your app").fill(_totp(secret))
    _main(page).get_by_role("button", name="Turn on").click()
    page.wait_for_load_state()
    walk.check("recovery-codes")
    assert "Two-factor sign-in is on." in body_text(page)
    recovery_codes = page.locator("#recovery_codes code").all_inner_texts()
    assert len(recovery_codes) == 10
    assert "Two-factor sign-in is now on" in text_part(smtp_server.wait_for(ADDRESS, "Two-factor sign-in is on"))

    # The password alone no longer logs in: the code does.
    _log_out(walk)
    _log_in(walk, "wren", NEW_PASSWORD)
    assert page.url.endswith("/account/2fa/authenticate/")
    walk.check("two-factor-code")
    page.get_by_label(re.compile("Code from your app")).fill(_totp(secret))
    _main(page).get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert "You are logged in as wren." in body_text(page)

    # The account's data, in one ZIP holding every part.
    wren = User.objects.get(username="wren")
    kept = make_work(creator=wren, title="Salt on the Window", chapters=["The tide wrote on the glass."])
    gone = make_work(creator=wren, title="Letters Never Sent", chapters=["Dear nobody, the gulls are back."])
    page.goto("/account/export")
    walk.check("export")
    page.get_by_role("button", name="Prepare my data").click()
    page.wait_for_load_state()
    assert "Ready." in body_text(page)
    walk.check("export-ready")
    ready = smtp_server.wait_for(ADDRESS, "Your data export is ready")
    assert link(ready, "/account/export")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download my data").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    with zipfile.ZipFile(saved) as zipped:
        assert zipped.testzip() is None
        names = set(zipped.namelist())
        assert set(EXPORT_PARTS) <= names
        assert json.loads(zipped.read("profile.json"))["username"] == "wren"
        for work in (kept, gone):
            folder = next(n.rsplit("/", 1)[0] for n in names if n.startswith(f"works/{work.pk}-"))
            assert {f"{folder}/metadata.json"} <= names
            assert any(n.startswith(folder) and n.endswith(".epub") for n in names)
            assert any(n.startswith(folder) and n.endswith(".html") for n in names)
            assert json.loads(zipped.read(f"{folder}/metadata.json"))["title"] == work.title

    # Leaving: one work orphaned, the other deleted, confirmed by password and a recovery code.
    page.goto("/account/preferences")
    page.get_by_role("link", name="Delete your account").click()
    page.wait_for_load_state()
    walk.check("delete")
    page.get_by_role("group", name="Salt on the Window").get_by_label("Orphan it, credited to “orphan_account”").check()
    page.get_by_role("group", name="Letters Never Sent").get_by_label("Delete it").check()
    page.get_by_label("Your password").fill(NEW_PASSWORD)
    page.get_by_label("Code from your app, or a recovery code").fill(recovery_codes[0])
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_load_state()
    assert "Your account is deleted" in body_text(page)
    walk.check("deleted")
    assert not User.objects.filter(username="wren").exists()
    assert not Work.objects.filter(pk=gone.pk).exists()

    guest = new_page(viewport, bypass_csp=True)
    guest.goto(kept.get_absolute_url())
    text = body_text(guest)
    assert "Salt on the Window" in text and "orphan_account" in text and "wren" not in text
    assert guest.goto(f"/works/{gone.pk}").status == 404

    # Every message on the way had a text and an HTML part, and none went anywhere else.
    assert {m["To"] for m in smtp_server.messages} == {ADDRESS}
    for message in smtp_server.messages:
        assert text_part(message).strip() and "<!DOCTYPE html>" in html_part(message)
