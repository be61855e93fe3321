"""Helpers for the feeds tests: fetch a feed and parse it as a feed reader does."""

from __future__ import annotations

import feedparser
import pytest
from django.test import Client


def read_feed(client: Client, url: str):
    """The parsed feed; fails unless it answered 200 as Atom and feedparser read it without a complaint."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def titles(parsed) -> list[str]:
    return [entry.title for entry in parsed.entries]


@pytest.fixture
def guest() -> Client:
    return Client()
