"""Every email has a plain-text and an HTML part: each template pair exists and draws the archive's own
message frame, allauth's messages are all ours, and each way the archive sends mail (sign-up, passwords,
addresses, two-factor, failed log-ins, moderators' messages) delivers both parts through a real SMTP server."""

from __future__ import annotations

import re
import time
from pathlib import Path
from types import SimpleNamespace

import allauth
import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone

import scriptorium
from scriptorium.core.mail import message_send
from tests.factories import PASSWORD, UserFactory
from tests.smtp import html_part, link, text_part

pytestmark = pytest.mark.django_db

BASE = "core/email/base_message.html"
NEW_PASSWORD = "a brand new harbour lantern"
# Passkeys are not offered (MFA_SUPPORTED_TYPES), so allauth never sends these.
NOT_SENT_HERE = {"mfa/email/webauthn_added", "mfa/email/webauthn_removed"}


def _ours() -> list[str]:
    """Every message template prefix in the archive's apps (``<app>/templates/**/email/<name>_message.txt``)."""
    found = set()
    for path in Path(scriptorium.__file__).parent.glob("*/templates/**/email/*_message.txt"):
        root = next(p for p in path.parents if p.name == "templates")
        found.add(str(path.relative_to(root)).removesuffix("_message.txt"))
    return sorted(found)


def _allauths() -> list[str]:
    root = Path(allauth.__file__).parent / "templates"
    return sorted(
        str(path.relative_to(root)).removesuffix("_message.txt")
        for app in ("account", "mfa")  # the allauth apps installed (not socialaccount)
        for path in root.glob(f"{app}/email/*_message.txt")
        if not path.name.startswith("base_")
    )


def _extends_chain(name: str) -> list[str]:
    chain = [name]
    while match := re.search(r'{%\s*extends\s+"([^"]+)"\s*%}', get_template(chain[-1]).template.source):
        chain.append(match.group(1))
    return chain


@pytest.mark.parametrize("prefix", [p for p in _ours() if not p.endswith("/base")])
def test_each_message_has_a_subject_a_text_and_an_html_part_in_the_archive_frame(prefix: str) -> None:
    get_template(f"{prefix}_subject.txt")
    get_template(f"{prefix}_message.txt")
    assert BASE in _extends_chain(f"{prefix}_message.html")


@pytest.mark.parametrize("prefix", sorted(set(_allauths()) - NOT_SENT_HERE))
def test_every_message_allauth_may_send_here_is_ours_in_both_parts(prefix: str) -> None:
    here = Path(scriptorium.__file__).parent
    for suffix in ("_subject.txt", "_message.txt", "_message.html"):
        origin = Path(get_template(prefix + suffix).origin.name)
        assert origin.is_relative_to(here), f"{prefix}{suffix} is still allauth's"


SAMPLE = {
    "site_name": "Scriptorium",
    "base_url": "http://archive.example",
    "user": SimpleNamespace(username="quill", pk=1),
    "username": "quill",
    "email": "quill@example.org",
    "activate_url": "http://archive.example/account/confirm-email/KEY/",
    "password_reset_url": "http://archive.example/account/password/reset/key/1-abc/",
    "signup_url": "http://archive.example/signup",
    "code": "ABC123",
    "from_email": "old@example.org",
    "to_email": "new@example.org",
    "deleted_email": "gone@example.org",
    "timestamp": timezone.now(),
    "ip": "192.0.2.7",
    "user_agent": "Firefox <script>",
    "count": 5,
}


@pytest.mark.parametrize(
    "prefix", [p for p in _ours() if p.startswith(("account/", "mfa/")) and not p.endswith("/base")]
)
def test_account_messages_say_the_same_in_text_and_html(prefix: str) -> None:
    text = render_to_string(f"{prefix}_message.txt", SAMPLE)
    html = render_to_string(f"{prefix}_message.html", SAMPLE)
    subject = render_to_string(f"{prefix}_subject.txt", SAMPLE).strip()
    assert subject and "\n" not in subject and "&" not in subject
    assert "<" not in text.replace("<script>", ""), "HTML in the text part"
    assert "&lt;script&gt;" in html or "user_agent" not in get_template(f"{prefix}_message.html").template.source
    assert html.lstrip().startswith("<!DOCTYPE html>") and "This message was sent by Scriptorium" in html
    for url in re.findall(r"https?://\S+", text):
        assert f'href="{url}"' in html, (prefix, url)


