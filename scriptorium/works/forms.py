"""The writer's forms: they turn what was typed into ``WorkInput``/``ChapterInput`` and pseuds for the services.

Each form checks everything it can before a service runs (``WorkInput.validate`` and friends), so a writer sees
every problem at once; the views put what a service still refuses next to its field
(``scriptorium.core.forms.add_service_errors``).
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import pluralize
from django.urls import reverse_lazy

from scriptorium.accounts.models import Pseud, User
from scriptorium.core.text import html_to_text, user_text_to_html
from scriptorium.skins.models import WorkSkin
from scriptorium.skins.selectors import skins_usable_by
from scriptorium.tags.models import TagType
from scriptorium.tags.services import split_tag_input, validate_tag_name
from scriptorium.tags.vocabulary import CATEGORIES, RATINGS, TITLE_MAX, WARNINGS
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.languages import LANGUAGE_CHOICES
from scriptorium.works.models import Chapter, InvitationState, Series, Work

HTML_HELP = (
    "Plain text with a blank line between paragraphs, or HTML: p, br, em, strong, i, b, u, s, a, blockquote, "
    "ul, ol, li, h1–h6, hr, span, div, table, sup, sub, code, pre, img. Scripts, styles and forms are removed."
)


def _text_area(rows: int = 5, css: str = "") -> forms.Textarea:
    attrs: dict[str, object] = {"rows": rows}
    if css:
        attrs["class"] = css
    return forms.Textarea(attrs=attrs)


def _tag_field(label: str, help_text: str, tag_type: str, *, required: bool = False) -> forms.CharField:
    """A comma-separated tag input; tag-autocomplete.js completes its last tag from the archive's tags."""
    attrs = {
        "autocomplete": "off",
        "data-tag-autocomplete": reverse_lazy("tags:autocomplete", kwargs={"tag_type": tag_type}),
        "data-tag-autocomplete-multiple": "",
    }
    return forms.CharField(label=label, required=required, help_text=help_text, widget=forms.TextInput(attrs=attrs))


class ChapterFieldsMixin:
    """Chapter fields shared by the posting form (first chapter) and the chapter form."""

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        html = user_text_to_html(text)
        if not html_to_text(html) and "<img" not in html:
            raise ValidationError("Nothing is left of this text once unsafe HTML is removed: please add the story.")
        return text

    def chapter_input(self) -> ChapterInput:
        data = self.cleaned_data
        return ChapterInput(
            text=data.get("text", ""),
            title=data.get("chapter_title", ""),
            summary=data.get("chapter_summary", ""),
            notes=data.get("chapter_notes", ""),
            end_notes=data.get("chapter_end_notes", ""),
        )


def _chapter_fields() -> dict[str, forms.Field]:
    return {
        "chapter_title": forms.CharField(label="Chapter title", required=False, max_length=TITLE_MAX),
        "chapter_summary": forms.CharField(label="Chapter summary", required=False, widget=_text_area(3)),
        "chapter_notes": forms.CharField(label="Chapter notes", required=False, widget=_text_area(3)),
        "chapter_end_notes": forms.CharField(label="Chapter end notes", required=False, widget=_text_area(3)),
        "text": forms.CharField(
            label="Chapter text",
            help_text=HTML_HELP,
            error_messages={"required": "The chapter has no text yet: type or paste it here."},
            widget=_text_area(20, "story-text"),
        ),
    }


#: Chapter errors come back from ``ChapterInput.validate`` keyed by the input's names.
CHAPTER_ERROR_FIELDS = {
    "title": "chapter_title",
    "summary": "chapter_summary",
    "notes": "chapter_notes",
    "end_notes": "chapter_end_notes",
    "text": "text",
}


def _validate_into(form: forms.Form, check: Callable[[], None], renames: dict[str, str] | None = None) -> None:
    """Run an input's ``validate`` and add its errors to fields that have none yet (no message twice)."""
    try:
        check()
    except ValidationError as exc:
        renames = renames or {}
        for key, messages in exc.message_dict.items():
            name = renames.get(key, key)
            if name in form.fields and name in form.errors:
                continue
            form.add_error(name if name in form.fields else None, messages)


