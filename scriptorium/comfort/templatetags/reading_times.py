"""``{% reading_time work.word_count %}``: a reading time at the reader's speed (``READING_SPEED``, from the
context processor; the default speed where a page has none), as ``comfort.reading`` says it."""

from __future__ import annotations

from django import template

from scriptorium.comfort.reading import reading_time as _reading_time

register = template.Library()


@register.simple_tag(takes_context=True)
def reading_time(context: template.Context, words: int | None) -> str:
    return _reading_time(int(words or 0), context.get("READING_SPEED", ""))
