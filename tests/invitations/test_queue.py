"""Queue mode: ask for an invitation, see one's place, the daily release (N emails, codes that work, once a day)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from scriptorium.accounts.models import User
from scriptorium.invitations.models import InvitationRequest
from scriptorium.invitations.services import queue_release
from scriptorium.invitations.tasks import queue_release_task
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
REQUEST = reverse("invitations:request")
STATUS = reverse("invitations:status")
SIGNUP = reverse("accounts:signup")


@pytest.fixture(autouse=True)
def _queue(settings):
    settings.SCRIPTORIUM_SIGNUP_MODE = "queue"
    settings.SCRIPTORIUM_INVITE_QUEUE_PER_DAY = 2


def _ask(client, email: str):
    return client.post(REQUEST, {"email": email})


def test_asking_answers_the_place_in_the_queue(client) -> None:
    assert _ask(client, "first@example.org").status_code == 200
    response = _ask(client, "Second@Example.org")
    assert "is number <strong>2</strong> in the queue" in response.content.decode()
    assert InvitationRequest.objects.filter(email="second@example.org").exists()  # stored in lower case
    again = _ask(client, "SECOND@example.org")  # asking again keeps the place
    assert "is number <strong>2</strong>" in again.content.decode()
    assert InvitationRequest.objects.count() == 2


def test_status_shows_a_place_and_the_same_answer_shape_for_unknown_addresses(client) -> None:
    _ask(client, "first@example.org")
    _ask(client, "second@example.org")
    known = client.get(STATUS, {"email": "second@example.org"}).content.decode()
    assert "is number <strong>2</strong> in the queue" in known
    unknown = client.get(STATUS, {"email": "nobody@example.org"})
    assert unknown.status_code == 200
    assert "is not in the queue" in unknown.content.decode()


def test_bad_input_is_refused_and_nothing_is_queued(client, settings) -> None:
    response = _ask(client, "not an address")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    robot = client.post(REQUEST, {"email": "robot@example.org", "homepage": "http://spam.example"})
    assert robot.status_code == 400
    assert not InvitationRequest.objects.exists()


def test_asking_is_rate_limited_per_address(client, settings) -> None:
    settings.SCRIPTORIUM_RATE_LIMITS = {**settings.SCRIPTORIUM_RATE_LIMITS, "invite_request": "2/d"}
    _ask(client, "eager@example.org")
    _ask(client, "eager@example.org")
    response = _ask(client, "eager@example.org")
    assert response.status_code == 400
    assert "try again tomorrow" in response.content.decode()


def test_the_release_sends_n_invitations_oldest_first_with_codes_that_work(client) -> None:
    for n in range(3):
        _ask(client, f"reader{n}@example.org")
    mail.outbox.clear()

    assert queue_release_task.call() == 2  # the periodic task, run in place

    assert sorted(m.to[0] for m in mail.outbox) == ["reader0@example.org", "reader1@example.org"]
    message = mail.outbox[0]
    html = message.alternatives[0].content
    link = re.search(r"http\S+/signup\?invitation=([\w-]+)", message.body)
    assert link is not None
    assert link.group(1) in html
    assert client.get(STATUS, {"email": "reader2@example.org"}).content.decode().count("number <strong>1</strong>")

    # The same day again: nothing more.
    mail.outbox.clear()
    assert queue_release() == 0
    assert mail.outbox == []
    # The next day: the one left.
    assert queue_release(today=datetime.date.today() + datetime.timedelta(days=1)) == 1
    assert [m.to[0] for m in mail.outbox] == ["reader2@example.org"]

    # The emailed code creates an account.
    response = client.post(
        SIGNUP,
        {
            "invitation": link.group(1),
            "username": "reader0",
            "email": message.to[0],
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(username="reader0").exists()


def test_an_address_with_an_account_is_skipped_silently(client) -> None:
    UserFactory(username="already", email="already@example.org")
    _ask(client, "Already@example.org")
    _ask(client, "fresh@example.org")
    mail.outbox.clear()
    assert queue_release() == 1
    assert [m.to[0] for m in mail.outbox] == ["fresh@example.org"]
    assert not InvitationRequest.objects.waiting().exists()


def test_the_queue_pages_are_off_in_other_modes(client, settings) -> None:
    settings.SCRIPTORIUM_SIGNUP_MODE = "invite"
    assert client.get(REQUEST).status_code == 404
    assert _ask(client, "someone@example.org").status_code == 404
    assert not InvitationRequest.objects.exists()
    assert queue_release() == 0
