"""The blocklist page: guests sent to log in, rules added and removed without JavaScript, a refused rule shown by
its form, the file exported and imported, and the page linked from the reader's preferences."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains

from scriptorium.blocklists.models import BlockRule, RuleKind

pytestmark = pytest.mark.django_db

URL = "/account/blocklist"


def test_guests_are_sent_to_log_in(client) -> None:
    for url in (URL, f"{URL}/export"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"]


def test_the_preferences_link_to_the_blocklist(writer_client) -> None:
    assertContains(writer_client.get("/account/preferences"), f'href="{URL}"')


def test_a_rule_is_added_listed_and_removed(writer_client, user) -> None:
    response = writer_client.post(URL, {"kind": "word_count", "word_count-low": "", "word_count-high": "999"})
    assert response.status_code == 302 and response["Location"] == f"{URL}#word_count"
    page = writer_client.get(URL)
    assertContains(page, "999 words or fewer")
    assertContains(page, "You have 1 rule")
    rule = BlockRule.objects.get(user=user)
    assert rule.kind == RuleKind.WORD_COUNT and rule.high == 999 and rule.low is None
    writer_client.post(f"{URL}/{rule.pk}/delete")
    assert not BlockRule.objects.exists()


def test_a_rule_that_can_never_match_is_shown_on_its_own_form(writer_client) -> None:
    response = writer_client.post(URL, {"kind": "chapter_count", "chapter_count-low": "9", "chapter_count-high": "2"})
    assert response.status_code == 400
    assertContains(response, "No work has at least 9 and at most 2.", status_code=400)
    response = writer_client.post(URL, {"kind": "tag", "tag-tag": "Made Up Tag"})
    assertContains(response, "No tag is named “Made Up Tag”, so this rule could never match.", status_code=400)
    assert not BlockRule.objects.exists()


def test_a_language_rule(writer_client, user) -> None:
    writer_client.post(URL, {"kind": "language", "language-language": "fr"})
    assert BlockRule.objects.get(user=user).text == "fr"
    assertContains(writer_client.get(URL), "Français")


def test_export_then_import(writer_client, user, client, other_user) -> None:
    writer_client.post(URL, {"kind": "words", "words-text": "zombie"})
    exported = writer_client.get(f"{URL}/export")
    assert exported["Content-Disposition"] == 'attachment; filename="blocklist.json"'
    assert json.loads(exported.content)["rules"] == [{"kind": "words", "text": "zombie"}]
    client.force_login(other_user)
    upload = SimpleUploadedFile("blocklist.json", exported.content, content_type="application/json")
    response = client.post(f"{URL}/import", {"file": upload}, follow=True)
    assertContains(response, "Imported 1 new rule.")
    assert BlockRule.objects.filter(user=other_user, text="zombie").exists()


def test_a_file_that_is_not_ours_is_refused_on_the_page(writer_client) -> None:
    upload = SimpleUploadedFile("notes.json", b'{"hello": "world"}', content_type="application/json")
    response = writer_client.post(f"{URL}/import", {"file": upload})
    assertContains(response, "This file is not a Scriptorium blocklist", status_code=400)
    assert not BlockRule.objects.exists()
