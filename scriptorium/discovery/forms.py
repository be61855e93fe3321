"""The discovery pages' search forms (GET): each reads the URL into the query its selector takes. A tag typed by
name is looked up through the tag graph (a synonym counts as its canonical tag); an unknown one is an error on the
form, never dropped silently."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms

from scriptorium.discovery.selectors.bookmarks import BookmarkQuery
from scriptorium.discovery.selectors.tags import TagQuery
from scriptorium.tags.models import Tag, TagType
from scriptorium.tags.selectors import tag_named
from scriptorium.tags.services import split_tag_input
from scriptorium.tags.vocabulary import RATINGS
from scriptorium.works.languages import LANGUAGE_CHOICES
from scriptorium.works.selectors import works_visible

if TYPE_CHECKING:
    from scriptorium.discovery.selectors.readers import Viewer

MAX_WORDS = 8
MAX_TAGS = 10
MAX_WORK_WORDS = 100_000_000
STATUS_CHOICES = [("", "Any"), ("canonical", "Canonical"), ("synonym", "Synonym"), ("unwrangled", "Not wrangled yet")]
COMPLETE_CHOICES = [("", "All works"), ("complete", "Complete works only"), ("in_progress", "Works in progress only")]


def _text(label: str, help_text: str = "", *, max_length: int = 200) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=max_length, help_text=help_text, widget=forms.TextInput()
    )


def _words(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_WORK_WORDS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        error_messages={"invalid": "Enter a whole number of words, like 5000."},
    )


class _ReaderForm(forms.Form):
    """A GET form that looks tags up as ``viewer`` may learn of them."""

    def __init__(self, data: object, *, viewer: Viewer) -> None:
        super().__init__(data)
        self.viewer = viewer

    @property
    def asked(self) -> bool:
        """Whether the URL asks anything (an empty page shows the form only)."""
        return any(self.data.get(name) for name in self.fields)

    def _tag(self, field: str, name: str, *, tag_type: str | None = None) -> Tag | None:
        tag = tag_named(name, shown_with=works_visible(self.viewer)) if name else None
        if name and (tag is None or (tag_type and tag.type != tag_type)):
            kind = TagType(tag_type).label.lower() if tag_type else "tag"
            self.add_error(field, f"There is no {kind} “{name}”.")
            return None
        return tag


class PeopleSearchForm(_ReaderForm):
    name = _text("Name", "A username or pseud, or part of one.", max_length=60)
    fandom = _text("Fandom", "Only people with works in this fandom.", max_length=150)

    def clean(self) -> dict[str, object]:
        data = super().clean()
        data["fandom_tag"] = self._tag("fandom", data.get("fandom", ""), tag_type=TagType.FANDOM)
        return data


class TagSearchForm(_ReaderForm):
    name = _text("Name", "Words of the tag’s name (each matches the start of a word).", max_length=150)
    type = forms.ChoiceField(
        label="Type",
        required=False,
        choices=[("", "Any type"), *((t.value, t.label) for t in TagType)],
    )
    status = forms.ChoiceField(label="Wrangling", required=False, choices=STATUS_CHOICES)
    fandom = _text("Fandom", "Characters, relationships and tags of this fandom.", max_length=150)

    def tag_query(self) -> TagQuery:
        data = self.cleaned_data
        fandom = self._tag("fandom", data.get("fandom", ""), tag_type=TagType.FANDOM)
        return TagQuery(name=data["name"], tag_type=data["type"], status=data["status"], fandom=fandom)


class BookmarkSearchForm(_ReaderForm):
    q = _text("Words", "In the bookmarker’s notes and tags, or the work’s title.")
    bookmarker = _text("Bookmarker", "A username or pseud, exactly.", max_length=150)
    bookmark_tags = _text("Bookmarker’s tags", "Separated by commas: every one must be there.")
    work_tags = _text("Work tags", "The work’s fandoms, characters, relationships or other tags, separated by commas.")
    rating = forms.MultipleChoiceField(
        label="Ratings", required=False, choices=[(r, r) for r in RATINGS], widget=forms.CheckboxSelectMultiple
    )
    complete = forms.ChoiceField(label="Completion", required=False, choices=COMPLETE_CHOICES)
    language = forms.ChoiceField(label="Language", required=False, choices=[("", "Any language"), *LANGUAGE_CHOICES])
    words_from = _words("Words from")
    words_to = _words("Words to")
    recs = forms.BooleanField(label="Recs only", required=False)

    def bookmark_query(self) -> BookmarkQuery | None:
        """The query, or None when a tag is unknown (the error is on the form)."""
        data = self.cleaned_data
        tag_ids = []
        for name in split_tag_input(data["work_tags"])[:MAX_TAGS]:
            tag = self._tag("work_tags", name)
            if tag is not None:
                tag_ids.append(tag.filter_tag_id)
        if self.errors:
            return None
        complete = {"complete": True, "in_progress": False}.get(data["complete"])
        return BookmarkQuery(
            words=tuple(data["q"].split()[:MAX_WORDS]),
            bookmarker=data["bookmarker"].strip(),
            bookmark_tags=tuple(split_tag_input(data["bookmark_tags"])[:MAX_TAGS]),
            work_tag_ids=tuple(tag_ids),
            ratings=tuple(data["rating"]),
            complete=complete,
            language=data["language"],
            words_min=data["words_from"],
            words_max=data["words_to"],
            recs_only=data["recs"],
        )
