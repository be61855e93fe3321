"""Blurbs drawn through the fragments cache: reused when nothing changed, redrawn when anything shown did."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.template import Context, Template
from django.test.signals import template_rendered
from django.utils.safestring import mark_safe

from scriptorium.accounts.models import Pseud
from scriptorium.tags.models import Tag
from scriptorium.works.models import Series, Work
from scriptorium.works.selectors import works_listed
from scriptorium.works.templatetags.blurbs import BLURB_TEMPLATE, READER_SLOT, SNIPPET_SLOT
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db

LISTING = Template("{% load blurbs %}{% blurbs works %}")
ONE = Template('{% load blurbs %}{% blurb work heading="h2" %}')
#: The blurb template included directly, as the listings did before the cache.
UNCACHED = Template('{% for work in works %}{% include "works/_blurb.html" %}{% endfor %}')


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    caches["fragments"].clear()
    yield
    caches["fragments"].clear()


@pytest.fixture
def renders() -> Iterator[list[str]]:
    """The names of the blurb templates rendered while the test runs."""
    seen: list[str] = []

    def record(sender: object, template: Template, **kwargs: object) -> None:
        if template.name == BLURB_TEMPLATE:
            seen.append(template.name)

    template_rendered.connect(record)
    yield seen
    template_rendered.disconnect(record)


def _works() -> list[Work]:
    return list(works_listed(AnonymousUser()))


def _listing(works: list[Work] | None = None) -> str:
    return LISTING.render(Context({"works": _works() if works is None else works}))


def _uncached(works: list[Work]) -> str:
    """The original include, its snippet slot filled the way the old ``{% if work.search_snippet %}`` did."""
    # The reader's own line is empty for works no reader opened (tests/interactions/test_reading_signals.py).
    pieces = UNCACHED.render(Context({"works": works})).replace(READER_SLOT, "").split(SNIPPET_SLOT)
    assert len(pieces) == len(works) + 1
    out = [pieces[0]]
    for work, piece in zip(works, pieces[1:], strict=True):
        snippet = getattr(work, "search_snippet", "")
        if snippet:
            out.append(
                f'<p class="blurb__snippet"><span class="visually-hidden">Matching passage: </span>{snippet}</p>'
            )
        out.append(piece)
    return "".join(out)


@pytest.fixture
def story() -> Work:
    return make_work(
        creator=UserFactory(username="lamplighter"),
        title="Harbour Lights",
        fandoms=("Sea Stories",),
        additional_tags=("Slow Burn",),
        series_title="Tide Cycle",
        summary="A lamp and a <em>storm</em>.",
    )


def test_a_blurb_is_rendered_once_then_served_from_the_cache(story: Work, renders: list[str]) -> None:
    make_work(title="Second Story")

    first = _listing()
    assert len(renders) == 2
    second = _listing()

    assert len(renders) == 2  # nothing rendered again
    assert second == first
    assert "Harbour Lights" in second and "Second Story" in second


def test_one_blurb_tag_uses_the_cache_too(story: Work, renders: list[str]) -> None:
    first = ONE.render(Context({"work": _works()[0]}))
    second = ONE.render(Context({"work": _works()[0]}))

    assert len(renders) == 1
    assert first == second
    assert '<h2 class="blurb__title">' in first


def test_the_heading_level_is_part_of_the_key(story: Work) -> None:
    assert '<h3 class="blurb__title">' in _listing()
    assert '<h2 class="blurb__title">' in ONE.render(Context({"work": _works()[0]}))


def test_cached_output_is_what_the_template_draws(story: Work) -> None:
    works = _works()
    works[0].search_snippet = mark_safe("the <mark>lamp</mark> &amp; the storm")

    cold = _listing(works)
    warm = _listing(works)

    assert cold == warm == _uncached(works)
    assert SNIPPET_SLOT not in warm


def test_the_snippet_differs_per_search_while_the_rest_is_cached(story: Work, renders: list[str]) -> None:
    works = _works()
    works[0].search_snippet = mark_safe("the <mark>lamp</mark>")
    first = _listing(works)
    works[0].search_snippet = "plain <b> text"  # not marked safe: escaped, as the template did
    second = _listing(works)
    works[0].search_snippet = ""
    third = _listing(works)

    assert len(renders) == 1
    assert "Matching passage: </span>the <mark>lamp</mark></p>" in first
    assert "Matching passage: </span>plain &lt;b&gt; text</p>" in second
    assert "blurb__snippet" not in third
    assert first.replace("the <mark>lamp</mark>", "") == second.replace("plain &lt;b&gt; text", "")


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        (lambda work: Tag.objects.filter(name="Slow Burn").update(name="Slowest Burn"), ">Slowest Burn</a>"),
        (lambda work: Tag.objects.filter(name="Sea Stories").update(name="Ocean Tales"), ">Ocean Tales</a>"),
        (lambda work: Pseud.objects.filter(name="lamplighter").update(name="Lamp Lighter"), ">Lamp Lighter ("),
        (lambda work: Work.objects.filter(pk=work.pk).update(kudos_count=1234), "<dd>1,234</dd>"),
        (lambda work: Work.objects.filter(pk=work.pk).update(hits_count=77), "<dd>77</dd>"),
        (lambda work: Work.objects.filter(pk=work.pk).update(title="Harbour Nights"), ">Harbour Nights</a>"),
        (lambda work: Series.objects.filter(title="Tide Cycle").update(title="Ebb Cycle"), ">Ebb Cycle</a>"),
        (lambda work: Work.objects.filter(pk=work.pk).update(summary="<p>Calm.</p>"), "<p>Calm.</p>"),
        (lambda work: Work.objects.filter(pk=work.pk).update(expected_chapters=9), "<dd>1/9</dd>"),
    ],
)
def test_any_change_to_what_a_blurb_shows_redraws_it(story: Work, change, shown: str) -> None:
    before = _listing()
    assert shown not in before

    change(story)
    after = _listing()

    assert shown in after
    assert after == _uncached(_works())
