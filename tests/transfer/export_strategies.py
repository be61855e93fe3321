"""Hypothesis strategies for works to export, and what an import of the export must give back.

Works are built as :class:`WorkSnapshot` s (what the converters take), with the hard cases mixed in: right-to-left
and CJK text, emoji, Markdown and HTML look-alikes ("# not a heading", "&amp;"), lines that our text layouts
use as markers ("Chapter 3", "End file.", "Summary:"), and the HTML writers type (lists, quotes, tables…).
"""

from __future__ import annotations

import datetime
import html
import random

from hypothesis import strategies as st

from scriptorium.core.sanitize import sanitize_html
from scriptorium.core.text import html_to_text, paragraphs_to_html
from scriptorium.tags.services import FORBIDDEN_CHARACTERS
from scriptorium.tags.vocabulary import CATEGORIES, RATINGS, WARNINGS
from scriptorium.transfer.exports.snapshot import ChapterSnapshot, Link, SeriesRef, WorkSnapshot
from scriptorium.transfer.parsed import ParsedWork
from scriptorium.works.languages import LANGUAGES

BASE = "https://archive.example"
WORDS = (
    "kettle",
    "bridge",
    "Tom",
    "O'Brien",
    "naïve",
    "Straße",
    "Ærøskøbing",
    "déjà-vu",
    "façade",
    "مرحبا",
    "بالعالم",
    "كتاب",
    "שלום",
    "עולם",
    "ספר",
    "東京",
    "物語",
    "雪が降る",
    "中文",
    "한국어",
    "이야기",
    "😀",
    "👩‍👩‍👧",
    "🏳️‍🌈",
    "✨",
    "—",
    "…",
    "“quoted”",
    "'single'",
    '"double"',
    "<",
    ">",
    "&",
    "&amp;",
    "&lt;b&gt;",
    "*",
    "**",
    "_",
    "__",
    "#",
    "##",
    "`",
    "\\",
    "|",
    "~",
    "~~",
    "[x]",
    "(y)",
    "1.",
    "2)",
    "-",
    "+",
    "=",
    "---",
    "***",
    ":",
    "a:b",
    "http://example.org",
    "<b>bold</b>",
    "{curly}",
)
#: Paragraphs our own layouts use as markers, which must stay story text.
MARKERS = (
    "Chapter 3",
    "Chapter 12: Not A Heading",
    "Prologue",
    "Epilogue",
    "The End",
    "End file.",
    "TABLE OF CONTENTS",
    "Summary:",
    "Notes: nothing",
    "Rating: Explicit",
    "by Somebody",
    "# not a heading",
    "## nor this",
    "- not a list",
    "1. not a list",
    "* not a list",
    "> not a quote",
    "---",
    "===",
    "* * *",
    "    indented",
    "Chapter Notes:",
    "> Chapter End Notes:",
    "<p>not html</p>",
    "&nbsp; &copy;",
)
_CHARACTERS = st.characters(categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\ufeff\u00ad")
_SCRIPT_WORD = st.text(_CHARACTERS, min_size=1, max_size=10).map(lambda s: "".join(s.split())).filter(bool)
WORD = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), _SCRIPT_WORD)
SENTENCE = st.lists(WORD, min_size=1, max_size=10).map(" ".join)
LINE = st.one_of(SENTENCE, SENTENCE, st.sampled_from(MARKERS))


def _e(text: str) -> str:
    return html.escape(text, quote=False)


