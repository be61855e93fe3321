from __future__ import annotations

from django.db import models
from django.urls import reverse

from scriptorium.tags.vocabulary import ADULT_RATINGS, NOT_RATED, RATINGS, TITLE_MAX
from scriptorium.works.languages import LANGUAGE_CHOICES
from scriptorium.works.querysets import WorkQuerySet


class Work(models.Model):
    """A story: metadata here, text in its chapters. Written only through ``scriptorium.works.services``."""

    title = models.CharField(max_length=TITLE_MAX)
    summary = models.TextField(blank=True)  # sanitized HTML
    notes = models.TextField(blank=True)  # sanitized HTML, shown before the text
    end_notes = models.TextField(blank=True)  # sanitized HTML, shown after the text
    language = models.CharField(max_length=16, choices=LANGUAGE_CHOICES, default="en")
    rating = models.CharField(
        max_length=32, choices=[(r, r) for r in RATINGS], default=NOT_RATED, db_index=True
    )
    restricted = models.BooleanField(default=False, help_text="Only logged-in users can see it.")
    posted = models.BooleanField(default=False, help_text="False while it is a draft.")
    complete = models.BooleanField(default=False)
    expected_chapters = models.PositiveIntegerField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    revised_on = models.DateField(null=True, blank=True, help_text="Updated: the last new chapter.")
    completed_on = models.DateField(null=True, blank=True)
    word_count = models.PositiveIntegerField(default=0)
    chapter_count = models.PositiveIntegerField(default=0)
    #: Bumped on every change of the work or its chapters (downloads are built per revision).
    revision = models.PositiveIntegerField(default=1)
    #: Where an imported work came from ("inkitt-text", …) and what the importer could not find.
    import_format = models.CharField(max_length=40, blank=True)
    import_problems = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    creators = models.ManyToManyField("accounts.Pseud", through="Creatorship", related_name="works")
    tags = models.ManyToManyField("tags.Tag", through="Tagging", related_name="works")

    objects = WorkQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["posted", "restricted", "-revised_on", "-id"], name="work_listing_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("works:detail", kwargs={"work_id": self.pk})

    @property
    def is_adult(self) -> bool:
        return self.rating in ADULT_RATINGS

    @property
    def chapters_display(self) -> str:
        """AO3's "3/5" or "3/?"."""
        expected = self.expected_chapters if self.expected_chapters is not None else "?"
        return f"{self.chapter_count}/{expected}"

    @property
    def is_draft(self) -> bool:
        return not self.posted


class Creatorship(models.Model):
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="creatorships")
    pseud = models.ForeignKey("accounts.Pseud", on_delete=models.CASCADE, related_name="creatorships")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["work", "pseud"], name="creatorship_unique")]


class Tagging(models.Model):
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="taggings")
    tag = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, related_name="taggings")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["work", "tag"], name="tagging_unique")]
        indexes = [models.Index(fields=["tag", "work"], name="tagging_tag_work_idx")]
