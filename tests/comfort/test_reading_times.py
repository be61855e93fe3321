"""Reading times at the reader's speed: on blurbs, the work page and the chapter index, for guests (the cookie)
and accounts; per-chapter word counts in the chapter index."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from scriptorium.comfort.reading import reading_time
from scriptorium.comfort.styles import COOKIE
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


def test_reading_times_read_as_minutes_and_hours() -> None:
    assert reading_time(0, "250") == ""
    assert reading_time(1, "250") == "1 min"
    assert reading_time(250, "250") == "1 min"
    assert reading_time(251, "250") == "2 min"
    assert reading_time(15_000, "250") == "1 h"
    assert reading_time(15_300, "250") == "1 h 2 min"
    assert reading_time(3_000, "150") == "20 min"
    assert reading_time(3_000, "nonsense") == "12 min"  # an unknown speed is the default, 250 a minute


def _settings(speed: str) -> dict[str, str]:
    return {"theme": "system", "font": "serif", "size": "100", "width": "normal", "spacing": "normal", "speed": speed}


def _shown_times(html: str) -> list[str]:
    return re.findall(r"<dt>Reading time:</dt><dd>([^<]+)</dd>", html)


@pytest.fixture
def long_work(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # indexed for the listing
        return make_work(title="The Long Road", chapters=["word " * 3000, "word " * 1500])


def test_a_guest_sees_times_at_the_default_speed_then_at_their_own(client: Client, long_work) -> None:
    assert _shown_times(client.get("/works/").content.decode()) == ["18 min"]
    assert _shown_times(client.get(long_work.get_absolute_url()).content.decode()) == ["18 min"]
    response = client.post("/reading-settings", _settings("150"))
    assert response.status_code == 302
    assert "speed=150" in client.cookies[COOKIE].value
    listing = client.get("/works/").content.decode()
    assert _shown_times(listing) == ["30 min"]
    assert "/reading.css" not in listing  # a reading speed alone needs no stylesheet
    assert _shown_times(client.get(long_work.get_absolute_url()).content.decode()) == ["30 min"]


def test_an_account_keeps_its_speed(long_work) -> None:
    reader = UserFactory()
    client = Client()
    client.force_login(reader)
    client.post("/reading-settings", _settings("600"))
    other = Client()
    other.force_login(reader)
    assert _shown_times(other.get("/works/").content.decode()) == ["8 min"]


def test_the_chapter_index_gives_each_chapters_words_and_time(client: Client, long_work) -> None:
    page = client.get(f"/works/{long_work.pk}/navigate").content.decode()
    lengths = re.findall(r'<span class="chapter-list__length">([^<]+)</span>', page)
    assert lengths == ["3,000 words · 12 min", "1,500 words · 6 min"]
    assert "4,500 words, about 18 min at your reading speed" in page


def test_a_settings_value_outside_the_speeds_is_refused(client: Client) -> None:
    response = client.post("/reading-settings", _settings("9000"))
    assert response.status_code == 400
    assert COOKIE not in client.cookies
