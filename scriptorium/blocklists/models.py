"""A reader's permanent blocklist: rules that hide works from every listing they see, and an allow-list that
overrides them. Each row is one rule; ``rules.Blocklist`` is the whole list as the queries apply it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from scriptorium.works.languages import LANGUAGES

#: At most this many rules (allow-list entries included) per account.
RULES_MAX = 200


class RuleKind(models.TextChoices):
    TAG = "tag", "Tag"  # ``tag``, unless the work also has ``unless_tag``
    WORDS = "words", "Words in title or summary"  # ``text``
    CREATOR = "creator", "Creator"  # ``pseud`` or ``external_creator``
    WORD_COUNT = "word_count", "Word count"  # ``low``–``high``, either may be empty
    CHAPTER_COUNT = "chapter_count", "Chapter count"  # ``low``–``high``
    FANDOMS = "fandoms", "More fandoms than"  # ``low``: more than this many fandoms
    STALE = "stale", "Work in progress not updated for"  # ``low`` years
    LANGUAGE = "language", "Language"  # ``text``: a language code
    ALLOW_TAG = "allow_tag", "Always show tag"  # ``tag``
    ALLOW_CREATOR = "allow_creator", "Always show creator"  # ``pseud`` or ``external_creator``


ALLOW_KINDS = frozenset({RuleKind.ALLOW_TAG, RuleKind.ALLOW_CREATOR})


class BlockRule(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="block_rules")
    kind = models.CharField(max_length=20, choices=RuleKind.choices)
    tag = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    unless_tag = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    pseud = models.ForeignKey("accounts.Pseud", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    external_creator = models.ForeignKey(
        "works.ExternalCreator", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = models.CharField(max_length=100, blank=True)
    low = models.PositiveIntegerField(null=True, blank=True)
    high = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]
        indexes = [models.Index(fields=["user", "kind"], name="blockrule_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} rule {self.pk}"

    @property
    def allows(self) -> bool:
        return self.kind in ALLOW_KINDS

    @property
    def label(self) -> str:
        """The rule in words, for the reader's list (names from ``selectors.rules_of``'s joins)."""
        kind = self.kind
        if kind in (RuleKind.TAG, RuleKind.ALLOW_TAG):
            unless = f" unless also “{self.unless_tag.name}”" if self.unless_tag_id else ""
            return f"“{self.tag.name}”{unless}"
        if kind in (RuleKind.CREATOR, RuleKind.ALLOW_CREATOR):
            if self.pseud_id:
                return self.pseud.name
            return f"{self.external_creator.name} (archived)"
        if kind == RuleKind.WORDS:
            return f"“{self.text}”"
        if kind == RuleKind.LANGUAGE:
            return LANGUAGES.get(self.text, self.text)
        unit = {RuleKind.WORD_COUNT: "words", RuleKind.CHAPTER_COUNT: "chapters"}.get(kind)
        if unit:
            if self.low is not None and self.high is not None:
                return f"{self.low:,} to {self.high:,} {unit}"
            if self.low is not None:
                return f"{self.low:,} {unit} or more"
            return f"{self.high:,} {unit} or fewer"
        if kind == RuleKind.FANDOMS:
            return f"more than {self.low:,} fandom{'' if self.low == 1 else 's'}"
        return f"in progress, not updated for {self.low:,} year{'' if self.low == 1 else 's'}"
