"""The converters one by one: the registry, EPUB structure and metadata, XHTML repair, file names."""

from __future__ import annotations

import dataclasses
import datetime
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import HealthCheck, given, settings
from lxml import etree

from scriptorium.transfer.exports import DEFAULT_FORMATS, converters, format_for_extension, is_available
from scriptorium.transfer.exports.epub import write_epub
from scriptorium.transfer.exports.html import html_parts
from scriptorium.transfer.exports.markdown import html_to_markdown, markdown_parts
from scriptorium.transfer.exports.naming import ascii_basename, basename, content_disposition, url_slug
from scriptorium.transfer.exports.text import text_parts
from scriptorium.transfer.exports.xhtml import to_xhtml
from tests.transfer.export_strategies import works
from tests.transfer.test_export_epubcheck import BOOKS

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"


def epub_members(work, tmp_path: Path) -> dict[str, bytes]:
    path = tmp_path / "book.epub"
    write_epub(work, path)
    with zipfile.ZipFile(path) as book:
        first = book.infolist()[0]
        assert (first.filename, first.compress_type, first.extra) == ("mimetype", zipfile.ZIP_STORED, b"")
        return {name: book.read(name) for name in book.namelist()}


def test_registry_defaults_and_lookup() -> None:
    assert list(converters()) == ["epub", "azw3", "mobi", "pdf", "html", "txt", "md"]
    assert [converters()[name].requires for name in ("epub", "pdf")] == [(), ("epub",)]
    assert format_for_extension("MD") == "md" and format_for_extension("docx") is None
    assert all(is_available(name) for name in ("epub", "html", "txt", "md"))


def test_registry_follows_the_setting(settings) -> None:
    settings.SCRIPTORIUM_DOWNLOAD_FORMATS = {"txt": DEFAULT_FORMATS["txt"], "html": DEFAULT_FORMATS["html"]}
    assert list(converters()) == ["txt", "html"]
    settings.SCRIPTORIUM_DOWNLOAD_FORMATS = {"pdf": DEFAULT_FORMATS["pdf"]}
    with pytest.raises(ImproperlyConfigured, match="needs the epub format"):
        converters()
    settings.SCRIPTORIUM_DOWNLOAD_FORMATS = {"x": {"BACKEND": "scriptorium.transfer.exports.nothing.Here"}}
    with pytest.raises(ImproperlyConfigured):
        converters()
    settings.SCRIPTORIUM_DOWNLOAD_FORMATS = {"x": {"BACKEND": "datetime.date"}}
    with pytest.raises(ImproperlyConfigured, match="not a Converter"):
        converters()


def test_epub_metadata(tmp_path: Path) -> None:
    work = BOOKS["hostile-html"]
    members = epub_members(work, tmp_path)
    assert members["mimetype"] == b"application/epub+zip"
    opf = etree.fromstring(members["OEBPS/content.opf"])
    metadata = opf.find(f"{OPF}metadata")
    assert metadata.findtext(f"{DC}identifier") == work.identifier
    assert work.identifier.startswith("urn:uuid:")
    assert metadata.findtext(f"{DC}title") == work.title
    assert metadata.findtext(f"{DC}language") == "en"
    assert [c.text for c in metadata.iter(f"{DC}creator")] == work.creator_names
    assert [s.text for s in metadata.iter(f"{DC}subject")] == work.tags
    metas = {m.get("property") or m.get("name"): m.text or m.get("content") for m in metadata.iter(f"{OPF}meta")}
    assert metas["dcterms:modified"] == "2020-01-01T00:00:00Z"
    assert metas["belongs-to-collection"] == "Other"  # the last of the two series
    assert (metas["calibre:series"], metas["calibre:series_index"]) == ("Series <&> One", "2")
    assert opf.find(f"{OPF}spine").get("toc") == "ncx"
    nav = members["OEBPS/nav.xhtml"].decode()
    assert 'epub:type="toc"' in nav and "Chapter 1: Tom &amp; &lt;Jerry&gt;" in nav
    chapters = sorted(name for name in members if name.startswith("OEBPS/chapter-"))
    assert len(chapters) == len(work.chapters)
    third = members["OEBPS/chapter-0003.xhtml"].decode()
    assert "Chapter Summary" in third and "Summary of 3 &lt;&amp;&gt;" in third
    preface = members["OEBPS/preface.xhtml"].decode()
    for label in (
        "Rating:",
        "Archive Warning:",
        "Categories:",
        "Fandom:",
        "Relationship:",
        "Characters:",
        "Additional Tags:",
        "Language:",
        "Series:",
        "Stats:",
        "Summary",
        "Notes",
    ):
        assert label in preface
    assert "Part 2 of" in preface and "Words: 123,456 Chapters: 30/?" in preface
    assert "End notes." in members["OEBPS/afterword.xhtml"].decode()
    assert b"style.css" in members["OEBPS/preface.xhtml"] and b".userstuff" in members["OEBPS/style.css"]


