"""Template helpers for the reader's pages. They read only what ``scriptorium.works.selectors`` prefetched."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.core.paginator import Page
from django.http import HttpRequest

from scriptorium.accounts.models import Pseud
from scriptorium.tags.models import Tag, TagType
from scriptorium.tags.vocabulary import CHOSE_NOT_TO_WARN, RATING_ABBREVIATIONS, SUBSTANTIVE_WARNINGS
from scriptorium.works.bylines import Byline, byline_of
from scriptorium.works.languages import LANGUAGES
from scriptorium.works.models import Work

register = template.Library()

#: Languages written right to left, for the ``dir`` attribute of their text.
RTL_LANGUAGES = frozenset({"ar", "fa", "he"})


@dataclass
class TagGroups:
    """A work's tags by type, each list in the order the creator gave."""

    warnings: list[Tag] = field(default_factory=list)
    categories: list[Tag] = field(default_factory=list)
    fandoms: list[Tag] = field(default_factory=list)
    relationships: list[Tag] = field(default_factory=list)
    characters: list[Tag] = field(default_factory=list)
    additional: list[Tag] = field(default_factory=list)

    @property
    def listed(self) -> list[tuple[str, Tag]]:
        """The tags a blurb lists after its fandoms, with their type: warnings first, as on AO3."""
        return [
            (kind, tag)
            for kind, tags in (
                ("warning", self.warnings),
                ("relationship", self.relationships),
                ("character", self.characters),
                ("additional", self.additional),
            )
            for tag in tags
        ]


_GROUP_FOR_TYPE = {
    TagType.WARNING: "warnings",
    TagType.CATEGORY: "categories",
    TagType.FANDOM: "fandoms",
    TagType.RELATIONSHIP: "relationships",
    TagType.CHARACTER: "characters",
    TagType.ADDITIONAL: "additional",
}


@register.filter
def tag_groups(work: Work) -> TagGroups:
    """The work's prefetched taggings grouped by tag type (computed once per work object)."""
    cached = getattr(work, "_tag_groups", None)
    if cached is not None:
        return cached
    groups = TagGroups()
    for tagging in work.taggings.all():
        name = _GROUP_FOR_TYPE.get(tagging.tag.type)
        if name:
            getattr(groups, name).append(tagging.tag)
    work._tag_groups = groups
    return groups


@register.filter
def creator_pseuds(work: Work) -> list[Pseud]:
    """The work's creators in credit order (from the prefetched creatorships)."""
    return [creatorship.pseud for creatorship in work.creatorships.all()]


@register.filter
def byline(work: Work) -> Byline:
    """The work's byline: its authors (pseuds and external creators) and, for archived works, the archivists."""
    return byline_of(work)


@register.filter
def language_name(code: str) -> str:
    """A language code's own name ("Español" for "es")."""
    return LANGUAGES.get(code, code)


@register.filter
def text_dir(code: str) -> str:
    return "rtl" if code.split("-")[0] in RTL_LANGUAGES else "ltr"


@dataclass(frozen=True)
class Badge:
    """One square of AO3's "required tags" block: a short code, a style, and its text alternative."""

    code: str
    css: str
    label: str


@register.filter
def required_badges(work: Work) -> list[Badge]:
    """Rating, warnings, category and completion as four badges, each with a full-text label."""
    groups = tag_groups(work)
    abbreviation = RATING_ABBREVIATIONS.get(work.rating, "?")
    badges = [Badge(abbreviation, f"rating-{abbreviation}", f"Rating: {work.rating}")]
    warning_names = [t.name for t in groups.warnings]
    if SUBSTANTIVE_WARNINGS.intersection(warning_names):
        code, css = "!", "warn-yes"
    elif CHOSE_NOT_TO_WARN in warning_names or not warning_names:
        code, css = "?", "warn-choose"
    else:
        code, css = "–", "warn-none"
    badges.append(Badge(code, css, "Archive warnings: " + (", ".join(warning_names) or "none given")))
    categories = [t.name for t in groups.categories]
    code = "–" if not categories else categories[0] if len(categories) == 1 else "Mx"
    badges.append(Badge(code, "category", "Category: " + (", ".join(categories) or "none")))
    if work.complete:
        badges.append(Badge("✓", "complete", "Complete work"))
    else:
        badges.append(Badge("…", "wip", "Work in progress"))
    return badges


@register.filter
def page_range(page: Page) -> str:
    """AO3's listing count: "21 – 40 of 57", or just "57" when everything fits on one page."""
    count = page.paginator.count
    if page.paginator.num_pages <= 1:
        return f"{count:,}"
    return f"{page.start_index():,} – {page.end_index():,} of {count:,}"


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, number: int) -> str:
    """The current URL's query string with ``page`` set to ``number`` (other parameters kept)."""
    request: HttpRequest = context["request"]
    query = request.GET.copy()
    if number == 1:
        query.pop("page", None)
    else:
        query["page"] = str(number)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else request.path


@register.filter
def page_numbers(page: Page) -> list[int | str]:
    """Page numbers around the current one, with "…" for the gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
