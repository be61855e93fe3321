"""Guests' reading styles (comfort) and the page cache: a page links the reader's stylesheet, so guests with
different styles never share a copy, and guests with the same style do."""

from __future__ import annotations

from django.test import Client

STYLE = {"theme": "dark", "font": "serif", "size": "100", "width": "normal", "spacing": "normal"}


def test_guests_with_different_styles_never_share_a_cached_page(story) -> None:
    plain, styled, styled_too = Client(), Client(), Client()
    assert plain.get("/works/")["X-Cache"] == "miss"
    assert plain.get("/works/")["X-Cache"] == "hit"
    styled.post("/reading-settings", STYLE, follow=True)  # the "saved" message is shown (never kept) there
    first = styled.get("/works/")
    assert first["X-Cache"] == "miss"
    assert "/reading.css?v=" in first.content.decode()
    assert "/reading.css" not in plain.get("/works/").content.decode()
    styled_too.post("/reading-settings", STYLE, follow=True)
    again = styled_too.get("/works/")
    assert again["X-Cache"] == "hit"
    assert "/reading.css?v=" in again.content.decode()
