"""The work skin sanitizer against hostile CSS: what is kept is scoped under #workskin and written from the parse
tree; what is left out is listed with its line and reason. No database."""

from __future__ import annotations

import re

import pytest

from scriptorium.skins.sanitize import GUARD, css_sanitize


def _kept(css: str) -> str:
    """The kept CSS without the archive's guard rule."""
    return css_sanitize(css).css.replace(GUARD, "").strip()


def _reasons(css: str) -> list[str]:
    return [d.reason for d in css_sanitize(css).dropped]


def _selectors(css: str) -> list[str]:
    """Every selector of the kept rules (outside @media), one by one."""
    found = []
    for head in re.findall(r"(?m)^([^@\s{}][^{}]*?)\s*\{", _kept(css)):
        found.extend(s.strip() for s in head.split(","))
    return found


def test_a_plain_skin_is_kept_whole_and_scoped() -> None:
    result = css_sanitize(".chat { color: #1a5e3a; font-family: 'Courier New', monospace; margin: 0 1em; }")
    assert result.dropped == ()
    assert result.css.startswith(GUARD)
    assert "#workskin .chat {" in result.css
    assert 'font-family: "Courier New", monospace;' in result.css
    assert "margin: 0 1em;" in result.css


@pytest.mark.parametrize("selector", ["body", "html", "#header", ":root", "*", "header.site-header", "main p"])
def test_selectors_aimed_at_the_page_are_scoped_under_the_work(selector: str) -> None:
    assert _selectors(f"{selector} {{ color: red }}") == [f"#workskin {selector}"]


def test_selectors_already_under_the_work_stay_as_written_but_siblings_are_scoped() -> None:
    css = "#workskin p, #workskin.letter > p, #workskin ~ #footer, #workskin + nav { color: red }"
    assert _selectors(css) == [
        "#workskin p",
        "#workskin.letter > p",
        "#workskin #workskin ~ #footer",
        "#workskin #workskin + nav",
    ]


@pytest.mark.parametrize(
    "declaration",
    [
        "background: url(javascript:alert(1))",
        "background: url('https://tracker.example/pixel.png')",
        "background-image: \\75 rl(https://tracker.example/a.png)",
        "background-image: u\\72l('https://tracker.example/a.png')",
        "background-image: image-set('a.png' 1x)",
        "cursor: url(https://tracker.example/c.cur), auto",
    ],
)
def test_url_is_dropped_even_when_escaped(declaration: str) -> None:
    result = css_sanitize(f"p {{ {declaration}; color: blue }}")
    assert "url" not in result.css.lower().replace("/* work skin", "")
    assert "tracker" not in result.css and "javascript" not in result.css
    assert "color: blue;" in result.css  # the rest is kept
    assert len(result.dropped) == 1 and "loads something from elsewhere" in result.dropped[0].reason


def test_none_is_the_background_image_a_skin_may_set() -> None:
    assert "background-image: none;" in _kept("p { background-image: none }")


@pytest.mark.parametrize(
    "declaration",
    [
        "width: expression(alert(1))",
        "width: EXPRESSION(alert(1))",
        "width: \\65 xpression(alert(1))",
        "color: ex/**/pression(alert(1))",
        "behavior: url(x.htc)",
        "-moz-binding: url(x.xml#xss)",
    ],
)
def test_scripts_in_css_are_dropped(declaration: str) -> None:
    result = css_sanitize(f"p {{ {declaration}; font-style: italic }}")
    kept = result.css.lower()
    assert "expression" not in kept and "pression" not in kept and "binding" not in kept and "behavior" not in kept
    assert "font-style: italic;" in result.css
    assert len(result.dropped) == 1


def test_comments_cannot_hide_tokens_and_are_not_kept() -> None:
    result = css_sanitize("p { col/**/or: red; color: /* x */ blue } /* }; body { display:none } */")
    assert "/* x */" not in result.css
    assert "display" not in result.css
    assert "color: blue;" in result.css


@pytest.mark.parametrize(
    ("css", "reason"),
    [
        ("div { position: fixed; inset: 0 }", "only static or relative"),
        ("div { position: absolute }", "only static or relative"),
        ("div { position: sticky }", "only static or relative"),
        ("div { z-index: 2147483647 }", "at most 10"),
        ("div { top: -400px }", "moves text out of its place"),
        ("div { transform: translateY(-900px) }", "moves text out of its place"),
        ("div { width: 100000px }", "too large"),
        ("div { width: 300% }", "at most 100%"),
        ("div { font-size: 900rem }", "too large"),
        ("div { content: 'Log in again here' }", "puts text into the page"),
        ("div { --colour: red }", "Custom properties"),
        ("div { color: var(--site-text) }", "var() is not a function"),
        ("div { animation: spin 1s infinite }", "animations are not supported"),
    ],
)
def test_text_cannot_be_lifted_over_the_page(css: str, reason: str) -> None:
    result = css_sanitize(css)
    assert result.css == GUARD + "\n"  # nothing of the rule kept: its only declaration was refused
    assert len(result.dropped) == css.count(":") - css.count("::")
    assert reason in result.dropped[0].reason