_PARAGRAPH = st.one_of(
    LINE.map(lambda t: f"<p>{_e(t)}</p>"),
    LINE.map(lambda t: f"<p>{_e(t)}</p>"),
    st.tuples(SENTENCE, SENTENCE, SENTENCE).map(lambda t: f"<p>{_e(t[0])} <em>{_e(t[1])}</em> {_e(t[2])}</p>"),
    st.tuples(SENTENCE, SENTENCE).map(lambda t: f"<p><strong>{_e(t[0])}</strong>{_e(t[1])}</p>"),
    st.tuples(LINE, LINE).map(lambda t: f"<p>{_e(t[0])}<br />{_e(t[1])}</p>"),
    st.lists(SENTENCE, min_size=1, max_size=3).map(
        lambda t: "<ul>" + "".join(f"<li>{_e(x)}</li>" for x in t) + "</ul>"
    ),
    st.lists(SENTENCE, min_size=1, max_size=3).map(
        lambda t: "<ol>" + "".join(f"<li>{_e(x)}</li>" for x in t) + "</ol>"
    ),
    SENTENCE.map(lambda t: f"<blockquote><p>{_e(t)}</p></blockquote>"),
    SENTENCE.map(lambda t: f"<h3>{_e(t)}</h3>"),
    SENTENCE.map(lambda t: f'<p><a href="http://example.org/a?b=1&amp;c=2">{_e(t)}</a></p>'),
    SENTENCE.map(lambda t: f'<p dir="rtl" lang="ar">{_e(t)}</p>'),
    SENTENCE.map(lambda t: f'<p align="center">{_e(t)}</p>'),
    SENTENCE.map(lambda t: f"<center>{_e(t)}</center>"),
    SENTENCE.map(lambda t: f"<p><s>{_e(t)}</s> <u>u</u> x<sup>2</sup> <code>{_e(t)}</code></p>"),
    st.tuples(SENTENCE, SENTENCE).map(lambda t: f"<table><tr><td>{_e(t[0])}</td><td>{_e(t[1])}</td></tr></table>"),
    SENTENCE.map(lambda t: f"<pre>{_e(t)}\n  {_e(t)}</pre>"),
    st.just("<hr />"),
)
CHAPTER_TEXT = st.lists(_PARAGRAPH, min_size=1, max_size=8).map(
    lambda parts: sanitize_html("<p>Once more.</p>" + "\n".join(parts))
)
PLAIN_HTML = st.lists(LINE, min_size=0, max_size=3).map(paragraphs_to_html)


def _tag_ok(name: str) -> bool:
    fixed = {n.casefold() for n in (*RATINGS, *WARNINGS, *CATEGORIES)}
    return bool(name) and not any(c in FORBIDDEN_CHARACTERS for c in name) and name.casefold() not in fixed


TAG = st.one_of(
    SENTENCE.map(lambda t: " ".join(t.split())[:100]),
    st.sampled_from(
        [
            "Harry Potter/Draco Malfoy",
            "Tom & Jerry",
            "Alternate Universe - Coffee Shop",
            "ファンフィク",
            "אהבה",
            "حب",
            "Fluff and Angst",
            "Sherlock (TV)",
            "Pre-Canon",
        ]
    ),
).filter(_tag_ok)
NAME = st.one_of(
    st.sampled_from(["Tom & Jerry", "Ærøskøbing", "ליאור", "ليلى", "桜子", "writer0", "Pen Name (writer1)"]),
    SENTENCE.map(lambda t: " ".join("".join(c for c in t if c not in "/,<>\\?#%").split())[:60]).filter(bool),
)
TITLE = (
    st.one_of(SENTENCE, st.sampled_from(MARKERS), st.sampled_from(["Prologue", "Part 3 of Something [5]"]))
    .map(lambda t: " ".join(t.split())[:255])
    .filter(bool)
)
LANGUAGE = st.one_of(st.sampled_from(["ar", "he", "ja", "zh", "ko", "en", "fa"]), st.sampled_from(sorted(LANGUAGES)))
DATE = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2030, 12, 31))


@st.composite
def chapters(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 6) -> tuple[ChapterSnapshot, ...]:
    count = draw(st.integers(min_size, max_size))
    return tuple(
        ChapterSnapshot(
            position=number,
            title=draw(st.one_of(st.just(""), TITLE)),
            text=draw(CHAPTER_TEXT),
            summary=draw(st.one_of(st.just(""), PLAIN_HTML)),
            notes=draw(st.one_of(st.just(""), PLAIN_HTML)),
            end_notes=draw(st.one_of(st.just(""), PLAIN_HTML)),
        )
        for number in range(1, count + 1)
    )


