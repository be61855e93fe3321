"""Edits of lxml trees that keep the text around what they take out (the readers in ``formats`` and the writers
in ``exports`` both clean trees this way).

In lxml the text after an element is its ``tail``, so removing the element naively loses it.
"""

from __future__ import annotations

from lxml import etree


def remove_keep_tail(element: etree._Element, replacement: str = "") -> None:
    """Remove ``element`` and put ``replacement`` and the text that followed it where it stood.

    An element without a parent (the root) is left alone."""
    parent = element.getparent()
    if parent is None:
        return
    text = replacement + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(element)


def unwrap(element: etree._Element) -> None:
    """Replace ``element`` by its content: its text, its children and the text that followed it stay in place.

    An element without a parent (the root) is left alone."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    text = element.text or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    children = list(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    last = children[-1] if children else previous
    tail = element.tail or ""
    if last is not None:
        last.tail = (last.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)