class WorkForm(ChapterFieldsMixin, forms.Form):
    """A work's metadata; when creating, its first chapter too."""

    title = forms.CharField(label="Title", max_length=TITLE_MAX, error_messages={"required": "A work needs a title."})
    creators = forms.ModelMultipleChoiceField(
        label="Creators",
        queryset=Pseud.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one of your pseuds."},
    )
    co_creators = forms.CharField(
        label="Co-creators",
        required=False,
        help_text="Other writers’ pseuds, separated by commas. Each is asked first and credited only on accepting.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    summary = forms.CharField(label="Summary", required=False, widget=_text_area(4))
    notes = forms.CharField(label="Notes", required=False, help_text="Shown before the story.", widget=_text_area(3))
    end_notes = forms.CharField(
        label="End notes", required=False, help_text="Shown after the story.", widget=_text_area(3)
    )
    language = forms.ChoiceField(label="Language", choices=LANGUAGE_CHOICES, initial="en")
    rating = forms.ChoiceField(
        label="Rating",
        choices=[("", "Choose a rating"), *((r, r) for r in RATINGS)],
        error_messages={"required": "Choose a rating."},
    )
    warnings = forms.MultipleChoiceField(
        label="Archive warnings",
        choices=[(w, w) for w in WARNINGS],
        widget=forms.CheckboxSelectMultiple,
        help_text="“No Archive Warnings Apply” cannot be combined with the others. Choose “Creator Chose Not To "
        "Use Archive Warnings” if you would rather not say.",
        error_messages={"required": "Choose at least one archive warning."},
    )
    categories = forms.MultipleChoiceField(
        label="Categories", required=False, choices=[(c, c) for c in CATEGORIES], widget=forms.CheckboxSelectMultiple
    )
    fandoms = _tag_field(
        "Fandoms", "Separate tags with commas. Use “Original Work” for original fiction.", TagType.FANDOM, required=True
    )
    relationships = _tag_field(
        "Relationships", "“A/B” for romantic or sexual, “A & B” for platonic.", TagType.RELATIONSHIP
    )
    characters = _tag_field("Characters", "Separate tags with commas.", TagType.CHARACTER)
    additional_tags = _tag_field("Additional tags", "Anything else: tropes, genres, moods.", TagType.ADDITIONAL)
    restricted = forms.BooleanField(label="Only show this work to registered users", required=False)
    skin = forms.ModelChoiceField(
        label="Work skin",
        required=False,
        queryset=WorkSkin.objects.none(),
        empty_label="None (the archive’s own style)",
        help_text="Your own skins and public ones (make one under Work skins, /skins). Readers can hide it.",
    )
    series_title = forms.CharField(
        label="Series",
        required=False,
        max_length=TITLE_MAX,
        help_text="One of your series, or a new title to start one. Leave blank for none.",
        widget=forms.TextInput(attrs={"list": "your-series", "autocomplete": "off"}),
    )
    series_position = forms.IntegerField(
        label="Part number", required=False, min_value=1, help_text="Blank: the next part."
    )
    multichapter = forms.BooleanField(label="This work has multiple chapters", required=False)
    expected_chapters = forms.IntegerField(
        label="Expected number of chapters",
        required=False,
        min_value=1,
        help_text="For a work in several chapters. Leave blank if you don’t know yet (shown as “?”).",
    )
    complete = forms.BooleanField(
        label="This work is complete",
        required=False,
        help_text="Sets the expected number of chapters to the number posted so far.",
    )

    required_css_class = "required"

    def __init__(self, *args: object, user: User, work: Work | None = None, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        self.work = work
        self.fields["creators"].queryset = Pseud.objects.filter(user=user).order_by("-is_default", "name")
        usable = skins_usable_by(user, keeping=work.skin_id if work is not None else None)
        self.fields["skin"].queryset = usable.select_related("owner").order_by("title", "id")
        self.fields["skin"].label_from_instance = lambda skin: (
            skin.title if skin.owner_id == user.pk else f"{skin.title} (by {skin.owner.username})"
        )
        if work is None:
            self.fields.update(_chapter_fields())
            del self.fields["complete"]
            if not self.is_bound:
                self.initial.setdefault("creators", [user.default_pseud])
        else:
            del self.fields["multichapter"]
            if not self.is_bound:
                self.initial.update(work_initial(work, user=user))

    @property
    def series_suggestions(self) -> list[str]:
        return list(
            Series.objects.filter(creators__user=self.user).order_by("title").values_list("title", flat=True).distinct()
        )

    def clean_co_creators(self) -> list[Pseud]:
        pseuds, unknown = [], []
        for name in split_tag_input(self.cleaned_data.get("co_creators", "")):
            pseud = Pseud.objects.filter(name__iexact=name).first()  # pseud names are unique ignoring case
            if pseud is None:
                unknown.append(f"There is no pseud called “{name}”: check the spelling with your co-creator.")
            else:
                pseuds.append(pseud)
        if unknown:
            raise ValidationError(unknown)
        return pseuds

    def clean_expected_chapters(self) -> int | None:
        expected = self.cleaned_data.get("expected_chapters")
        if self.work is not None and expected is not None and expected < self.work.chapter_count:
            raise ValidationError(
                f"This work already has {self.work.chapter_count} chapter{pluralize(self.work.chapter_count)}, so"
                " expect at least that many "
                "(or tick “This work is complete”)."
            )
        return expected

    def _clean_tags(self, name: str) -> tuple[str, ...]:
        names = split_tag_input(self.cleaned_data.get(name, ""))
        problems = []
        for tag in names:
            try:
                validate_tag_name(tag)
            except ValidationError as exc:
                problems.extend(exc.messages)
        if problems:
            raise ValidationError(problems)
        return tuple(names)

    def clean_fandoms(self) -> tuple[str, ...]:
        names = self._clean_tags("fandoms")
        if not names:
            raise ValidationError("Add at least one fandom (use “Original Work” for original fiction).")
        return names

    def clean_relationships(self) -> tuple[str, ...]:
        return self._clean_tags("relationships")

    def clean_characters(self) -> tuple[str, ...]:
        return self._clean_tags("characters")

    def clean_additional_tags(self) -> tuple[str, ...]:
        return self._clean_tags("additional_tags")

    def clean(self) -> dict[str, object]:
        data = super().clean()
        _validate_into(self, self.work_input().validate)
        if self.work is None:
            _validate_into(self, lambda: self.chapter_input().validate(label="The work"), CHAPTER_ERROR_FIELDS)
        return data

    def _expected_chapters(self) -> int | None:
        data = self.cleaned_data
        if self.work is None:
            return data.get("expected_chapters") if data.get("multichapter") else 1
        if data.get("complete"):
            return self.work.chapter_count
        expected = data.get("expected_chapters")
        if expected == self.work.chapter_count:
            return None  # "complete" left unticked with the count reached: a work in progress of unknown length
        return expected

    def work_input(self) -> WorkInput:
        data = self.cleaned_data
        return WorkInput(
            title=data.get("title", ""),
            summary=data.get("summary", ""),
            notes=data.get("notes", ""),
            end_notes=data.get("end_notes", ""),
            language=data.get("language", "en"),
            rating=data.get("rating", "") or RATINGS[0],
            warnings=tuple(data.get("warnings", ())),
            categories=tuple(data.get("categories", ())),
            fandoms=data.get("fandoms", ()),
            relationships=data.get("relationships", ()),
            characters=data.get("characters", ()),
            additional_tags=data.get("additional_tags", ()),
            restricted=data.get("restricted", False),
            expected_chapters=self._expected_chapters(),
            series_title=data.get("series_title", ""),
            series_position=data.get("series_position"),
            skin_id=data["skin"].pk if data.get("skin") else None,
        )

    def creator_pseuds(self) -> list[Pseud]:
        return [*self.cleaned_data["creators"], *self.cleaned_data.get("co_creators", [])]


def work_initial(work: Work, *, user: User) -> dict[str, object]:
    """The edit form's starting values, read from the work."""
    tags: dict[str, list[str]] = {t: [] for t in TagType.values}
    for tagging in work.taggings.select_related("tag"):
        tags[tagging.tag.type].append(tagging.tag.name)
    creators = [c.pseud for c in work.creatorships.select_related("pseud")]
    invited = [
        i.pseud.name for i in work.creator_invitations.filter(state=InvitationState.PENDING).select_related("pseud")
    ]
    part = work.series_parts.select_related("series").first()
    return {
        "title": work.title,
        "creators": [p for p in creators if p.user_id == user.pk],
        "co_creators": ", ".join([*(p.name for p in creators if p.user_id != user.pk), *invited]),
        "summary": work.summary,
        "notes": work.notes,
        "end_notes": work.end_notes,
        "language": work.language,
        "rating": work.rating,
        "warnings": tags[TagType.WARNING],
        "categories": tags[TagType.CATEGORY],
        "fandoms": ", ".join(tags[TagType.FANDOM]),
        "relationships": ", ".join(tags[TagType.RELATIONSHIP]),
        "characters": ", ".join(tags[TagType.CHARACTER]),
        "additional_tags": ", ".join(tags[TagType.ADDITIONAL]),
        "restricted": work.restricted,
        "expected_chapters": work.expected_chapters,
        "complete": work.complete,
        "series_title": part.series.title if part else "",
        "series_position": part.position if part else None,
        "skin": work.skin_id,
    }


class ChapterForm(ChapterFieldsMixin, forms.Form):
    """A chapter of an existing work; when adding one, the work's expected chapter count too."""

    expected_chapters = forms.IntegerField(
        label="Expected number of chapters",
        required=False,
        min_value=1,
        help_text="Update it if your plans changed. Leave blank if you don’t know yet (shown as “?”).",
    )

    required_css_class = "required"

    def __init__(self, *args: object, work: Work, chapter: Chapter | None = None, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.work = work
        self.chapter = chapter
        self.fields.update(_chapter_fields())
        if chapter is not None:
            del self.fields["expected_chapters"]
            if not self.is_bound:
                self.initial.update(
                    chapter_title=chapter.title,
                    chapter_summary=chapter.summary,
                    chapter_notes=chapter.notes,
                    chapter_end_notes=chapter.end_notes,
                    text=chapter.text,
                )
        elif not self.is_bound:
            expected = work.expected_chapters
            self.initial["expected_chapters"] = None if expected is None else max(expected, work.chapter_count + 1)
        # The text before its end notes; the expected count (when adding) last.
        self.order_fields(["chapter_title", "chapter_summary", "chapter_notes", "text", "chapter_end_notes"])

    def clean_expected_chapters(self) -> int | None:
        expected = self.cleaned_data.get("expected_chapters")
        count = self.work.chapter_count + 1
        if expected is not None and expected < count:
            raise ValidationError(f"With this chapter the work has {count} chapters, so expect at least {count}.")
        return expected

    def clean(self) -> dict[str, object]:
        data = super().clean()
        _validate_into(self, self.chapter_input().validate, CHAPTER_ERROR_FIELDS)
        return data


class ChapterOrderForm(forms.Form):
    """One number input per chapter: its new position. Together they must be 1 to n, each once."""

    def __init__(self, *args: object, chapters: list[Chapter], **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.chapters = chapters
        count = len(chapters)
        for chapter in chapters:
            self.fields[self.field_name(chapter)] = forms.IntegerField(
                label=f"New position for {chapter.display_title}",
                min_value=1,
                max_value=count,
                initial=chapter.position,
                widget=forms.NumberInput(attrs={"class": "position-input", "aria-describedby": "order-help"}),
                error_messages={"required": "Give each chapter a position."},
            )

    @staticmethod
    def field_name(chapter: Chapter) -> str:
        return f"position_{chapter.pk}"

    def rows(self) -> list[tuple[Chapter, forms.BoundField]]:
        return [(chapter, self[self.field_name(chapter)]) for chapter in self.chapters]

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if self.errors:
            return data
        taken: dict[int, Chapter] = {}
        for chapter in self.chapters:
            position = data[self.field_name(chapter)]
            if position in taken:
                raise ValidationError(
                    f"“{taken[position].display_title}” and “{chapter.display_title}” both have position "
                    f"{position}: give each chapter a different number from 1 to {len(self.chapters)}."
                )
            taken[position] = chapter
        return data

    def ordered_ids(self) -> list[int]:
        return [chapter.pk for chapter in sorted(self.chapters, key=lambda c: self.cleaned_data[self.field_name(c)])]
