"""The pieces of a work as AO3 lays out its downloads, in XHTML: the preface with the metadata block, each
chapter with its summary and notes, and the afterword with the end notes.

The HTML download is these pieces in one file; the EPUB puts the preface, each chapter and the afterword on
pages of their own. Keeping AO3's layout means our importer (:mod:`scriptorium.transfer.formats.ao3`), and other
tools that read AO3's downloads, read ours back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scriptorium.transfer.exports.snapshot import ChapterSnapshot, Link, WorkSnapshot
from scriptorium.transfer.exports.xhtml import escape, to_xhtml

STYLESHEET = (Path(__file__).parent / "ebook.css").read_text(encoding="utf-8")

#: The archive's own words (labels, headings, where the work comes from) are English and read left to right
#: whatever the work's language: in a right-to-left work they would otherwise be laid out right to left too.
OURS = ' lang="en" xml:lang="en" dir="ltr"'


def theirs(work: WorkSnapshot | None) -> str:
    """The language and direction of the work's own text (title, summary, notes, chapters), set again on each
    piece of it, as it may sit inside our left-to-right labels; "" when not known (the document's own hold)."""
    if work is None:
        return ""
    lang = escape(work.language)
    return f' lang="{lang}" xml:lang="{lang}" dir="{work.direction}"'


@dataclass(frozen=True)
class Field:
    """One line of the metadata block: a label and its values (links for tags, plain text otherwise)."""

    label: str
    links: tuple[Link, ...] = ()
    text: str = ""
    css: str = ""

    @property
    def value(self) -> str:
        return ", ".join(link.name for link in self.links) if self.links else self.text


def _plural(label: str, count: int, plural: str | None = None) -> str:
    return label if count == 1 else (plural or f"{label}s")


def series_text(work: WorkSnapshot) -> str:
    return ", ".join(f"Part {ref.position} of {ref.title}" for ref in work.series)


def stats_text(work: WorkSnapshot) -> str:
    """AO3's stats line: "Published: 2015-05-01 Updated: 2015-06-02 Words: 1,234 Chapters: 2/3"."""
    parts = []
    if work.published_on:
        parts.append(f"Published: {work.published_on.isoformat()}")
    if work.revised_on:
        parts.append(f"{'Completed' if work.complete else 'Updated'}: {work.revised_on.isoformat()}")
    parts.append(f"Words: {work.word_count:,}")
    parts.append(f"Chapters: {work.chapters_display}")
    return " ".join(parts)


def metadata_fields(work: WorkSnapshot) -> list[Field]:
    """The metadata block in AO3's order; empty groups are left out."""
    fields = [Field("Rating", (Link(work.rating, work.rating_url),), css="rating")]
    for label, plural, links, css in (
        ("Archive Warning", None, work.warnings, "warning"),
        ("Category", "Categories", work.categories, "category"),
        ("Fandom", None, work.fandoms, "fandom"),
        ("Relationship", None, work.relationships, "relationship"),
        ("Character", None, work.characters, "character"),
        ("Additional Tags", "Additional Tags", work.additional_tags, "freeform"),
    ):
        if links:
            fields.append(Field(_plural(label, len(links), plural), links, css=css))
    fields.append(Field("Language", text=work.language_name, css="language"))
    if work.series:
        fields.append(Field("Series", text=series_text(work), css="series"))
    fields.append(Field("Stats", text=stats_text(work), css="stats"))
    return fields


def _link(link: Link, *, rel: str = "") -> str:
    attrs = ""
    if link.url:  # a rel needs an href
        attrs = (f' rel="{rel}"' if rel else "") + f' href="{escape(link.url)}"'
    return f"<a{attrs}>{escape(link.name)}</a>"


def _dd(field: Field, work: WorkSnapshot) -> str:
    if field.label == "Series":
        return ", ".join(f"Part {ref.position} of {_link(Link(ref.title, ref.url))}" for ref in work.series)
    if field.links:
        return ", ".join(_link(link) for link in field.links)
    return escape(field.text)


def _module(label: str, html: str, *, keep_images: bool, heading_base: int = 3, text: str = "") -> str:
    body = to_xhtml(html, keep_images=keep_images, heading_base=heading_base)
    if not body.strip():
        return ""
    return f'<p class="label"{OURS}>{escape(label)}</p>\n<blockquote class="userstuff"{text}>{body}</blockquote>\n'


def preface(work: WorkSnapshot, *, keep_images: bool = False) -> str:
    """The title page: where it comes from, the metadata block, title, creators, summary and notes."""
    rows = "\n".join(
        f'<dt class="{field.css}">{escape(field.label)}:</dt><dd class="{field.css} tags">{_dd(field, work)}</dd>'
        for field in metadata_fields(work)
    )
    byline = ", ".join(_link(creator, rel="author") for creator in work.creators) or "Anonymous"
    if work.archivists:  # archived on its author's behalf: "by NAME [archived by ARCHIVIST]", as AO3 writes it;
        # the archivist as text, not a link, so that readers of the byline's links (ours too) credit NAME only
        byline += f" [archived by {escape(', '.join(archivist.name for archivist in work.archivists))}]"
    text = theirs(work)
    source = ""
    if work.url:
        source = (
            f"<br/>Posted originally on {escape(work.site_name)} at "
            f'<a href="{escape(work.url)}">{escape(work.url)}</a>.'
        )
    return (
        '<div id="preface">\n'
        f'<p class="message"{OURS}><b{text}>{escape(work.title)}</b>{source}</p>\n'
        '<div class="meta">\n'
        f'<dl class="tags"{OURS}>\n{rows}\n</dl>\n'
        f'<h1 class="title"{text}>{escape(work.title)}</h1>\n'
        f'<div class="byline"{OURS}>by {byline}</div>\n'
        f"{_module('Summary', work.summary, keep_images=keep_images, heading_base=2, text=text)}"
        f"{_module('Notes', work.notes, keep_images=keep_images, heading_base=2, text=text)}"
        "</div>\n</div>\n"
    )


def chapter_heading(chapter: ChapterSnapshot, *, text: str = "") -> str:
    if chapter.title:
        return f'Chapter {chapter.position}: <span class="title"{text}>{escape(chapter.title)}</span>'
    return f"Chapter {chapter.position}"


def chapter_block(chapter: ChapterSnapshot, *, keep_images: bool = False, work: WorkSnapshot | None = None) -> str:
    """One chapter: heading, summary and notes, text, end notes (the text in ``work``'s language, when given)."""
    own = theirs(work)
    meta = (
        f'<div class="meta group">\n<h2 class="heading"{OURS}>{chapter_heading(chapter, text=own)}</h2>\n'
        f"{_module('Chapter Summary', chapter.summary, keep_images=keep_images, text=own)}"
        f"{_module('Chapter Notes', chapter.notes, keep_images=keep_images, text=own)}"
        "</div>\n"
    )
    text = f'<div class="userstuff"{own}>{to_xhtml(chapter.text, keep_images=keep_images)}</div>\n'
    end = _module("Chapter End Notes", chapter.end_notes, keep_images=keep_images, text=own)
    end = f'<div class="meta group">\n{end}</div>\n' if end else ""
    return f'<div class="chapter" id="chapter-{chapter.position}">\n{meta}{text}{end}</div>\n'


def afterword(work: WorkSnapshot, *, keep_images: bool = False) -> str:
    """The end notes and the way back to the archive."""
    notes = _module("End Notes", work.end_notes, keep_images=keep_images, text=theirs(work))
    notes = f'<div class="meta">\n{notes}</div>\n' if notes else ""
    back = ""
    if work.url:
        back = (
            f'<p class="message"{OURS}>Please drop by the archive and comment to let the creator know if you enjoyed '
            f'their work: <a href="{escape(work.url)}">{escape(work.url)}</a></p>\n'
        )
    return f'<div id="afterword">\n{notes}{back}</div>\n'


def has_afterword(work: WorkSnapshot) -> bool:
    return bool(work.end_notes.strip() or work.url)


def chapter_blocks(work: WorkSnapshot, *, keep_images: bool = False) -> Iterator[str]:
    for chapter in work.chapters:
        yield chapter_block(chapter, keep_images=keep_images, work=work)
