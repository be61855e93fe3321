"""Right-to-left works in downloads (issue 18): the archive's own words (where the work comes from, the metadata
labels, "by", "Summary", "Chapter 1:", the afterword's message) stay English and left to right; the work's own
text (title, summary, notes, chapter titles and text) carries its language and direction. In the EPUB and the HTML
download (which the PDF is made from); EPUBCheck's own run of the same book is in test_export_epubcheck."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree

from scriptorium.transfer.exports.html import html_parts
from tests.transfer.test_export_epubcheck import BOOKS
from tests.transfer.test_export_formats import epub_members

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OURS = {"dir": "ltr", "lang": "en", XML_LANG: "en"}
ARABIC = {"dir": "rtl", "lang": "ar", XML_LANG: "ar"}


def _attrs(element) -> dict[str, str]:
    return {key: element.get(key) for key in ("dir", "lang", XML_LANG)}


def _one(root, xpath: str):
    found = root.xpath(xpath, namespaces={"h": "http://www.w3.org/1999/xhtml"})
    assert found, xpath
    return found


def _check_preface(root) -> None:
    for xpath in (
        "//h:p[@class='message']",
        "//h:dl[@class='tags']",
        "//h:div[@class='byline']",
        "//h:p[@class='label']",
    ):
        for element in _one(root, xpath):
            assert _attrs(element) == OURS, xpath
    for xpath in ("//h:p[@class='message']/h:b", "//h:h1[@class='title']", "//h:blockquote[@class='userstuff']"):
        for element in _one(root, xpath):
            assert _attrs(element) == ARABIC, xpath


def _check_chapter(root) -> None:
    for heading in _one(root, "//h:h2[@class='heading']"):
        assert _attrs(heading) == OURS
        assert heading.text.startswith("Chapter ")
    for title in _one(root, "//h:h2[@class='heading']/h:span[@class='title']"):
        assert _attrs(title) == ARABIC
    for text in _one(root, "//h:div[@class='chapter']/h:div[@class='userstuff']"):
        assert _attrs(text) == ARABIC


def test_an_arabic_epub_keeps_our_labels_left_to_right(tmp_path: Path) -> None:
    members = epub_members(BOOKS["arabic-rtl"], tmp_path)
    preface = etree.fromstring(members["OEBPS/preface.xhtml"])
    assert _attrs(preface) == ARABIC  # the book is the work's: its language, its page progression
    _check_preface(preface)
    _check_chapter(etree.fromstring(members["OEBPS/chapter-0001.xhtml"]))
    afterword = etree.fromstring(members["OEBPS/afterword.xhtml"])
    assert _attrs(_one(afterword, "//h:p[@class='message']")[0]) == OURS
    assert _attrs(_one(afterword, "//h:blockquote[@class='userstuff']")[0]) == ARABIC
    nav = etree.fromstring(members["OEBPS/nav.xhtml"])
    assert all(_attrs(element) == OURS for element in _one(nav, "//h:nav"))


def test_an_arabic_html_download_keeps_our_labels_left_to_right() -> None:
    root = etree.fromstring("".join(html_parts(BOOKS["arabic-rtl"])).encode())
    assert _attrs(root) == ARABIC
    _check_preface(root)
    _check_chapter(root)
    assert _attrs(_one(root, "//h:nav[@id='toc']")[0]) == OURS
    assert _attrs(_one(root, "//h:div[@id='afterword']/h:p[@class='message']")[0]) == OURS


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_left_to_right_work_marks_its_text_in_its_own_language(language: str) -> None:
    work = dataclasses.replace(BOOKS["arabic-rtl"], language=language)
    root = etree.fromstring("".join(html_parts(work)).encode())
    assert _attrs(_one(root, "//h:h1[@class='title']")[0]) == {"dir": "ltr", "lang": language, XML_LANG: language}
    assert _attrs(_one(root, "//h:dl[@class='tags']")[0]) == OURS
