from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from scriptorium.tags.querysets import TagQuerySet
from scriptorium.tags.vocabulary import TAG_NAME_MAX


class TagType(models.TextChoices):
    RATING = "rating", "Rating"
    WARNING = "warning", "Archive Warning"
    CATEGORY = "category", "Category"
    FANDOM = "fandom", "Fandom"
    RELATIONSHIP = "relationship", "Relationship"
    CHARACTER = "character", "Character"
    ADDITIONAL = "additional", "Additional Tags"


#: Types writers type freely; the other three are AO3's fixed sets, created by a migration.
FREE_TYPES = (TagType.FANDOM, TagType.RELATIONSHIP, TagType.CHARACTER, TagType.ADDITIONAL)
FIXED_TYPES = (TagType.RATING, TagType.WARNING, TagType.CATEGORY)


class Tag(models.Model):
    """A tag. Names are unique whatever their case, across all types, as on AO3.

    New tags typed by writers start unwrangled (not canonical, no merger). ``canonical`` and ``merger`` leave
    room for wrangling: a synonym points at one canonical tag of the same type.
    """

    name = models.CharField(max_length=TAG_NAME_MAX)
    type = models.CharField(max_length=16, choices=TagType.choices, db_index=True)
    canonical = models.BooleanField(default=False)
    merger = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="synonyms"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="tag_name_unique_ci")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tags:works", kwargs={"name": self.name})

    @property
    def is_fixed(self) -> bool:
        return self.type in FIXED_TYPES
