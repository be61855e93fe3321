"""Work blurbs rendered through the ``fragments`` cache.

A blurb's cache key is a fingerprint of everything it shows (the work's fields and counters, its tags, creators,
external creators (claimed or not) and series places, the heading level, how user HTML is shown), so an edit changes
the key and a cached blurb is never stale; nothing has to be invalidated. The search snippet differs per search, and
the reader's own line (new chapters since they read the work, its shelf) per reader, so the cached HTML holds a
slot for each that is filled on every render.

``{% blurb work %}`` draws one blurb, ``{% blurbs works %}`` a list of them with one cache lookup. Both take
``heading="h2"``; without it they use the context's ``blurb_heading`` (default ``h3``).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable

from django import template
from django.core.cache import caches
from django.template.defaultfilters import pluralize
from django.urls import get_script_prefix
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from scriptorium.core.sanitize import display_policy
from scriptorium.works.models import Work

register = template.Library()

BLURB_TEMPLATE = "works/_blurb.html"
#: Templates whose text is part of every key, so a deploy that changes them never serves old fragments.
_KEYED_TEMPLATES = (BLURB_TEMPLATE, "works/_byline.html", "interactions/_stats.html")
#: Where ``_blurb.html`` leaves room for the search snippet (user HTML is sanitized, titles escaped, so only
#: the template itself can write this comment; the last one is taken all the same).
SNIPPET_SLOT = "<!--blurb:snippet-->"
#: Where it leaves room for the reader's own line (new chapters since they read it, their shelf): per reader.
READER_SLOT = "<!--blurb:reader-->"
CACHE_ALIAS = "fragments"


@functools.cache
def _templates_version(engine: template.Engine) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    for name in _KEYED_TEMPLATES:
        digest.update(engine.get_template(name).source.encode())
    return digest.hexdigest()[:12]


def blurb_fingerprint(work: Work, heading: str, engine: template.Engine, speed: str = "") -> str:
    """The cache key of ``work``'s blurb: an md5 of everything the blurb shows, from the prefetched rows."""
    shown = (
        _templates_version(engine),
        speed,  # the reader's reading speed (its reading time)
        display_policy(),  # how user HTML is shown (the remote images setting)
        get_language(),
        get_script_prefix(),
        heading,
        work.pk,
        work.revision,
        work.title,
        work.summary,
        work.language,
        work.restricted,
        work.rating,
        work.complete,
        work.revised_on,
        work.word_count,
        work.chapter_count,
        work.expected_chapters,
        work.comments_count,
        work.kudos_count,
        work.bookmarks_count,
        work.hits_count,
        [(t.tag.pk, t.tag.name, t.tag.type) for t in work.taggings.all()],
        [(c.pseud.pk, c.pseud.name, c.pseud.user.username) for c in work.creatorships.all()],
        [
            (e.external_creator.pk, e.external_creator.name, e.external_creator.claimed_by_id)
            for e in work.external_creatorships.all()
        ],
        [(p.position, p.series.pk, p.series.title) for p in work.series_parts.all()],
    )
    return "blurb:" + hashlib.md5(repr(shown).encode(), usedforsecurity=False).hexdigest()


def _heading(context: template.Context, heading: str | None) -> str:
    return heading or context.get("blurb_heading") or "h3"


def _render_cacheable(context: template.Context, work: Work, heading: str, speed: str) -> str:
    """The blurb with its slots still empty, from only ``work``, ``heading`` and the reading speed (nothing else
    leaks in)."""
    blurb_template = context.template.engine.get_template(BLURB_TEMPLATE)
    return blurb_template.render(context.new({"work": work, "blurb_heading": heading, "READING_SPEED": speed}))


def _reader_note(work: Work) -> str:
    """The reader's own line (``reader_signal``, set by the listing: see ``interactions.selectors.signals``):
    chapters new since they read the work, and its shelf; escaped."""
    signal = getattr(work, "reader_signal", None)
    if not signal:
        return ""
    parts = []
    if signal.new_chapters:
        count = signal.new_chapters
        parts.append(format_html("<strong>Updated since you read:</strong> {} new chapter{}", count, pluralize(count)))
    if signal.shelf:
        parts.append(format_html("On your shelf: {}", signal.shelf_label))
    return format_html('<p class="blurb__reader">{}</p>', mark_safe(" · ".join(parts)))  # noqa: S308 (each escaped)


def _fill_snippet(html: str, work: Work) -> SafeString:
    before, reader_slot, after = html.rpartition(READER_SLOT)
    if reader_slot:
        html = before + _reader_note(work) + after
    before, slot, after = html.rpartition(SNIPPET_SLOT)
    if not slot:
        return mark_safe(html)  # noqa: S308 (rendered by the autoescaping template engine)
    snippet = getattr(work, "search_snippet", "")
    filled = (
        format_html(
            '<p class="blurb__snippet"><span class="visually-hidden">Matching passage: </span>{}</p>',
            snippet,
        )
        if snippet
        else ""
    )
    return mark_safe(before + filled + after)  # noqa: S308 (template output and an escaped snippet)


def render_blurbs(context: template.Context, works: Iterable[Work], heading: str) -> SafeString:
    """The blurbs of ``works`` in order, rendering only those the cache lacks (one ``get_many``, one ``set_many``)."""
    cache = caches[CACHE_ALIAS]
    engine = context.template.engine
    speed = str(context.get("READING_SPEED", ""))
    keyed = [(blurb_fingerprint(work, heading, engine, speed), work) for work in works]
    found = cache.get_many([key for key, _ in keyed]) if keyed else {}
    rendered: dict[str, str] = {}
    parts = []
    for key, work in keyed:
        html = found.get(key) or rendered.get(key)
        if html is None:
            html = rendered[key] = _render_cacheable(context, work, heading, speed)
        parts.append(_fill_snippet(html, work))
    if rendered:
        cache.set_many(rendered)
    return mark_safe("".join(parts))  # noqa: S308 (each part is safe)


@register.simple_tag(takes_context=True)
def blurb(context: template.Context, work: Work, heading: str | None = None) -> SafeString:
    """One work's blurb (an ``<li>``), from the cache when it has been drawn before."""
    return render_blurbs(context, [work], _heading(context, heading))


@register.simple_tag(takes_context=True)
def blurbs(context: template.Context, works: Iterable[Work], heading: str | None = None) -> SafeString:
    """The blurbs of ``works``, in order, fetched from the cache together."""
    return render_blurbs(context, works, _heading(context, heading))