@st.composite
def works(draw: st.DrawFn, *, max_chapters: int = 6, chapter_strategy: st.SearchStrategy | None = None) -> WorkSnapshot:
    tags = draw(st.lists(TAG, max_size=14, unique_by=str.casefold))
    cut = sorted(draw(st.lists(st.integers(0, len(tags)), min_size=3, max_size=3)))
    groups = [tags[: cut[0]], tags[cut[0] : cut[1]], tags[cut[1] : cut[2]], tags[cut[2] :]]

    def links(names: list[str], kind: str) -> tuple[Link, ...]:
        return tuple(Link(name, f"{BASE}/tags/{kind}/{i}") for i, name in enumerate(names))

    parts = draw(chapter_strategy) if chapter_strategy is not None else draw(chapters(max_size=max_chapters))
    complete = draw(st.booleans())
    expected = len(parts) if complete else draw(st.one_of(st.none(), st.integers(len(parts) + 1, 500)))
    published = draw(st.one_of(st.none(), DATE))
    revised = None if published is None else published + datetime.timedelta(days=draw(st.integers(0, 900)))
    creators = draw(st.lists(NAME, min_size=1, max_size=3, unique_by=str.casefold))
    series = draw(st.one_of(st.just(()), st.tuples(st.builds(SeriesRef, TITLE, st.integers(1, 99), st.just(BASE)))))
    work_id = draw(st.integers(1, 10**6))
    return WorkSnapshot(
        work_id=work_id,
        title=draw(TITLE),
        creators=tuple(Link(name, f"{BASE}/users/u{i}") for i, name in enumerate(creators)),
        chapters=parts,
        summary=draw(PLAIN_HTML),
        notes=draw(PLAIN_HTML),
        end_notes=draw(PLAIN_HTML),
        language=draw(LANGUAGE),
        rating=draw(st.sampled_from(RATINGS)),
        rating_url=f"{BASE}/tags/rating",
        warnings=links(draw(st.lists(st.sampled_from(WARNINGS), min_size=1, max_size=3, unique=True)), "w"),
        categories=links(draw(st.lists(st.sampled_from(CATEGORIES), max_size=3, unique=True)), "c"),
        fandoms=links(groups[0], "f"),
        relationships=links(groups[1], "r"),
        characters=links(groups[2], "ch"),
        additional_tags=links(groups[3], "a"),
        series=series,
        complete=complete,
        expected_chapters=expected,
        word_count=draw(st.integers(0, 10**6)),
        published_on=published,
        revised_on=revised,
        url=f"{BASE}/works/{work_id}",
        site_url=BASE,
    )


def long_prose(seed: int, words: int) -> str:
    """About ``words`` words of varied paragraphs (text that compresses like prose, not like a ZIP bomb)."""
    rng = random.Random(seed)
    vocabulary = [w for w in WORDS if w.isalpha()] + [f"w{n}" for n in range(500)]
    out, count = [], 0
    while count < words:
        size = rng.randint(20, 120)
        out.append("<p>" + " ".join(html.escape(rng.choice(vocabulary), quote=False) for _ in range(size)) + "</p>")
        count += size
    return "\n".join(out)


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def plain(html_text: str) -> str:
    return norm(html_to_text(html_text))


def expected_of(work: WorkSnapshot) -> dict[str, object]:
    """What an import of ``work``'s download must find."""
    return {
        "title": norm(work.title),
        "creators": [norm(name) for name in work.creator_names],
        "summary": plain(work.summary),
        "notes": plain(work.notes),
        "end_notes": plain(work.end_notes),
        "rating": work.rating,
        "warnings": [link.name for link in work.warnings],
        "categories": [link.name for link in work.categories],
        "fandoms": [norm(link.name) for link in work.fandoms],
        "relationships": [norm(link.name) for link in work.relationships],
        "characters": [norm(link.name) for link in work.characters],
        "additional_tags": [norm(link.name) for link in work.additional_tags],
        "language": work.language,
        "series": (norm(work.series[0].title), work.series[0].position) if work.series else ("", None),
        "complete": work.complete,
        "expected_chapters": work.expected_chapters,
        "published": work.published_on,
        "updated": work.revised_on,
        "chapters": [
            (norm(c.title), plain(c.text), plain(c.summary), plain(c.notes), plain(c.end_notes)) for c in work.chapters
        ],
    }


def found_in(parsed: ParsedWork) -> dict[str, object]:
    """The same fields, as the import read them."""
    return {
        "title": norm(parsed.title),
        "creators": [norm(name) for name in parsed.creators],
        "summary": norm(parsed.summary),
        "notes": norm(parsed.notes),
        "end_notes": norm(parsed.end_notes),
        "rating": parsed.rating,
        "warnings": parsed.warnings,
        "categories": parsed.categories,
        "fandoms": [norm(n) for n in parsed.fandoms],
        "relationships": [norm(n) for n in parsed.relationships],
        "characters": [norm(n) for n in parsed.characters],
        "additional_tags": [norm(n) for n in parsed.additional_tags],
        "language": parsed.language,
        "series": (norm(parsed.series_title), parsed.series_position),
        "complete": parsed.complete,
        "expected_chapters": parsed.expected_chapters,
        "published": parsed.published,
        "updated": parsed.updated,
        "chapters": [
            (
                norm(c.title),
                plain(c.html) if c.html else norm(" ".join(c.paragraphs)),
                norm(c.summary),
                norm(c.notes),
                norm(c.end_notes),
            )
            for c in parsed.chapters
        ],
    }
