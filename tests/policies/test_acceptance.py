"""New terms that ask for acceptance: each account accepts them at its next visit, AO3-style. The accept page,
the policy pages, logging out and static files stay reachable; a POST or a JSON request gets a clear 403."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertRedirects

from scriptorium.interactions.models import Comment
from scriptorium.policies.models import PolicyAcceptance
from scriptorium.policies.services import policy_accept, policy_publish
from tests.factories import UserFactory
from tests.policies.conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    return UserFactory(username="reader")


def test_an_account_is_sent_to_accept_new_terms_then_back(client, editor, reader) -> None:
    client.force_login(reader)
    assert client.get("/works/").status_code == 200
    publish(editor, "terms", "Be kind, and credit others.", requires_acceptance=True, note="Credit rule")
    response = client.get("/works/?sort=kudos")
    assertRedirects(response, "/terms/accept?next=%2Fworks%2F%3Fsort%3Dkudos", fetch_redirect_response=False)
    page = client.get("/terms/accept?next=/works/%3Fsort%3Dkudos")
    assertContains(page, "Be kind, and credit others.")
    assertContains(page, "What changed: Credit rule")
    refused = client.post("/terms/accept", {"version": "1", "next": "/works/?sort=kudos"})  # box not ticked
    assertContains(refused, "Please tick the box", status_code=400)
    accepted = client.post("/terms/accept", {"version": "1", "agree": "on", "next": "/works/?sort=kudos"})
    assertRedirects(accepted, "/works/?sort=kudos", fetch_redirect_response=False)
    assert PolicyAcceptance.objects.get(user=reader).version.number == 1
    assert client.get("/works/").status_code == 200


def test_terms_that_do_not_ask_for_acceptance_send_no_one_anywhere(client, editor, reader) -> None:
    publish(editor, "terms", "Be kind.", requires_acceptance=True)
    policy_accept(actor=reader, version=publish(editor, "terms", "Be kind!", requires_acceptance=False))
    publish(editor, "terms", "Be kind!!", note="Typo")  # a correction: accepting version 2 still counts
    client.force_login(reader)
    assert client.get("/works/").status_code == 200
    publish(editor, "privacy", "We keep little.")  # other policies never ask
    assert client.get("/works/").status_code == 200


def test_guests_are_never_asked(client, editor) -> None:
    publish(editor, "terms", "Be kind.", requires_acceptance=True)
    assert client.get("/works/").status_code == 200


@pytest.mark.parametrize(
    "path", ["/terms", "/privacy", "/faq", "/content-policy", "/terms/versions", "/terms/versions/1"]
)
def test_the_policy_pages_stay_reachable(client, editor, reader, path) -> None:
    publish(editor, "terms", "Be kind.", requires_acceptance=True)
    client.force_login(reader)
    assert client.get(path).status_code in (200, 404)  # 404: a policy not yet published, said on the page


def test_logging_out_stays_possible(client, editor, reader) -> None:
    publish(editor, "terms", "Be kind.", requires_acceptance=True)
    client.force_login(reader)
    assertRedirects(client.post("/logout"), "/", fetch_redirect_response=False)
    assert client.get("/works/").status_code == 200  # a guest now


def test_a_post_is_refused_with_a_message_not_redirected_and_nothing_saved(client, editor, reader, work) -> None:
    publish(editor, "terms", "Be kind.", requires_acceptance=True)
    client.force_login(reader)
    chapter = work.chapters.get()
    response = client.post(f"/works/{work.pk}/chapters/{chapter.pk}/comments", {"text": "Lovely."})
    assertContains(response, "The Terms of Service have changed.", status_code=403)
    assertContains(response, 'href="/terms/accept"', status_code=403)
    assert not Comment.objects.exists()


def test_a_json_request_gets_a_json_403(client, editor, reader) -> None:
    publish(editor, "terms", "Be kind.", requires_acceptance=True)
    client.force_login(reader)
    response = client.get("/tags/autocomplete/all?q=fl", headers={"accept": "application/json"})
    assert response.status_code == 403
    assert response.json()["error"] == "terms_not_accepted"
    assert response.json()["accept_url"] == "/terms/accept"


def test_static_files_stay_reachable(client, editor, reader, settings) -> None:
    publish(editor, "terms", "Be kind.", requires_acceptance=True)
    client.force_login(reader)
    response = client.get(settings.STATIC_URL + "scriptorium/site.css")
    assert response.status_code != 302


def test_the_accept_page_with_nothing_to_accept_goes_on(client, reader) -> None:
    client.force_login(reader)
    assertRedirects(client.get("/terms/accept?next=/works/"), "/works/", fetch_redirect_response=False)
    assertRedirects(client.get("/terms/accept?next=https://evil.example/"), "/", fetch_redirect_response=False)


def test_only_the_current_terms_can_be_accepted(editor, reader) -> None:
    old = publish(editor, "terms", "Be kind.", requires_acceptance=True)
    publish(editor, "terms", "Be kind, and credit others.", requires_acceptance=True)
    with pytest.raises(ValidationError, match="changed while this page was open"):
        policy_accept(actor=reader, version=old)
    assert not PolicyAcceptance.objects.exists()


def test_publishing_needs_the_permission(reader) -> None:
    with pytest.raises(PermissionDenied):
        policy_publish(actor=reader, kind="terms", body="Mine.")
    staff = UserFactory(is_staff=True)
    with pytest.raises(PermissionDenied):
        policy_publish(actor=staff, kind="terms", body="Mine.")
    admin = UserFactory(is_staff=True, is_superuser=True)
    assert policy_publish(actor=admin, kind="terms", body="Ours.").number == 1


def test_only_the_terms_ask_for_acceptance(editor) -> None:
    with pytest.raises(ValidationError, match="Only the Terms of Service"):
        publish(editor, "faq", "Ask.", requires_acceptance=True)


def test_an_account_that_accepted_costs_no_policy_query_per_page(client, editor, reader) -> None:
    policy_accept(actor=reader, version=publish(editor, "terms", "Be kind.", requires_acceptance=True))
    client.force_login(reader)
    client.get("/works/")  # the first visit checks once, then the session remembers
    with CaptureQueriesContext(connection) as context:
        assert client.get("/works/").status_code == 200
    assert not [q for q in context.captured_queries if "policies_" in q["sql"]]
