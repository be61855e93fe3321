from __future__ import annotations

from django.db import models
from django.urls import reverse

from scriptorium.tags.vocabulary import TITLE_MAX


class Chapter(models.Model):
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="chapters")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    summary = models.TextField(blank=True)  # sanitized HTML
    notes = models.TextField(blank=True)  # sanitized HTML
    end_notes = models.TextField(blank=True)  # sanitized HTML
    text = models.TextField()  # sanitized HTML
    word_count = models.PositiveIntegerField(default=0)
    published_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["work", "position"], name="chapter_work_position_idx")]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("works:chapter", kwargs={"work_id": self.work_id, "chapter_id": self.pk})

    @property
    def display_title(self) -> str:
        """ "Chapter 2: The Bridge", or "Chapter 2" when untitled."""
        if self.title:
            return f"Chapter {self.position}: {self.title}"
        return f"Chapter {self.position}"
