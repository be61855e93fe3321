"""The guest comment form's honeypot (issue 14, spam defences): a filled one posts nothing, with a generic
message; accounts' forms have none."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains

from scriptorium.core.forms import HONEYPOT_MESSAGE, HONEYPOT_NAME
from scriptorium.interactions.forms import CommentForm
from scriptorium.interactions.models import Comment
from tests.interactions.test_comments import GUEST, _post, _url

pytestmark = pytest.mark.django_db


def test_guests_comment_forms_carry_the_hidden_box_and_accounts_forms_do_not(client, work) -> None:
    page = client.get(_url(work))
    assertContains(page, 'name="homepage"')
    assertContains(page, 'tabindex="-1" autocomplete="off"')
    assert HONEYPOT_NAME not in CommentForm(guest=False).fields
    assert not CommentForm({"text": "Lovely.", HONEYPOT_NAME: "filled by a browser"}, guest=False).errors


def test_a_guest_comment_with_the_honeypot_filled_is_not_saved(client, work) -> None:
    response = _post(client, work, "Buy cheap pills.", homepage="https://spam.example/", **GUEST)
    assert response.status_code == 400
    assertContains(response, HONEYPOT_MESSAGE, status_code=400)
    assert not Comment.objects.exists()
    work.refresh_from_db()
    assert work.comments_count == 0


def test_a_guest_comment_with_the_honeypot_empty_is_posted(client, work) -> None:
    assert _post(client, work, "Came from a rec list.", homepage="", **GUEST).status_code == 302
    assert Comment.objects.count() == 1
