"""Lookup tables for finding tags by what people type: words of tag names, and canon nicknames and cues."""

from __future__ import annotations

from django.db import models


class TagWord(models.Model):
    """One word of a tag's name, folded (lower case, no accents), for autocomplete by word prefix.

    The tag's type and wrangling status are copied here so that one index range (status, word, type) yields
    canonical tags first and stops after a page of them, however many tags the archive holds. Kept in step by
    ``scriptorium.tags.signals``; the lookup indexes are made per database by migration 0005.
    """

    CANONICAL, SYNONYM, UNWRANGLED = 0, 1, 2

    tag = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, related_name="words")
    word = models.CharField(max_length=150)
    type = models.CharField(max_length=16)
    status = models.PositiveSmallIntegerField(default=UNWRANGLED)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tag", "word"], name="tagword_unique")]

    @classmethod
    def status_of(cls, tag: object) -> int:
        if getattr(tag, "canonical", False):
            return cls.CANONICAL
        return cls.SYNONYM if getattr(tag, "merger_id", None) else cls.UNWRANGLED


class TagCue(models.Model):
    """A weak hint from the canon: a character's nickname ("Nat", "Cap") or a fandom's cue word ("HYDRA").

    Unlike aliases these are not tags: they are often ambiguous, so they only help to resolve relationships
    typed loosely ("Natasha x Steve") and to suggest tags from a text.
    """

    class Kind(models.TextChoices):
        NICKNAME = "nickname", "Nickname"
        CUE = "cue", "Cue word"

    tag = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, related_name="cues")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    text = models.CharField(max_length=150)
    #: ``text`` folded like TagWord.word, for lookups.
    folded = models.CharField(max_length=150, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tag", "kind", "folded"], name="tagcue_unique")]

    def __str__(self) -> str:
        return self.text
