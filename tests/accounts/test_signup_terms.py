"""Sign-up asks to accept the Terms of Service in force and records which version was accepted."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains

from scriptorium.accounts.models import Pseud, User
from scriptorium.policies.models import PolicyAcceptance
from tests.accounts.test_auth import SIGNUP, _signup_data
from tests.policies.conftest import editor, publish  # noqa: F401 (the editor fixture)

pytestmark = pytest.mark.django_db


def test_signup_shows_the_terms_box_with_the_version_in_force(client, editor) -> None:  # noqa: F811
    publish(editor, "terms", "Be kind.")
    publish(editor, "terms", "Be kind, and credit others.")
    page = client.get(SIGNUP)
    assertContains(page, 'name="accept_terms" value="2"')
    assertContains(page, 'I have read and accept the <a href="/terms">Terms of Service</a> (version 2,')


def test_signing_up_without_ticking_the_box_creates_nothing(client, editor) -> None:  # noqa: F811
    publish(editor, "terms", "Be kind.")
    response = client.post(SIGNUP, _signup_data())
    assert response.status_code == 400
    assertContains(response, "Please accept the Terms of Service to create an account.", status_code=400)
    assert not User.objects.filter(username="newwriter").exists()
    assert not Pseud.objects.filter(name="newwriter").exists()


def test_signing_up_records_the_version_accepted(client, editor) -> None:  # noqa: F811
    version = publish(editor, "terms", "Be kind.", requires_acceptance=True)
    response = client.post(SIGNUP, _signup_data(accept_terms="1"))
    assert response.status_code == 302
    user = User.objects.get(username="newwriter")
    acceptance = PolicyAcceptance.objects.get(user=user)
    assert (acceptance.version, acceptance.at_signup) == (version, True)
    assert client.get("/works/").status_code == 200  # not sent to the accept page


def test_terms_changed_while_signing_up_are_shown_again(client, editor) -> None:  # noqa: F811
    publish(editor, "terms", "Be kind.")
    publish(editor, "terms", "Be kind, and credit others.", requires_acceptance=True)
    response = client.post(SIGNUP, _signup_data(accept_terms="1"))  # the box ticked on version 1's page
    assert response.status_code == 400
    assertContains(response, "The Terms of Service changed while this page was open", status_code=400)
    assertContains(response, 'value="2"', status_code=400)
    assert not User.objects.filter(username="newwriter").exists()


def test_without_published_terms_signing_up_needs_no_box(client) -> None:
    assert 'name="accept_terms"' not in client.get(SIGNUP).content.decode()
    assert client.post(SIGNUP, _signup_data()).status_code == 302
    assert not PolicyAcceptance.objects.exists()
