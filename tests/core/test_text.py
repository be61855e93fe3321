"""What writers type (plain text or HTML) becomes stored HTML; stored HTML becomes plain text again."""

from __future__ import annotations

import pytest

from scriptorium.core.text import (
    html_to_paragraphs,
    html_to_text,
    looks_like_html,
    paragraphs_to_html,
    plain_to_html,
    user_text_to_html,
)


def test_blank_lines_make_paragraphs() -> None:
    assert plain_to_html("First.\n\nSecond.\n\n\n\nThird.") == "<p>First.</p>\n<p>Second.</p>\n<p>Third.</p>"


def test_a_single_newline_is_a_line_break() -> None:
    assert plain_to_html("Roses are red,\nviolets are blue.") == "<p>Roses are red,<br />violets are blue.</p>"
    assert user_text_to_html("Roses are red,\nviolets are blue.") == "<p>Roses are red,<br>violets are blue.</p>"


def test_windows_and_old_mac_line_endings() -> None:
    assert plain_to_html("One.\r\n\r\nTwo.\rstill two.") == "<p>One.</p>\n<p>Two.<br />still two.</p>"


def test_lines_of_only_spaces_still_separate_paragraphs() -> None:
    assert plain_to_html("One.\n \t\nTwo.\n\u00a0\nThree.") == "<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>"


TYPOGRAPHY = "“Don’t,” she said — softly… ‘Wait.’ It’s 5–6 o’clock «ici» „dort“."


def test_curly_quotes_dashes_and_ellipses_are_kept_exactly() -> None:
    stored = user_text_to_html(TYPOGRAPHY)
    assert stored == f"<p>{TYPOGRAPHY}</p>"
    assert html_to_text(stored) == TYPOGRAPHY


def test_plain_text_is_escaped_not_interpreted() -> None:
    assert user_text_to_html("a < b && c > d") == "<p>a &lt; b &amp;&amp; c &gt; d</p>"
    assert user_text_to_html("I <3 you") == "<p>I &lt;3 you</p>"


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<p>Hi</p>", True),
        ("Some <em>stress</em>.", True),
        ("A <u>line</u> under.", True),
        ('<img src="https://example.org/a.png">', True),
        ("</strong> closing only", True),
        ("I <3 you", False),
        ("x < y and y > z", False),
        ("<insert name here>", False),
        ("<script>alert(1)</script>", False),
    ],
)
def test_looks_like_html(text: str, is_html: bool) -> None:
    assert looks_like_html(text) is is_html


def test_html_with_blank_lines_gets_paragraphs() -> None:
    typed = "She was <em>sure</em>.\n\nHe was not.\nNot at all."
    assert user_text_to_html(typed) == "<p>She was <em>sure</em>.</p>\n<p>He was not.<br>Not at all.</p>"


def test_html_with_its_own_paragraphs_is_kept() -> None:
    typed = "<p>One.</p>\n\n<p>Two.</p>"
    assert user_text_to_html(typed) == "<p>One.</p>\n\n<p>Two.</p>"


def test_blank_input_stores_nothing() -> None:
    assert user_text_to_html("") == ""
    assert user_text_to_html("  \n\n ") == ""


def test_html_to_text_and_back() -> None:
    html = "<p>One, <em>two</em>.</p><p>Three &amp; four<br>five</p><blockquote>Six</blockquote>"
    assert html_to_text(html) == "One, two.\n\nThree & four\nfive\n\nSix"
    assert html_to_paragraphs(html) == ["One, two.", "Three & four\nfive", "Six"]
    assert html_to_text(plain_to_html("One.\n\nTwo.")) == "One.\n\nTwo."


def test_paragraphs_to_html_skips_empty_paragraphs() -> None:
    assert paragraphs_to_html(["One", "  ", "Two"]) == "<p>One</p>\n<p>Two</p>"


@pytest.mark.parametrize("text", ["a < b", "<a-team> rules", "< p >", "<br-like thing"])
def test_a_lone_angle_bracket_is_not_a_tag(text: str) -> None:
    assert looks_like_html(text) is False
