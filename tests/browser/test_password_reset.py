"""Forgot password in a real browser: the link on the log-in page, the emailed link, a new password, log in."""

from __future__ import annotations

import re

from django.core import mail

from tests.browser.conftest import PHONE, body_text, check_page
from tests.factories import UserFactory

NEW_PASSWORD = "a brand new harbour lantern"


def test_forgot_password_email_link_new_password_then_log_in(new_page, live_server) -> None:
    UserFactory(username="forgetful", email="forgetful@example.org")
    page = new_page(bypass_csp=True)
    check_page(page, "/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill("forgetful@example.org")
    page.get_by_role("button", name="Send me a link").click()
    page.wait_for_load_state()
    assert "If an account uses this address" in body_text(page)

    (message,) = [m for m in mail.outbox if m.to == ["forgetful@example.org"]]
    link = re.search(r"https?://\S+/password/reset/key/\S+", message.body).group(0)
    page.goto(link)
    assert "Choose a new password" in body_text(page)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the new password").click()
    page.wait_for_load_state()
    assert "Your password is changed" in body_text(page)

    page.get_by_role("link", name="Log in", exact=True).last.click()
    page.get_by_label("Username or email").fill("forgetful@example.org")
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert "You are logged in as forgetful." in body_text(page)

    page.goto(link)  # used once: it no longer works
    assert "This link no longer works" in body_text(page)


def test_account_pages_pass_axe_on_a_phone(new_page) -> None:
    page = new_page(PHONE, bypass_csp=True)
    for path in ("/login", "/signup", "/account/password/reset/"):
        check_page(page, path, PHONE)
