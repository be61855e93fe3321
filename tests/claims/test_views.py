"""The claim page and the archivist's page, through the test client (issue 15)."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from scriptorium.accounts.archivists import archivists_group
from scriptorium.claims import services
from scriptorium.claims.models import ClaimInvitation, ClaimState
from scriptorium.works.models import Work
from tests.claims.conftest import archive_works
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _token_from(message) -> str:
    return message.body.split("/claims/")[1].split()[0]


@pytest.fixture
def token(archivist, archived) -> str:
    mail.outbox.clear()
    services.claim_invitations_send(actor=archivist, external_creators=[archived[0]])
    return _token_from(mail.outbox[0])


def test_a_guest_sees_the_works_and_is_asked_to_sign_up_or_log_in(client, archived, token) -> None:
    page = client.get(f"/claims/{token}")
    assert page.status_code == 200
    text = page.content.decode()
    for work in archived[1]:
        assert f'href="{work.get_absolute_url()}"' in text
    assert f"/signup?next=/claims/{token}" in text and f"/login?next=/claims/{token}" in text
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]


def test_a_guest_who_accepts_is_sent_to_log_in_and_nothing_changes(client, token) -> None:
    response = client.post("/claims/answer", {"token": f"{token}", "answer": "accept"})
    assert response.status_code == 302 and response["Location"].startswith("/login?next=/claims/")
    assert ClaimInvitation.objects.get().state == ClaimState.PENDING


def test_signed_in_the_author_accepts_onto_a_pseud(client, archivist, archived, token, author) -> None:
    client.force_login(author)
    page = client.get(f"/claims/{token}")
    assert f'<option value="{author.default_pseud.pk}" selected>' in page.content.decode()
    response = client.post(
        "/claims/answer", {"token": f"{token}", "answer": "accept", "pseud": author.default_pseud.pk}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/users/{author.username}/pseuds/{author.default_pseud.name}/"
    assert "2 works are now credited to marigold" in response.content.decode()
    assert Work.objects.created_by(author).count() == 2
    again = client.post(
        "/claims/answer", {"token": f"{token}", "answer": "accept", "pseud": author.default_pseud.pk}, follow=True
    )
    assert "on your account already: nothing changed" in again.content.decode()
    closed = client.get(f"/claims/{token}")
    assert closed.status_code == 410 and "These works have been claimed" in closed.content.decode()


def test_a_pseud_of_another_account_is_refused_on_the_form(client, token, author) -> None:
    client.force_login(author)
    stranger = UserFactory()
    response = client.post(
        "/claims/answer", {"token": f"{token}", "answer": "accept", "pseud": stranger.default_pseud.pk}
    )
    assert response.status_code == 400
    assert ClaimInvitation.objects.get().state == ClaimState.PENDING


def test_take_down_and_not_mine_need_no_account(client, archived, token) -> None:
    response = client.post("/claims/answer", {"token": f"{token}", "answer": "remove"}, follow=True)
    assert "taken down" in response.content.decode()
    assert all(client.get(w.get_absolute_url()).status_code == 404 for w in archived[1])
    closed = client.get(f"/claims/{token}")
    assert closed.status_code == 410 and "taken down" in closed.content.decode()
    assert client.post("/claims/answer", {"token": f"{token}", "answer": "decline"}).status_code == 410


def test_an_answer_without_a_choice_is_a_form_error(client, token) -> None:
    assert client.post("/claims/answer", {"token": f"{token}"}).status_code == 400
    assert ClaimInvitation.objects.get().state == ClaimState.PENDING


def test_a_voided_link_says_a_newer_one_was_sent(client, archivist, archived, token) -> None:
    services.claim_invitations_send(actor=archivist, external_creators=[archived[0]])
    page = client.get(f"/claims/{token}")
    assert page.status_code == 410 and "A newer claim link was sent" in page.content.decode()
    assert client.post("/claims/answer", {"token": f"{token}", "answer": "remove"}).status_code == 410
    assert not Work.objects.filter(hidden=True).exists()


def test_an_unknown_token_is_a_404_with_words_and_stays_out_of_the_log(client, token, caplog) -> None:
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    with caplog.at_level(logging.DEBUG):
        page = client.get(f"/claims/{wrong}")
        posted = client.post("/claims/answer", {"token": f"{wrong}", "answer": "decline"})
        gone = client.get(f"/claims/{token}x")
        assert client.post(f"/claims/{token}", {"answer": "decline"}).status_code == 405
        assert Client(enforce_csrf_checks=True).post("/claims/answer", {"token": token}).status_code == 403
    assert page.status_code == posted.status_code == gone.status_code == 404
    assert "This claim link does not work" in page.content.decode()
    assert "/claims/answer" in caplog.text  # the refused POSTs were logged, without the token
    assert wrong not in caplog.text and token not in caplog.text
    assert ClaimInvitation.objects.get().state == ClaimState.PENDING


# The archivist's page


def test_the_archivist_sees_their_creators_and_sends_to_the_selected(client, archivist, archived) -> None:
    silent, _ = archive_works(archivist, "Quiet Quill", "", ["Hush"])
    client.force_login(archivist)
    page = client.get("/account/archived-creators")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Marigold Vane" in text and "marigold@example.org" in text and "2 works" in text
    assert "Quiet Quill" in text and "No email address" in text
    response = client.post("/account/archived-creators", {"creators": [archived[0].pk, silent.pk]}, follow=True)
    text = response.content.decode()
    assert "1 claim invitation sent." in text and "Not sent to Quiet Quill: no email address is known." in text
    assert [m.to for m in mail.outbox] == [["marigold@example.org"]]
    assert "Invited, no answer yet" in text


def test_send_to_everyone_not_invited_yet(client, archivist, archived) -> None:
    other, _ = archive_works(archivist, "Rowan Ash", "rowan@example.org", ["Ember"])
    client.force_login(archivist)
    client.post("/account/archived-creators", {"every": "1"})
    assert sorted(m.to[0] for m in mail.outbox) == ["marigold@example.org", "rowan@example.org"]
    client.post("/account/archived-creators", {"every": "1"})
    assert len(mail.outbox) == 2  # invited already: not again


def test_another_account_cannot_send_for_the_archivists_creators(client, archived) -> None:
    client.force_login(UserFactory())
    page = client.get("/account/archived-creators")
    assert "Marigold Vane" not in page.content.decode()
    response = client.post("/account/archived-creators", {"creators": [archived[0].pk]})
    assert response.status_code == 400
    assert mail.outbox == [] and not ClaimInvitation.objects.exists()


def test_a_guest_is_sent_to_log_in(client) -> None:
    assert client.get("/account/archived-creators")["Location"].startswith("/login")


# The command


def test_the_command_sends_by_name_and_reports(archivist, archived, capsys) -> None:
    archive_works(archivist, "Quiet Quill", "", ["Hush"])
    call_command("claims", "send", "--archivist", archivist.username, "marigold vane", "Quiet Quill", "Nobody")
    out, err = capsys.readouterr()
    assert "Sent: Marigold Vane <marigold@example.org>" in out
    assert "Not sent: Quiet Quill: no email address is known" in out
    assert "1 claim invitation sent, 1 not sent." in out
    assert "No external creator is named “Nobody”." in err
    assert [m.to for m in mail.outbox] == [["marigold@example.org"]]


def test_the_command_all_sends_once_then_again_on_request(archivist, archived, capsys) -> None:
    call_command("claims", "send", "--all")
    call_command("claims", "send", "--all")
    assert len(mail.outbox) == 1
    call_command("claims", "send", "--all", "--again")
    assert len(mail.outbox) == 2
    assert ClaimInvitation.objects.filter(state=ClaimState.VOIDED).count() == 1


def test_the_command_wants_names_or_all(archived) -> None:
    with pytest.raises(CommandError):
        call_command("claims", "send")
    with pytest.raises(CommandError):
        call_command("claims", "send", "--archivist", "nobody_here", "--all")


def test_a_suspended_author_is_told_on_the_claim_page_and_nothing_moves(client, token, author) -> None:
    author.suspended_until = timezone.now() + datetime.timedelta(days=2)
    author.save()
    client.force_login(author)
    page = client.post("/claims/answer", {"token": token, "answer": "accept", "pseud": author.default_pseud.pk})
    assert page.status_code == 400
    assert 'role="alert"' in page.content.decode()
    assert "Works cannot be added to a suspended account" in page.content.decode()
    assert ClaimInvitation.objects.get().state == ClaimState.PENDING
    assert Work.objects.created_by(author).count() == 0


def test_the_account_pages_link_the_archived_creators_for_archivists_only(client, archivist, archived) -> None:
    link = 'href="/account/archived-creators"'
    archivist.groups.add(archivists_group())
    client.force_login(archivist)
    assert link in client.get("/account/api-tokens").content.decode()
    page = client.get("/account/archived-creators").content.decode()
    assert 'aria-label="Your account"' in page and link in page  # the account pages' menu, on this page too
    client.force_login(UserFactory())
    assert link not in client.get("/account/api-tokens").content.decode()
