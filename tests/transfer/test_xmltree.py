"""Taking elements out of an lxml tree keeps the text around them."""

from __future__ import annotations

import lxml.html
from lxml import etree

from scriptorium.transfer.xmltree import remove_keep_tail, unwrap


def _html(element: etree._Element) -> str:
    return etree.tostring(element, method="html", encoding="unicode")


def test_removing_an_element_keeps_the_text_after_it() -> None:
    root = lxml.html.fragment_fromstring("<p>One <img src=x> two <b>three</b><script>x</script> four</p>")
    remove_keep_tail(root.find("img"))
    remove_keep_tail(root.find("script"), replacement="!")
    assert _html(root) == "<p>One  two <b>three</b>! four</p>"


def test_the_first_child_hands_its_tail_to_the_parent() -> None:
    root = lxml.html.fragment_fromstring("<p><img src=x>after</p>")
    remove_keep_tail(root.find("img"))
    assert _html(root) == "<p>after</p>"


def test_unwrapping_keeps_text_children_and_tail_in_order() -> None:
    root = lxml.html.fragment_fromstring("<p>a <a href=x>b <i>c</i> d</a> e <a>f</a> g</p>")
    for link in root.findall("a"):
        unwrap(link)
    assert _html(root) == "<p>a b <i>c</i> d e f g</p>"


def test_the_root_is_left_alone() -> None:
    root = lxml.html.fragment_fromstring("<p>text</p>")
    remove_keep_tail(root)
    unwrap(root)
    assert _html(root) == "<p>text</p>"
