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
    #: AO3's media ("TV Shows", "Books & Literature"): canonical tags no work carries, parents of fandoms.
    MEDIA = "media", "Media"


#: Types writers type freely; the other three are AO3's fixed sets, created by a migration.
FREE_TYPES = (TagType.FANDOM, TagType.RELATIONSHIP, TagType.CHARACTER, TagType.ADDITIONAL)
FIXED_TYPES = (TagType.RATING, TagType.WARNING, TagType.CATEGORY)

#: Which types of tag may be a parent of a tag of each type: characters, relationships and additional tags
#: belong to fandoms; a relationship also involves characters; a fandom belongs to media.
PARENT_TYPES: dict[str, tuple[str, ...]] = {
    TagType.FANDOM: (TagType.MEDIA,),
    TagType.CHARACTER: (TagType.FANDOM,),
    TagType.RELATIONSHIP: (TagType.FANDOM, TagType.CHARACTER),
    TagType.ADDITIONAL: (TagType.FANDOM,),
}


class Tag(models.Model):
    """A tag. Names are unique whatever their case, across all types, as on AO3.

    A tag is canonical, or a synonym (``merger`` points at one canonical tag of the same type), or unwrangled
    (neither: new tags typed by writers start so and still work as plain tags). Wrangling changes these only
    through ``scriptorium.tags.wrangling``, which keeps the invariants and the filter table.
    """

    name = models.CharField(max_length=TAG_NAME_MAX)
    type = models.CharField(max_length=16, choices=TagType.choices, db_index=True)
    canonical = models.BooleanField(default=False)
    merger = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="synonyms")
    #: Fandoms a character, relationship or additional tag belongs to; characters a relationship involves.
    parents = models.ManyToManyField(
        "self", through="tags.TagParent", symmetrical=False, related_name="children", blank=True
    )
    #: Broader tags this one is found under ("Marvel Cinematic Universe" for "The Avengers (Marvel Movies)").
    meta_tags = models.ManyToManyField(
        "self",
        through="tags.MetaTagging",
        through_fields=("sub", "meta"),
        symmetrical=False,
        related_name="sub_tags",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="tag_name_unique_ci")]
        indexes = [models.Index(fields=["type", "canonical", "merger"], name="tag_wrangling_state_idx")]
        permissions = [("wrangle_tag", "Can wrangle tags (canonical tags, synonyms, parents, meta tags)")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tags:works", kwargs={"name": self.name})

    @property
    def is_fixed(self) -> bool:
        return self.type in FIXED_TYPES

    @property
    def is_synonym(self) -> bool:
        return self.merger_id is not None

    @property
    def is_unwrangled(self) -> bool:
        return not self.canonical and self.merger_id is None

    @property
    def status(self) -> str:
        """ "canonical", "synonym" or "unwrangled"."""
        if self.canonical:
            return "canonical"
        return "synonym" if self.merger_id else "unwrangled"

    @property
    def filter_tag_id(self) -> int:
        """The tag works carrying this one are found under: its canonical tag, or itself."""
        return self.merger_id or self.pk
