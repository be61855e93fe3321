"""What a reader keeps between searches: tags they never want to see, and searches saved by name."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ExcludedTag(models.Model):
    """``user`` never wants works found under ``tag`` (through the filter table: its synonyms and sub tags too).

    Every listing applies it inside the query, so totals and pagination stay right."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="excluded_tags")
    tag = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "tag"], name="excludedtag_unique")]

    def __str__(self) -> str:
        return f"{self.user} excludes {self.tag}"


class SavedSearch(models.Model):
    """A works search kept by name: ``query_string`` is the search page's URL query (without ``page``)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=100)
    query_string = models.CharField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="savedsearch_unique_name")]

    def __str__(self) -> str:
        return self.name
