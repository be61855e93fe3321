"""The blocklist page's forms: one small form per kind of rule (each with the fields that kind needs, prefixed by
the kind so several sit on one page), and the import form."""

from __future__ import annotations

from django import forms

from scriptorium.blocklists.models import RuleKind
from scriptorium.blocklists.services import RuleInput
from scriptorium.works.languages import LANGUAGE_CHOICES

#: (kind, heading, what the rule does, its fields) in the order of the page.
SECTIONS: list[tuple[str, str, str, tuple[str, ...]]] = [
    (
        RuleKind.TAG, "Tags",
        "Hide works found under a tag (its synonyms and sub tags too), unless they also have another tag.",
        ("tag", "unless"),
    ),
    (
        RuleKind.WORDS, "Words",
        "Hide works whose title or summary has these words (whole words, in this order, any case).", ("text",),
    ),
    (
        RuleKind.CREATOR, "Creators",
        "Hide the works of a creator: a pseud, or an author whose works were archived for them.", ("creator",),
    ),
    (
        RuleKind.WORD_COUNT, "Word count",
        "Hide works whose word count is in this range (leave one end empty for “or more” / “or fewer”).",
        ("low", "high"),
    ),
    (RuleKind.CHAPTER_COUNT, "Chapters", "Hide works whose number of chapters is in this range.", ("low", "high")),
    (RuleKind.FANDOMS, "Crossovers", "Hide works found under more fandoms than this.", ("low",)),
    (RuleKind.STALE, "Stalled works", "Hide works in progress not updated for this many years.", ("low",)),
    (RuleKind.LANGUAGE, "Languages", "Hide works in a language.", ("language",)),
    (RuleKind.ALLOW_TAG, "Always show: tags", "Works with this tag are shown whatever the rules above say.", ("tag",)),
    (
        RuleKind.ALLOW_CREATOR, "Always show: creators",
        "This creator’s works are shown whatever the rules above say.", ("creator",),
    ),
]  # fmt: skip

LOW_LABELS = {
    RuleKind.WORD_COUNT: "From (words)",
    RuleKind.CHAPTER_COUNT: "From (chapters)",
    RuleKind.FANDOMS: "More fandoms than",
    RuleKind.STALE: "Years without an update",
}
HIGH_LABELS = {RuleKind.WORD_COUNT: "To (words)", RuleKind.CHAPTER_COUNT: "To (chapters)"}


class RuleForm(forms.Form):
    """A rule of one kind (``kind``); the form keeps only that kind's fields."""

    tag = forms.CharField(label="Tag", max_length=150, required=False)
    unless = forms.CharField(label="Unless the work also has", max_length=150, required=False)
    text = forms.CharField(label="Words", max_length=100, required=False)
    creator = forms.CharField(label="Creator", max_length=150, required=False)
    low = forms.IntegerField(label="From", min_value=0, max_value=100_000_000, required=False)
    high = forms.IntegerField(label="To", min_value=0, max_value=100_000_000, required=False)
    language = forms.ChoiceField(label="Language", choices=LANGUAGE_CHOICES, required=False)

    def __init__(self, *args: object, kind: str, fields: tuple[str, ...], autocomplete_url: str = "", **kwargs):
        super().__init__(*args, prefix=kind, label_suffix="", **kwargs)
        self.kind = kind
        for name in list(self.fields):
            if name not in fields:
                del self.fields[name]
        if "low" in self.fields:
            self.fields["low"].label = LOW_LABELS.get(kind, "From")
            self.fields["low"].widget.attrs["inputmode"] = "numeric"
        if "high" in self.fields:
            self.fields["high"].label = HIGH_LABELS.get(kind, "To")
            self.fields["high"].widget.attrs["inputmode"] = "numeric"
        if kind == RuleKind.ALLOW_TAG:
            self.fields["tag"].label = "Tag to always show"
        if kind == RuleKind.ALLOW_CREATOR:
            self.fields["creator"].label = "Creator to always show"
        for name in ("tag", "unless"):
            if name in self.fields and autocomplete_url:
                self.fields[name].widget.attrs.update(
                    {"data-tag-autocomplete": autocomplete_url, "autocomplete": "off"}
                )

    def rule(self) -> RuleInput:
        data = self.cleaned_data
        return RuleInput(
            kind=self.kind,
            tag=data.get("tag", ""),
            unless=data.get("unless", ""),
            creator=data.get("creator", ""),
            text=data.get("language") or data.get("text", ""),
            low=data.get("low"),
            high=data.get("high"),
        )


def section_forms(data: object = None, *, posted_kind: str = "", autocomplete_url: str = "") -> list[RuleForm]:
    """A form per section, bound only for the kind that was posted."""
    return [
        RuleForm(data if kind == posted_kind else None, kind=kind, fields=fields, autocomplete_url=autocomplete_url)
        for kind, _, _, fields in SECTIONS
    ]


class ImportForm(forms.Form):
    label_suffix = ""
    file = forms.FileField(label="Blocklist file (JSON, exported from this page)")
