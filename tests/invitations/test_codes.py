"""Accounts' codes (/account/invitations, sent by email) and the admins' bulk issue (CLI and admin page)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from scriptorium.invitations.models import Invitation
from scriptorium.invitations.services import invitation_issue, invitation_redeem
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
MINE = reverse("invitations:mine")


def test_an_account_lists_its_codes_and_who_used_them(client, user) -> None:
    used, unused = invitation_issue(count=2, creator=user)
    invitation_issue(count=1, creator=UserFactory())  # someone else's
    newcomer = UserFactory(username="newcomer", email="secret-address@example.org")
    invitation_redeem(code=used.code, user=newcomer)
    client.force_login(user)
    page = client.get(MINE).content.decode()
    assert unused.code in page and used.code in page
    assert "newcomer" in page
    assert "secret-address@example.org" not in page  # the username only
    assert Invitation.objects.exclude(creator=user).get().code not in page


def test_an_account_sends_a_code_by_email(client, user, django_capture_on_commit_callbacks) -> None:
    (invitation,) = invitation_issue(count=1, creator=user)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MINE, {"invitation": invitation.pk, "email": "Friend@Example.org"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["friend@example.org"]
    assert invitation.code in message.body
    assert invitation.code in message.alternatives[0].content
    assert user.username in message.subject
    invitation.refresh_from_db()
    assert invitation.sent_to == "friend@example.org"


def test_sending_someone_elses_code_or_to_a_bad_address_is_refused(client, user) -> None:
    (theirs,) = invitation_issue(count=1, creator=UserFactory())
    (mine,) = invitation_issue(count=1, creator=user)
    client.force_login(user)
    assert client.post(MINE, {"invitation": theirs.pk, "email": "a@example.org"}).status_code == 400
    bad = client.post(MINE, {"invitation": mine.pk, "email": "nope"})
    assert bad.status_code == 400
    assert "Enter a valid email address." in bad.content.decode()
    assert mail.outbox == []
    assert not Invitation.objects.exclude(sent_to="").exists()


def test_the_cli_issues_codes_to_nobody_one_account_or_everyone() -> None:
    alice, bob = UserFactory(username="alice"), UserFactory(username="bob")
    out = StringIO()
    call_command("invitations", "issue", "--count", "3", stdout=out)
    printed = out.getvalue().split()
    assert len(printed) == 3
    assert set(Invitation.objects.filter(creator=None).values_list("code", flat=True)) == set(printed)

    call_command("invitations", "issue", "--count", "2", "--to", "alice", stdout=StringIO())
    assert Invitation.objects.filter(creator=alice).count() == 2

    call_command("invitations", "issue", "--to-all-users", "--per-user", "4", stdout=StringIO())
    assert Invitation.objects.filter(creator=alice).count() == 6
    assert Invitation.objects.filter(creator=bob).count() == 4

    with pytest.raises(CommandError, match="no active account named carol"):
        call_command("invitations", "issue", "--count", "1", "--to", "carol")


def test_admins_issue_codes_in_bulk_from_the_admin(admin_client) -> None:
    url = reverse("admin:invitations_invitation_issue")
    assert admin_client.get(reverse("admin:invitations_invitation_changelist")).status_code == 200
    assert url in admin_client.get(reverse("admin:invitations_invitation_changelist")).content.decode()
    response = admin_client.post(url, {"count": "5", "to": ""})
    assert response.status_code == 302
    assert Invitation.objects.filter(creator=None).count() == 5
    assert admin_client.get(reverse("admin:invitations_invitationrequest_changelist")).status_code == 200


def test_the_cli_runs_todays_release_once(settings) -> None:
    settings.SCRIPTORIUM_SIGNUP_MODE = "queue"
    from scriptorium.invitations.models import InvitationRequest

    InvitationRequest.objects.create(email="waiting@example.org")
    out = StringIO()
    call_command("invitations", "release", stdout=out)
    assert "1 invitation sent" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["waiting@example.org"]]
    again = StringIO()
    call_command("invitations", "release", stdout=again)
    assert "0 invitations sent" in again.getvalue()


def test_admins_move_requests_to_the_front_of_the_queue(admin_client, settings) -> None:
    settings.SCRIPTORIUM_SIGNUP_MODE = "queue"
    from scriptorium.invitations.models import InvitationRequest
    from scriptorium.invitations.selectors import queue_place

    for name in ("first", "second", "third"):
        InvitationRequest.objects.create(email=f"{name}@example.org")
    third = InvitationRequest.objects.get(email="third@example.org")
    response = admin_client.post(
        reverse("admin:invitations_invitationrequest_changelist"),
        {"action": "move_to_front", "_selected_action": [third.pk]},
    )
    assert response.status_code == 302
    assert queue_place("third@example.org") == 1
    assert queue_place("first@example.org") == 2