def test_fixed_overlay_dropped_the_rest_of_the_rule_kept_with_lines() -> None:
    css = "p.note {\n  color: #333;\n  position: fixed;\n  inset: 0;\n  z-index: 99999;\n  padding: 1em;\n}\n"
    result = css_sanitize(css)
    assert [(d.line, d.text) for d in result.dropped] == [
        (3, "position: fixed"),
        (4, "inset: 0"),
        (5, "z-index: 99999"),
    ]
    assert "color: #333;" in result.css and "padding: 1em;" in result.css
    assert "fixed" not in result.css and "99999" not in result.css
    assert "position: relative;" in _kept("p { position: relative; z-index: 2 }")


def test_the_work_itself_cannot_be_moved_over_the_page_by_a_negative_margin() -> None:
    for css in (
        "#workskin { margin-top: -900px; color: #333 }",
        "#workskin.letter, p { margin: 0 0 -5em }",
        "#workskin:not(.a .b) { margin-bottom: -20% }",
    ):
        result = css_sanitize(css)
        assert "-" not in result.css.replace(GUARD, "").replace("margin-", ""), css
        assert [d.reason.split(":")[1].strip() for d in result.dropped] == [
            "a negative margin on #workskin itself would move the work over the page."
        ]
    assert "margin-top: -1em;" in _kept("#workskin p { margin-top: -1em }")  # inside the work: kept, contained


@pytest.mark.parametrize(
    ("css", "reason"),
    [
        ("@import url(https://evil.example/a.css);", "@import: loads another stylesheet"),
        ("@import 'a.css';", "@import: loads another stylesheet"),
        ("@font-face { font-family: X; src: url(x.woff) }", "@font-face: loads fonts"),
        ("@keyframes spin { to { color: red } }", "animations are not supported"),
        ("@media (min-resolution: 2dppx) { p { color: red } }", "Only @media by"),
        ("@media url(x) { p { color: red } }", "Only @media by"),
        ("@supports (display: grid) { p { color: red } }", "@supports: not supported"),
    ],
)
def test_at_rules_other_than_a_plain_media_query_are_dropped(css: str, reason: str) -> None:
    result = css_sanitize(css + "\np { color: green }")
    assert [reason in d.reason for d in result.dropped] == [True]
    assert _kept(css + "\np { color: green }") == "#workskin p {\n  color: green;\n}"


def test_a_plain_media_query_is_kept_with_its_rules_scoped() -> None:
    kept = _kept("@media screen and (max-width: 40em) { .chat { padding: 0 } body { margin: 0 } }")
    assert kept.startswith("@media screen and (max-width: 40em) {")
    assert "#workskin .chat {" in kept and "#workskin body {" in kept


def test_strings_only_name_fonts() -> None:
    result = css_sanitize("p { font-family: \"Georgia\"; quotes: '<' '>' }")
    assert 'font-family: "Georgia";' in result.css
    assert "quotes" not in result.css


def test_the_result_is_written_from_the_parse_tree_never_copied() -> None:
    """Nothing in the input can close the rule or open another: a brace in a string stays inside it."""
    result = css_sanitize('p { font-family: "x} body { display: none } p {"; color: red }')
    assert result.css.count("{") == result.css.count("}")
    assert "display: none" not in result.css.replace('"x} body { display: none } p {"', "")


def test_broken_css_is_reported_and_the_readable_rest_kept() -> None:
    result = css_sanitize("p { color: red; ; ::: } em { font-style: normal } div { color: } b { color: red")
    assert "#workskin p {\n  color: red;\n}" in result.css
    assert "#workskin em {" in result.css
    assert "#workskin b {" in result.css  # an unclosed rule ends with the text, as browsers read it
    assert any("has no value" in d.reason for d in result.dropped)


def test_unsupported_selectors_are_dropped_with_their_rule() -> None:
    result = css_sanitize("a:has(> img) { color: red } svg|a { color: red } p { color: blue }")
    assert _selectors("a:has(> img) { color: red } svg|a { color: red } p { color: blue }") == ["#workskin p"]
    assert len(result.dropped) == 2


def test_the_fingerprint_follows_the_kept_css() -> None:
    assert css_sanitize("p { color: red }").fingerprint == css_sanitize("p{color:red}/* c */").fingerprint
    assert css_sanitize("p { color: red }").fingerprint != css_sanitize("p { color: blue }").fingerprint
