"""Counts read right for one: "1 chapter", "1 word" (issue 18: "1 hits" and the like)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import make_work

pytestmark = pytest.mark.django_db


def test_a_one_word_draft_and_its_chapters_page_read_in_the_singular(user) -> None:
    draft = make_work(creator=user, title="Seed", chapters=["Hello."], post=False)
    client = Client()
    client.force_login(user)
    drafts = client.get("/works/drafts").content.decode()
    assert "1/? chapter · 1 word ·" in drafts and "1 words" not in drafts
    manage = client.get(f"/works/{draft.pk}/chapters/manage").content.decode()
    assert "1 word" in manage and "1 words" not in manage and "chapters ·" not in manage


def test_many_stay_plural(user) -> None:
    draft = make_work(creator=user, title="Sprout", chapters=["One two.", "Three four."], post=False)
    client = Client()
    client.force_login(user)
    assert "2/? chapters · 4 words ·" in client.get("/works/drafts").content.decode()
    assert draft.pk
