"""Policies in a real browser: sign up accepting the terms; an operator publishes new terms on the site; the
account is asked to accept them at its next visit, then goes on where it was going."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission

from scriptorium.policies.models import PolicyAcceptance
from scriptorium.policies.services import policy_publish
from tests.browser.conftest import PHONE, body_text, check_page, log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _operator():
    user = UserFactory(username="operator", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="publish_policy"))
    return user


def test_sign_up_accepting_the_terms_then_accept_new_terms_at_the_next_visit(new_page) -> None:
    operator = _operator()
    policy_publish(actor=operator, kind="terms", body="Be kind to each other.", requires_acceptance=True)

    newcomer = new_page(bypass_csp=True)
    newcomer.goto("/signup")
    newcomer.get_by_label("Username").fill("newcomer")
    newcomer.get_by_label("Email").fill("newcomer@example.org")
    newcomer.get_by_label("Password", exact=True).fill("a long harbour password")
    newcomer.get_by_label("Password again").fill("a long harbour password")
    newcomer.get_by_role("button", name="Create account").click()
    assert "Please accept the Terms of Service to create an account." in body_text(newcomer)
    newcomer.get_by_label("Password", exact=True).fill("a long harbour password")
    newcomer.get_by_label("Password again").fill("a long harbour password")
    newcomer.get_by_label(re.compile("I have read and accept the Terms of Service")).check()
    newcomer.get_by_role("button", name="Create account").click()
    newcomer.wait_for_url(re.compile(r"/$"))
    assert "Welcome, newcomer!" in body_text(newcomer)
    assert PolicyAcceptance.objects.get(user__username="newcomer").version.number == 1

    desk = new_page(bypass_csp=True)
    log_in(desk, "operator")
    check_page(desk, "/terms/edit")
    desk.get_by_label("Text", exact=True).fill("## Kindness\n\nBe kind to each other, and credit what you borrow.")
    desk.get_by_label("What changed").fill("Credit what you borrow")
    desk.get_by_label("Every account must accept this version").check()
    desk.get_by_role("button", name="Publish version 2").click()
    desk.wait_for_url(re.compile(r"/terms$"))
    assert "Version 2 of the Terms of Service is published." in body_text(desk)
    assert desk.get_by_role("heading", name="Kindness").is_visible()

    newcomer.goto("/works/?sort=kudos")
    newcomer.wait_for_url(re.compile(r"/terms/accept\?next="))
    assert "Credit what you borrow" in body_text(newcomer)
    assert newcomer.get_by_role("heading", name="Kindness").is_visible()
    check_page(newcomer, newcomer.url)
    newcomer.get_by_role("link", name="Privacy Policy").first.click()  # the other policies stay reachable
    newcomer.wait_for_url(re.compile(r"/privacy$"))
    newcomer.go_back()
    newcomer.get_by_label("I have read and accept these Terms of Service").check()
    newcomer.get_by_role("button", name="Accept and continue").click()
    newcomer.wait_for_url(re.compile(r"/works/\?sort=kudos$"))
    assert "you have accepted the Terms of Service" in body_text(newcomer)
    versions = PolicyAcceptance.objects.filter(user__username="newcomer").values_list("version__number", flat=True)
    assert sorted(versions) == [1, 2]


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_policy_pages_are_accessible_at_both_widths(new_page, viewport) -> None:
    operator = _operator()
    policy_publish(actor=operator, kind="faq", body="## What is a pseud?\n\nA name you write under.")
    policy_publish(actor=operator, kind="faq", body="## What is a pseud?\n\nA name you post under.", note="Clearer")
    page = new_page(viewport, bypass_csp=True)
    for path in ("/faq", "/faq/versions", "/faq/versions/1", "/privacy"):
        check_page(page, path, viewport)
    footer = page.locator("footer").get_by_role("link", name="Content Policy")
    assert footer.is_visible()
