"""The policy pages: stable addresses, versions kept and readable, the editor on the site for staff with the
permission, text sanitized, bad input a clear message with nothing published."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from scriptorium.policies.models import PolicyVersion
from tests.policies.conftest import publish

pytestmark = pytest.mark.django_db

PAGES = {"terms": "Terms of Service", "privacy": "Privacy Policy", "content-policy": "Content Policy", "faq": "FAQ"}


@pytest.mark.parametrize("slug", PAGES)
def test_each_policy_has_a_stable_address_that_shows_the_version_in_force(client, editor, slug) -> None:
    before = client.get(f"/{slug}")
    assert before.status_code == 404
    assertContains(before, "has not published its", status_code=404)
    publish(editor, slug, "First words.")
    publish(editor, slug, "Second words.", note="Shorter")
    page = client.get(f"/{slug}")
    assertContains(page, "Second words.")
    assertContains(page, "Version 2, published")
    assertContains(page, "Shorter")
    assertNotContains(page, "First words.")


def test_every_page_links_to_the_four_policies_in_its_footer(client) -> None:
    body = client.get("/works/").content.decode()
    footer = body[body.index('<footer class="site-footer">') :]
    for slug, label in PAGES.items():
        assert f'href="/{slug}"' in footer and label in footer


def test_ao3s_addresses_lead_to_ours(client) -> None:
    assertRedirects(client.get("/tos"), "/terms", status_code=301, fetch_redirect_response=False)
    assertRedirects(client.get("/content"), "/content-policy", status_code=301, fetch_redirect_response=False)


def test_earlier_versions_stay_readable_and_say_they_are_not_in_force(client, editor) -> None:
    publish(editor, "privacy", "We keep **nothing**.")
    publish(editor, "privacy", "We keep your email address.", note="Email kept for resets")
    listing = client.get("/privacy/versions")
    assertContains(listing, 'href="/privacy/versions/1"')
    assertContains(listing, "Email kept for resets")
    old = client.get("/privacy/versions/1")
    assertContains(old, "We keep <strong>nothing</strong>.")
    assertContains(old, "This is an earlier version, no longer in force.")
    assertContains(old, 'href="/privacy"')
    assert client.get("/privacy/versions/9").status_code == 404
    assert client.get("/privacy/versions/2").status_code == 200


def test_staff_with_the_permission_publish_from_the_site(client, editor) -> None:
    client.force_login(editor)
    assertContains(client.get("/faq"), 'href="/faq/edit"', status_code=404)  # nothing yet, but the link is there
    form = client.get("/faq/edit")
    assertContains(form, "this will be version 1")
    assertNotContains(form, "requires_acceptance")  # only the terms are accepted
    response = client.post(
        "/faq/edit",
        {"body": "## Can I post art?\n\nYes, with a [link](https://example.org).", "text_format": "markdown"},
    )
    assertRedirects(response, "/faq", fetch_redirect_response=False)
    page = client.get("/faq")
    assertContains(page, "<h2>Can I post art?</h2>")
    assertContains(page, 'href="https://example.org"')
    version = PolicyVersion.objects.get()
    assert (version.kind, version.number, version.published_by) == ("faq", 1, editor)
    # The next edit starts from the text in force and adds version 2.
    assertContains(client.get("/faq/edit"), "## Can I post art?")


def test_the_text_is_sanitized_whatever_the_format(client, editor) -> None:
    publish(
        editor, "terms", 'Rules<script>alert(1)</script> <a href="javascript:alert(2)">here</a>', text_format="html"
    )
    publish(editor, "faq", "Ask us <img src=x onerror=alert(3)>\n\n<script>alert(4)</script>")
    for slug in ("terms", "faq"):
        body = client.get(f"/{slug}").content.decode()
        text = body[body.index('class="userstuff policy__text"') :]
        assert "<script" not in text and "onerror" not in text and "javascript:" not in text


@pytest.mark.parametrize("who", ["guest", "account", "staff without the permission"])
def test_others_cannot_reach_the_editor(client, who) -> None:
    from tests.factories import UserFactory

    if who != "guest":
        client.force_login(UserFactory(is_staff=who.startswith("staff")))
    response = client.get("/terms/edit")
    assert response.status_code == (302 if who == "guest" else 403)
    response = client.post("/terms/edit", {"body": "Mine now.", "text_format": "markdown"})
    assert response.status_code in (302, 403)
    assert not PolicyVersion.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": "  \n ", "text_format": "markdown"}, "The text is empty"),
        ({"body": "<p><style>p {}</style></p>", "text_format": "html"}, "The text is empty"),
        ({"body": "Fine.", "text_format": "rtf"}, "Select a valid choice"),
        ({"body": "Fine.", "text_format": "markdown", "note": "n" * 501}, "at most 500 characters"),
    ],
)
def test_bad_input_publishes_nothing_and_keeps_the_text(client, editor, data, message) -> None:
    client.force_login(editor)
    response = client.post("/terms/edit", data)
    assert response.status_code == 400
    assertContains(response, message, status_code=400)
    assertContains(response, "Nothing is published yet.", status_code=400)
    assert not PolicyVersion.objects.exists()