def test_epub_identifier_is_stable_and_bytes_deterministic(tmp_path: Path) -> None:
    work = BOOKS["arabic-rtl"]
    moment = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    later = dataclasses.replace(work, revision=7, title="Renamed", modified_at=moment)
    assert later.identifier == work.identifier
    assert dataclasses.replace(work, work_id=43).identifier != work.identifier
    write_epub(work, tmp_path / "a.epub")
    write_epub(work, tmp_path / "b.epub")
    assert (tmp_path / "a.epub").read_bytes() == (tmp_path / "b.epub").read_bytes()
    opf = epub_members(work, tmp_path)["OEBPS/content.opf"].decode()
    assert 'page-progression-direction="rtl"' in opf and 'dir="rtl"' in opf


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(work=works())
def test_every_epub_member_is_well_formed_xml(work, tmp_path: Path) -> None:
    members = epub_members(work, tmp_path)
    for name, data in members.items():
        if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            etree.fromstring(data)  # raises on anything malformed
    pages = [n for n in members if n.startswith("OEBPS/chapter-")]
    assert len(pages) == len(work.chapters)


@pytest.mark.parametrize(
    ("html", "xhtml"),
    [
        ("<p>a&nbsp;b</p>", "<p>a\u00a0b</p>"),
        ("<p>x<br>y</p><hr>", "<p>x<br/>y</p><hr/>"),
        ("<p><span></span></p>", "<p><span></span></p>"),
        ("<center>c</center>", '<div class="x-center">c</div>'),
        ("<p align='center' class='user'>c</p>", '<p class="align-center">c</p>'),
        (
            "<a href='/works/3'>rel</a> <a href='https://e.org/'>abs</a>",
            'rel <a href="https://e.org/" rel="nofollow noopener noreferrer">abs</a>',
        ),
        ("<p>a<img src='https://e.org/i.png' alt='i'>b</p>", "<p>ab</p>"),
        ("<ul>loose<li>item</li></ul>", "<ul><li>loose</li><li>item</li></ul>"),
        ("<dl><dd>d</dd></dl>", '<div class="x-dl"><div class="x-dd">d</div></div>'),
        ("<p>bad\x01char</p>", "<p>badchar</p>"),
        (
            "<p lang='zz-!!' dir='up'>x</p><p lang='ar' dir='rtl'>y</p>",
            '<p>x</p><p dir="rtl" lang="ar" xml:lang="ar">y</p>',
        ),
    ],
)
def test_stored_html_becomes_valid_xhtml(html: str, xhtml: str) -> None:
    assert to_xhtml(html) == xhtml


def test_html_keeps_remote_images() -> None:
    assert to_xhtml("<p><img src='https://e.org/i.png' alt='i'></p>", keep_images=True) == (
        '<p><img src="https://e.org/i.png" alt="i"/></p>'
    )


def test_html_download_is_one_file_with_the_full_preface() -> None:
    document = "".join(html_parts(BOOKS["cjk-emoji"]))
    assert document.startswith("<!DOCTYPE html>") and '<html xmlns="http://www.w3.org/1999/xhtml" lang="ja"' in document
    assert "<style>" in document and "<link" not in document
    assert '<dl class="tags"' in document and 'id="chapters"' in document and 'id="afterword"' in document
    assert '<nav id="toc"' in document and 'href="#chapter-3"' in document
    etree.fromstring(document.split("\n", 1)[1].encode())  # the markup is well-formed XML as well as HTML


