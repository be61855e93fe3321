"""The posting form completes tags from the archive's own tags (progressive: plain inputs without JS)."""

from __future__ import annotations

import re

import pytest

from scriptorium.tags.models import Tag
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_fandom_field_offers_existing_tags(new_page, user, password) -> None:
    Tag.objects.create(name="Sherlock (TV)", type="fandom", canonical=True)
    page = new_page()
    log_in(page, user.username, password)
    page.goto("/works/new")
    fandoms = page.get_by_label("Fandoms")
    fandoms.press_sequentially("Original Work, Sherl", delay=30)
    option = page.get_by_role("option", name=re.compile("Sherlock \\(TV\\)"))
    option.wait_for()
    option.click()
    assert fandoms.input_value().startswith("Original Work, Sherlock (TV)")
