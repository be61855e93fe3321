from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from scriptorium.tags.vocabulary import TITLE_MAX


class Series(models.Model):
    title = models.CharField(max_length=TITLE_MAX)
    summary = models.TextField(blank=True)  # sanitized HTML
    notes = models.TextField(blank=True)  # sanitized HTML
    complete = models.BooleanField(default=False)
    creators = models.ManyToManyField("accounts.Pseud", related_name="series", blank=True)
    #: The account that created the series: it alone may remove other creators or cancel invitations.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "series"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("series:detail", kwargs={"series_id": self.pk})


class SeriesPart(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="parts")
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="series_parts")
    position = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["series", "work"], name="seriespart_unique")]
