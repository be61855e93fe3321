"""The works search form: the URL's query (GET) read into a :class:`WorkQuery`, every part checked.

Tags are typed by name, any type, comma-separated (``include`` / ``exclude`` may repeat, as facet links add
them); each name is looked up through the tag graph once per request: a synonym counts as its canonical tag, a
rating as the work's rating. An unknown name is an error on the form, never dropped silently.

``SearchForm.params()`` gives the search back as ordered URL parameters, so every link the page draws (facets,
removing a filter, sorting, pages) is built from one normalised state.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models.functions import Lower
from django.http import QueryDict

from scriptorium.search.query import Crossover, Sort, WorkQuery
from scriptorium.search.widgets import (
    DateInput,
    QuickCheckboxSelectMultiple,
    QuickRadioSelect,
    QuickSelect,
    TagNamesInput,
)
from scriptorium.tags.models import Tag, TagType
from scriptorium.tags.services import split_tag_input
from scriptorium.tags.vocabulary import CATEGORIES, RATINGS, WARNINGS
from scriptorium.works.languages import LANGUAGE_CHOICES

#: Longest ``q`` accepted; longer text gets an error instead of a slow query.
MAX_QUERY_CHARS = 500
#: Most tags one search may include (and, separately, exclude).
MAX_TAGS = 40
#: Deepest page reachable; past it readers are asked to narrow the search.
MAX_PAGE = 5000
MAX_WORDS = 100_000_000
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2200, 12, 31)

SORT_CHOICES = [
    (Sort.RELEVANCE.value, "Best match (or newest)"),  # short enough for a phone's sort menu
    (Sort.UPDATED.value, "Date updated"),
    (Sort.POSTED.value, "Date posted"),
    (Sort.WORDS.value, "Word count"),
    (Sort.KUDOS.value, "Kudos"),
    (Sort.HITS.value, "Hits"),
    (Sort.KUDOS_RATIO.value, "Kudos per hit"),
    (Sort.BOOKMARKS.value, "Bookmarks"),
    (Sort.COMMENTS.value, "Comments"),
    (Sort.TITLE.value, "Title"),
    (Sort.CREATOR.value, "Creator"),
]
#: Sorts that read naturally from A to Z; the others start with the most.
ASCENDING_BY_DEFAULT = frozenset({Sort.TITLE, Sort.CREATOR})
ORDER_CHOICES = [("", "Natural order"), ("desc", "Descending"), ("asc", "Ascending")]
CROSSOVER_CHOICES = [
    (Crossover.INCLUDE.value, "Include crossovers"),
    (Crossover.EXCLUDE.value, "Exclude crossovers"),
    (Crossover.ONLY.value, "Only crossovers"),
]
COMPLETE_CHOICES = [("", "All works"), ("complete", "Complete works only"), ("in_progress", "Works in progress only")]

#: The order of the URL parameters ``params()`` writes (and so of every link the page draws).
PARAM_ORDER = (
    "q",
    "include",
    "exclude",
    "rating",
    "exclude_rating",
    "warning",
    "exclude_warning",
    "category",
    "exclude_category",
    "crossover",
    "complete",
    "single_chapter",
    "words_from",
    "words_to",
    "posted_from",
    "posted_to",
    "updated_from",
    "updated_to",
    "language",
    "sort",
    "order",
)


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=DateInput(),
        error_messages={"invalid": "Enter a date as year-month-day, like 2024-03-31."},
    )


def _words_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_WORDS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        error_messages={
            "invalid": "Enter a whole number of words, like 5000.",
            "min_value": "A word count can’t be negative.",
            "max_value": f"No work is that long: enter at most {MAX_WORDS:,} words.",
        },
    )


@dataclass(frozen=True)
class ResolvedTag:
    """A tag a reader typed, as the search uses it."""

    typed: str
    name: str  # the canonical tag's name (what the URL and the panel show from now on)
    filter_id: int
    type: str


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search text",
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text='Words, "phrases", -left-out, prefix*, title: creator: tag: …',
    )
    include = forms.CharField(
        label="Include tags",
        required=False,
        widget=TagNamesInput(attrs={"autocomplete": "off"}),
        help_text="Any tags, separated by commas: every one must be there.",
    )
    exclude = forms.CharField(
        label="Exclude tags",
        required=False,
        widget=TagNamesInput(attrs={"autocomplete": "off"}),
        help_text="Works with any of these are left out.",
    )
    rating = forms.MultipleChoiceField(
        label="Ratings", required=False, choices=_choices(RATINGS), widget=QuickCheckboxSelectMultiple
    )
    exclude_rating = forms.MultipleChoiceField(
        label="Ratings", required=False, choices=_choices(RATINGS), widget=QuickCheckboxSelectMultiple
    )
    warning = forms.MultipleChoiceField(
        label="Warnings", required=False, choices=_choices(WARNINGS), widget=QuickCheckboxSelectMultiple
    )
    exclude_warning = forms.MultipleChoiceField(
        label="Warnings", required=False, choices=_choices(WARNINGS), widget=QuickCheckboxSelectMultiple
    )
    category = forms.MultipleChoiceField(
        label="Categories", required=False, choices=_choices(CATEGORIES), widget=QuickCheckboxSelectMultiple
    )
    exclude_category = forms.MultipleChoiceField(
        label="Categories", required=False, choices=_choices(CATEGORIES), widget=QuickCheckboxSelectMultiple
    )
    crossover = forms.ChoiceField(
        label="Crossovers", required=False, choices=CROSSOVER_CHOICES, widget=QuickRadioSelect
    )
    complete = forms.ChoiceField(label="Completion", required=False, choices=COMPLETE_CHOICES, widget=QuickRadioSelect)
    single_chapter = forms.BooleanField(label="Single chapter works only", required=False)
    words_from = _words_field("Words from")
    words_to = _words_field("Words to")
    posted_from = _date_field("Posted from")
    posted_to = _date_field("Posted to")
    updated_from = _date_field("Updated from")
    updated_to = _date_field("Updated to")
    language = forms.ChoiceField(
        label="Language", required=False, choices=[("", "Any language"), *LANGUAGE_CHOICES], widget=QuickSelect
    )
    sort = forms.ChoiceField(label="Sort by", required=False, choices=SORT_CHOICES, widget=QuickSelect)
    order = forms.ChoiceField(label="Order", required=False, choices=ORDER_CHOICES, widget=QuickSelect)

    def __init__(self, data: QueryDict, *, autocomplete_url: str = "") -> None:
        data = data.copy()
        for key, default in (("crossover", Crossover.INCLUDE.value), ("complete", "")):
            if not data.get(key):
                data[key] = default  # so the panel's radio buttons show the default as chosen
        super().__init__(data)
        self.page_number, self.page_note = _page_number(data.get("page"))
        self.resolved_include: list[ResolvedTag] = []
        self.resolved_exclude: list[ResolvedTag] = []
        if autocomplete_url:
            for name in ("include", "exclude"):
                attrs = self.fields[name].widget.attrs
                attrs["data-tag-autocomplete"] = autocomplete_url
                attrs["data-tag-autocomplete-multiple"] = ""

    def clean_q(self) -> str:
        text = " ".join(self.cleaned_data.get("q", "").split())
        if len(text) > MAX_QUERY_CHARS:
            raise forms.ValidationError(
                f"The search text is too long: {len(text):,} characters, and at most {MAX_QUERY_CHARS} fit. "
                "Use fewer words, or the filters below."
            )
        return text

    def _names(self, field: str) -> list[str]:
        names = split_tag_input(self.cleaned_data.get(field, ""))
        if len(names) > MAX_TAGS:
            self.add_error(field, f"That is {len(names)} tags; a search takes at most {MAX_TAGS} here.")
            return []
        return names

    def clean(self) -> dict:
        data = super().clean()
        include, exclude = self._names("include"), self._names("exclude")
        found = _tags_by_name([*include, *exclude])
        for field, names, target in (
            ("include", include, self.resolved_include),
            ("exclude", exclude, self.resolved_exclude),
        ):
            unknown = [name for name in names if name.casefold() not in found]
            if unknown:
                quoted = ", ".join(f"“{name}”" for name in unknown)
                noun = "tag is" if len(unknown) == 1 else "tags are"
                self.add_error(field, f"No {noun} named {quoted}. Check the spelling, or pick from the suggestions.")
                continue
            seen: set[int] = set()
            for name in names:
                tag = found[name.casefold()]
                resolved = _resolve(name, tag)
                if resolved.filter_id not in seen:
                    seen.add(resolved.filter_id)
                    target.append(resolved)
        for low, high, what in (
            ("words_from", "words_to", "word count"),
            ("posted_from", "posted_to", "posting date"),
            ("updated_from", "updated_to", "update date"),
        ):
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, f"The {what} range ends before it starts: “to” must not be less than “from”.")
        for name in ("posted_from", "posted_to", "updated_from", "updated_to"):
            value = data.get(name)
            if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
                self.add_error(name, f"Enter a date between {EARLIEST_DATE.year} and {LATEST_DATE.year}.")
        return data

    # --- the query -------------------------------------------------------------------------------------------

    @property
    def sort_choice(self) -> Sort:
        return Sort(self.cleaned_data.get("sort") or Sort.RELEVANCE.value)

    @property
    def descending(self) -> bool:
        order = self.cleaned_data.get("order")
        if order:
            return order == "desc"
        return self.sort_choice not in ASCENDING_BY_DEFAULT

    def work_query(self, **extra: object) -> WorkQuery:
        """The valid form as a WorkQuery; ``extra`` sets the rest (visibility, page size, the reader's own
        exclusions, a listing's scope). Warning and category choices are looked up by name (one query)."""
        data = self.cleaned_data
        include = [t for t in self.resolved_include if t.type != TagType.RATING]
        exclude = [t for t in self.resolved_exclude if t.type != TagType.RATING]
        fixed = _fixed_tag_ids(
            [*data["warning"], *data["category"], *data["exclude_warning"], *data["exclude_category"]]
        )
        include_ids = [t.filter_id for t in include] + [fixed[n] for n in (*data["warning"], *data["category"])]
        exclude_ids = [t.filter_id for t in exclude] + [
            fixed[n] for n in (*data["exclude_warning"], *data["exclude_category"])
        ]
        ratings = _unique([*data["rating"], *(t.name for t in self.resolved_include if t.type == TagType.RATING)])
        exclude_ratings = _unique(
            [*data["exclude_rating"], *(t.name for t in self.resolved_exclude if t.type == TagType.RATING)]
        )
        complete = {"complete": True, "in_progress": False}.get(data.get("complete") or "")
        fields: dict[str, object] = {
            "text": data["q"],
            "include_tags": tuple(_unique(include_ids)),
            "exclude_tags": tuple(_unique(exclude_ids)),
            "ratings": tuple(ratings),
            "exclude_ratings": tuple(exclude_ratings),
            "crossover": Crossover(data.get("crossover") or Crossover.INCLUDE.value),
            "complete": complete,
            "single_chapter": bool(data.get("single_chapter")),
            "words_min": data.get("words_from"),
            "words_max": data.get("words_to"),
            "posted_from": data.get("posted_from"),
            "posted_to": data.get("posted_to"),
            "updated_from": data.get("updated_from"),
            "updated_to": data.get("updated_to"),
            "language": data.get("language") or "",
            "sort": self.sort_choice,
            "descending": self.descending,
            "page": max(self.page_number, 1),
        }
        fields.update(extra)
        return WorkQuery(**fields)

    # --- the state as URL parameters ----------------------------------------------------------------------------

    def params(self) -> list[tuple[str, str]]:
        """The search as URL parameters in a fixed order, defaults left out, tags by canonical name (no page)."""
        if not self.is_valid():
            return [(k, v) for k in PARAM_ORDER for v in self.data.getlist(k) if v]
        data = self.cleaned_data
        pairs: list[tuple[str, str]] = []
        for key in PARAM_ORDER:
            if key == "include":
                values = [t.name for t in self.resolved_include]
            elif key == "exclude":
                values = [t.name for t in self.resolved_exclude]
            elif key in ("rating", "exclude_rating", "warning", "exclude_warning", "category", "exclude_category"):
                values = list(data[key])
            elif key == "crossover":
                values = [data[key]] if data.get(key) and data[key] != Crossover.INCLUDE.value else []
            elif key == "single_chapter":
                values = ["1"] if data.get(key) else []
            else:
                value = data.get(key)
                values = (
                    [] if value in (None, "") else [value.isoformat() if hasattr(value, "isoformat") else str(value)]
                )
            pairs.extend((key, v) for v in values)
        return pairs

    def included_names(self) -> set[str]:
        return {t.name.casefold() for t in self.resolved_include}

    def excluded_names(self) -> set[str]:
        return {t.name.casefold() for t in self.resolved_exclude}


def _unique(values: list) -> list:
    return list(dict.fromkeys(values))


#: ``page_number`` for "the last page" (``?page=0`` or below, as Django's ``Paginator.get_page`` reads them).
LAST_PAGE = -1


def _page_number(raw: str | None) -> tuple[int, str]:
    """``?page=``: what is not a number is page 1, zero or less the last page; past MAX_PAGE stops there, with
    a note."""
    try:
        number = int(raw or 1)
    except ValueError:
        return 1, ""
    if number < 1:
        return LAST_PAGE, ""
    if number > MAX_PAGE:
        return MAX_PAGE, f"Results stop at page {MAX_PAGE:,}: narrow the search to reach the works beyond it."
    return number, ""


def _tags_by_name(names: list[str]) -> dict[str, Tag]:
    """Tags by casefolded name for the names given (one query)."""
    if not names:
        return {}
    lowered = {name.strip().lower() for name in names}
    tags = Tag.objects.annotate(_lname=Lower("name")).filter(_lname__in=lowered).select_related("merger")
    return {tag.name.casefold(): tag for tag in tags}


def _resolve(typed: str, tag: Tag) -> ResolvedTag:
    canonical = tag.merger if tag.merger_id else tag
    return ResolvedTag(typed=typed, name=canonical.name, filter_id=tag.filter_tag_id, type=tag.type)


def _fixed_tag_ids(names: list[str]) -> dict[str, int]:
    """Filter ids of warning and category tags by name (one query, none when no name is given)."""
    if not names:
        return {}
    rows = Tag.objects.filter(type__in=(TagType.WARNING, TagType.CATEGORY), name__in=set(names))
    found = {tag.name: tag.filter_tag_id for tag in rows}
    # The fixed tags come with the archive (a migration); a missing one finds nothing rather than everything.
    return {name: found.get(name, 0) for name in names}


class ExcludedTagForm(forms.Form):
    name = forms.CharField(label="Tag to exclude", max_length=200)

    def __init__(self, *args: object, autocomplete_url: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if autocomplete_url:
            self.fields["name"].widget.attrs.update({"data-tag-autocomplete": autocomplete_url, "autocomplete": "off"})


class SavedSearchForm(forms.Form):
    name = forms.CharField(label="Name this search", max_length=200)
    query_string = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20_000)


class SavedSearchRenameForm(forms.Form):
    name = forms.CharField(label="New name", max_length=200)