def _received(server, count: int) -> list:
    messages = server.messages
    assert len(messages) == count, [(m["To"], m["Subject"]) for m in messages]
    for message in messages:
        assert message["Subject"].startswith("[Scriptorium] ")
        assert message.get_content_type() == "multipart/alternative"
        assert text_part(message).strip() and "<p" not in text_part(message)
        assert "<!DOCTYPE html>" in html_part(message)
    return messages


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.mark.django_db(transaction=True)  # allauth.mfa sends its notices on commit, inside the request
def test_account_messages_arrive_over_smtp_with_both_parts(client, settings, smtp_server) -> None:
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    signup = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    client.post(reverse("accounts:signup"), {"username": "newcomer", "email": "new@example.org", **signup})
    confirm = smtp_server.wait_for("new@example.org", "Confirm your email address")
    client.post(link(confirm, "/confirm-email/"))
    assert EmailAddress.objects.get(email="new@example.org").verified

    UserFactory(username="holder", email="holder@example.org")
    client.post(reverse("accounts:signup"), {"username": "second", "email": "holder@example.org", **signup})
    already = smtp_server.wait_for("holder@example.org", "You already have an account")
    assert link(already, "/password/reset/")

    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    unknown = smtp_server.wait_for("nobody@example.org", "Nobody here uses this address")
    assert link(unknown, "/signup")
    client.post(reverse("account_reset_password"), {"email": "new@example.org"})
    reset = smtp_server.wait_for("new@example.org", "Choose a new password")
    form = client.get(link(reset, "/password/reset/key/"), follow=True)
    client.post(form.redirect_chain[-1][0], {"password1": PASSWORD, "password2": PASSWORD})
    smtp_server.wait_for("new@example.org", "Your password was reset")
    assert len(_received(smtp_server, 5)) == 5

    client.post(reverse("accounts:login"), {"login": "newcomer", "password": PASSWORD})
    change = {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    client.post(reverse("account_change_password"), change)
    smtp_server.wait_for("new@example.org", "Your password was changed")

    client.post(reverse("account_email"), {"action_add": "", "email": "moved@example.org"})
    moved = smtp_server.wait_for("moved@example.org", "Confirm your email address")
    client.post(link(moved, "/confirm-email/"))
    told = smtp_server.wait_for("new@example.org", "Your email address was changed")
    assert "moved@example.org" in text_part(told) and "moved@example.org" in html_part(told)

    client.post(reverse("account_reauthenticate"), {"password": NEW_PASSWORD})
    page = client.get(reverse("mfa_activate_totp")).content.decode()
    secret = re.search(r'<code id="totp-secret">([A-Z2-7]+)</code>', page).group(1)
    client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    smtp_server.wait_for("moved@example.org", "Two-factor sign-in is on")
    client.post(reverse("mfa_generate_recovery_codes"))
    smtp_server.wait_for("moved@example.org", "New recovery codes")
    client.post(reverse("mfa_deactivate_totp"))
    off = smtp_server.wait_for("moved@example.org", "Two-factor sign-in is off")
    assert "the password alone logs in" in text_part(off)
    _received(smtp_server, 11)


def test_password_set_and_failed_log_ins_arrive_with_both_parts(client, smtp_server) -> None:
    user = UserFactory(username="nopassword", email="nopassword@example.org")
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    client.post(reverse("account_set_password"), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    smtp_server.wait_for("nopassword@example.org", "Your account has a password")
    client.logout()
    cache.clear()
    for _ in range(5):
        client.post(reverse("accounts:login"), {"login": "nopassword", "password": "not it"})
    failures = smtp_server.wait_for("nopassword@example.org", "Failed attempts to log in")
    assert "5 times" in text_part(failures) and "5 times" in html_part(failures)
    _received(smtp_server, 2)


def test_message_send_delivers_both_parts_and_skips_an_empty_address(smtp_server) -> None:
    context = {"reference": "R-1", "text": "Your report R-1 was looked at & closed."}
    assert not message_send(to="", template="notifications/email/report_outcome", context=context)
    assert message_send(to="guest@example.org", template="notifications/email/report_outcome", context=context)
    (message,) = _received(smtp_server, 1)
    assert message["Subject"] == "[Scriptorium] Your report R-1"
    assert "looked at & closed" in text_part(message)
    assert "looked at &amp; closed" in html_part(message)


def test_a_moderators_message_arrives_with_both_parts(smtp_server, django_capture_on_commit_callbacks) -> None:
    from scriptorium.accounts.moderators import moderators_group
    from scriptorium.moderation.inputs import ReportInput
    from scriptorium.moderation.services import account_moderate, report_create

    moderator = UserFactory(username="mod_mara")
    moderator.groups.add(moderators_group())
    moderator = type(moderator).objects.get(pk=moderator.pk)
    reader = UserFactory(username="loud", email="loud@example.org")
    case = report_create(
        actor=AnonymousUser(),
        kind="user",
        target_id=reader.pk,
        data=ReportInput(category="spam", email="g@example.org"),
    ).case
    with django_capture_on_commit_callbacks(execute=True):
        account_moderate(actor=moderator, case_id=case.pk, user_id=reader.pk, action="ban", reason="Spam bot.")
    told = smtp_server.wait_for("loud@example.org", "banned your account")
    assert "Spam bot." in text_part(told) and "Spam bot." in html_part(told)
    assert link(told, "/moderation/decisions/")
