"""Queue mode in a real browser: ask for an invitation, see one's place, the daily release emails a link, the link
fills in the code and the account is created; the pages pass axe and fit a phone."""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from scriptorium.accounts.models import User
from scriptorium.invitations.models import Invitation
from scriptorium.invitations.tasks import queue_release_task
from tests.browser.conftest import DESKTOP, PHONE, body_text, check_page, log_in
from tests.factories import UserFactory

#: A folder to keep screenshots in, for a person to look at (unset: none taken).
SHOTS = os.environ.get("SCRIPTORIUM_SCREENSHOTS", "")


@pytest.fixture(autouse=True)
def _queue(settings):
    settings.SCRIPTORIUM_SIGNUP_MODE = "queue"
    settings.SCRIPTORIUM_INVITE_QUEUE_PER_DAY = 5


def _shoot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_ask_wait_receive_and_sign_up(new_page) -> None:
    page = new_page(bypass_csp=True)
    check_page(page, "/signup")
    assert "New accounts need an invitation code" in body_text(page)
    page.get_by_role("link", name="Ask for an invitation").click()
    _shoot(page, "request-desktop")
    page.get_by_label("Email").fill("Hopeful@Example.org")
    page.get_by_role("button", name="Join the queue").click()
    page.wait_for_load_state()
    assert "hopeful@example.org is number 1 in the queue." in body_text(page)
    assert axe_clean(page)
    page.get_by_role("link", name="check your place").click()
    assert "hopeful@example.org is number 1 in the queue." in body_text(page)

    mail.outbox.clear()
    assert queue_release_task.call() == 1  # the day's release, as the worker runs it
    (message,) = mail.outbox
    assert message.to == ["hopeful@example.org"]
    assert "Create your account" in message.alternatives[0].content
    link = re.search(r"https?://\S+/signup\?invitation=\S+", message.body).group(0)
    parts = urlsplit(link)

    page.goto(f"{parts.path}?{parts.query}")
    code = Invitation.objects.get(sent_to="hopeful@example.org").code
    assert page.get_by_label("Invitation code").input_value() == code
    _shoot(page, "signup-with-code-desktop")
    page.get_by_label("Username").fill("hopeful")
    page.get_by_label("Email").fill("hopeful@example.org")
    page.get_by_label("Password", exact=True).fill("a long enough passphrase")
    page.get_by_label("Password again").fill("a long enough passphrase")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_load_state()
    assert "Welcome, hopeful!" in body_text(page)
    user = User.objects.get(username="hopeful")
    assert Invitation.objects.get(code=code).redeemed_by == user

    # The code is used up: its page says so.
    page.goto(f"/invitations/{code}")
    assert "already been used" in body_text(page)


def axe_clean(page) -> bool:
    from tests.browser.conftest import axe_violations

    violations = axe_violations(page)
    assert violations == []
    return True


def test_invitation_pages_pass_axe_and_fit_a_phone(new_page) -> None:
    giver = UserFactory(username="giver")
    Invitation.objects.create(creator=giver)
    Invitation.objects.create(creator=giver, sent_to="friend@example.org")
    for viewport, label in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page = new_page(viewport, bypass_csp=True)
        for path, name in (
            ("/invite_requests", "request"),
            ("/invite_requests/status?email=nobody@example.org", "status"),
            ("/signup", "signup"),
        ):
            check_page(page, path, viewport)
            _shoot(page, f"{name}-{label}")
        log_in(page, "giver")
        for path, name in (("/account/invitations", "mine"), ("/account/username", "username")):
            check_page(page, path, viewport)
            _shoot(page, f"{name}-{label}")
