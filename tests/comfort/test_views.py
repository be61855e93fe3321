"""Reading settings for guests (a cookie) and accounts (kept with the account), and /reading.css."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from scriptorium.comfort.models import ReadingStyle
from scriptorium.comfort.styles import COOKIE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _css(client: Client) -> str:
    response = client.get("/reading.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "private" in response["Cache-Control"]
    return response.content.decode()


def test_pages_link_a_readers_stylesheet_only_when_they_chose_a_style(client: Client) -> None:
    page = client.get("/").content.decode()
    assert "/reading.css" not in page  # the default: no extra request
    assert 'href="/reading-settings"' in page
    client.post(
        "/reading-settings", {"theme": "dark", "font": "serif", "size": "100", "width": "normal", "spacing": "normal"}
    )
    linked = re.search(r'href="(/reading.css\?v=[0-9a-f]+)"', client.get("/").content.decode())
    assert linked
    kept = client.get(linked.group(1))
    assert "immutable" in kept["Cache-Control"]
    client.post(
        "/reading-settings", {"theme": "light", "font": "serif", "size": "100", "width": "normal", "spacing": "normal"}
    )
    assert linked.group(1) not in client.get("/").content.decode()  # a new style, a new address


def test_the_settings_page_goes_back_to_the_page_the_reader_came_from(client: Client) -> None:
    page = client.get("/reading-settings", HTTP_REFERER="http://testserver/works/?page=2").content.decode()
    assert 'name="next" value="/works/?page=2"' in page
    elsewhere = client.get("/reading-settings", HTTP_REFERER="https://evil.example/works/").content.decode()
    assert 'name="next"' not in elsewhere


def test_a_guest_chooses_dark_and_larger_text_kept_in_a_cookie(client: Client) -> None:
    response = client.post(
        "/reading-settings",
        {"theme": "dark", "font": "sans", "size": "130", "width": "wide", "spacing": "normal", "next": "/works/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/works/"
    assert "theme=dark" in response.cookies[COOKIE].value
    css = _css(client)
    assert "theme-dark.css" in css
    assert "font-size: 130%" in css
    assert not ReadingStyle.objects.exists()
    settings_page = client.get("/reading-settings").content.decode()
    assert re.search(r'<input type="radio" name="theme" value="dark"[^>]*checked', settings_page)
    other = Client()
    assert "theme-dark" not in _css(other)


def test_an_account_keeps_its_style_across_browsers() -> None:
    user = UserFactory()
    first, second = Client(), Client()
    first.force_login(user)
    second.force_login(user)
    first.post(
        "/reading-settings", {"theme": "light", "font": "legible", "size": "100", "width": "narrow", "spacing": "loose"}
    )
    stored = ReadingStyle.objects.get(user=user)
    assert (stored.theme, stored.font, stored.width, stored.spacing) == ("light", "legible", "narrow", "loose")
    css = _css(second)
    assert "theme-light.css" in css and "--measure: 34rem" in css and "Verdana" in css


def test_back_to_the_defaults_forgets_the_style() -> None:
    user = UserFactory()
    client = Client()
    client.force_login(user)
    client.post(
        "/reading-settings", {"theme": "dark", "font": "serif", "size": "100", "width": "normal", "spacing": "normal"}
    )
    assert ReadingStyle.objects.filter(user=user).exists()
    client.post("/reading-settings", {"reset": "1"})
    assert not ReadingStyle.objects.filter(user=user).exists()
    assert "{" not in _css(client)


def test_a_value_outside_the_choices_is_refused_and_nothing_is_kept(client: Client) -> None:
    response = client.post(
        "/reading-settings", {"theme": "dark", "font": "serif", "size": "999", "width": "normal", "spacing": "normal"}
    )
    assert response.status_code == 400
    assert "Please choose from the lists below." in response.content.decode()
    assert COOKIE not in response.cookies
    assert "theme-dark" not in _css(client)


def test_next_never_leaves_the_site(client: Client) -> None:
    response = client.post(
        "/reading-settings",
        {
            "theme": "dark",
            "font": "serif",
            "size": "100",
            "width": "normal",
            "spacing": "normal",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == "/reading-settings"


def test_the_stylesheet_answers_304_to_its_etag(client: Client) -> None:
    first = client.get("/reading.css")
    again = client.get("/reading.css", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "Cookie" in again["Vary"]