def test_text_and_markdown_layouts() -> None:
    work = BOOKS["hostile-html"]
    text = "".join(text_parts(work))
    assert text.startswith(f"{work.title}\n\nby Tom & Jerry (writer0), <Anonymous & Co>\n\nRating: Teen")
    assert "\nSeries: Part 2 of Series <&> One, Part 5 of Other\n" in text
    assert "\nSummary:\n> A summary with <tags> & ampersands.\n>\n> Second paragraph.\n" in text
    assert "TABLE OF CONTENTS\n\nChapter 1: Tom" in text and "\n\tChapter 2\n" in text
    assert text.endswith("End Notes:\n> End notes.\n\nEnd file.\n")
    markdown = "".join(markdown_parts(work))
    assert markdown.startswith('---\ntitle: "Tom & <Jerry> \\"quoted\\" \'it\' — ✨"\n')
    assert '\nauthors: ["Tom & Jerry (writer0)", "<Anonymous & Co>"]\n' in markdown
    assert "\nsummary: |\n  A summary with <tags> & ampersands.\n\n  Second paragraph.\n" in markdown
    assert "\n## Chapter 2\n" in markdown and "> **Chapter Summary:**" in markdown


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<p>*not* _em_ # 1. a</p>", "\\*not\\* \\_em\\_ \\# 1. a"),
        ("<p>1. list? - no</p><p>- dash</p>", "1\\. list? - no\n\n\\- dash"),
        ("<p>a <em>b</em> <strong>c d</strong> <em> e</em></p>", "a *b* **c d** <em> e</em>"),
        ("<p>x<br>y<br></p>", "x\\\ny"),
        ("<h2>Inner</h2>", "### Inner"),
        ("<h1>Top</h1><h6>Deep</h6><h2>Side</h2>", "### Top\n\n#### Deep\n\n#### Side"),
        ("<blockquote><p>q</p><p>r</p></blockquote>", "> q\n>\n> r"),
        ("<ol start='3'><li>a</li><li>b</li></ol>", "3. a\n\n4. b"),
        ("<p><a href='https://e.org/(x)'>link</a></p>", "[link](https://e.org/%28x%29)"),
        ("<pre>a ``` b</pre>", "````\na ``` b\n````"),
    ],
)
def test_html_to_markdown(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown


def test_file_names() -> None:
    assert basename("Tom & Jerry: A/B?", ["Ærø", "writer"]) == "Tom & Jerry A B - Ærø, writer"
    assert content_disposition("Ærø", [], "epub", fallback="work-1") == (
        "attachment; filename=\"AEro.epub\"; filename*=UTF-8''%C3%86r%C3%B8.epub"
    )
    assert content_disposition("雪", [], "pdf", fallback="work-9").startswith('attachment; filename="work-9.pdf"; ')


def test_a_title_with_no_latin_letter_keeps_its_letters_and_an_ascii_name_that_says_which_work() -> None:
    """Issue 18: a Chinese title by "archive-import" was saved as "- archive-import.epub" by clients that read only
    the ASCII name; the full name keeps every letter, the ASCII one stands in the work's number for the title."""
    header = content_disposition("红楼梦", ["archive-import"], "epub", fallback="work-7")
    assert header == (
        'attachment; filename="work-7 - archive-import.epub"; '
        "filename*=UTF-8''%E7%BA%A2%E6%A5%BC%E6%A2%A6%20-%20archive-import.epub"
    )
    assert ascii_basename("حكاية", ["كاتب", "Ærø"], fallback="work-8") == "work-8 - AEro"
    assert ascii_basename("雪", ["雪人"], fallback="work-9") == "work-9"
    assert ascii_basename("Tom & Jerry: A/B?", ["writer"], fallback="work-1") == "Tom & Jerry A B - writer"
    assert url_slug("A Quiet Evening!") == "A_Quiet_Evening" and url_slug("雪") == "work"
