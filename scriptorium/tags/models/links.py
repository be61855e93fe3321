"""The links between tags that wranglers make: parents (fandoms, characters) and meta/sub tags."""

from __future__ import annotations

from django.db import models


class TagParent(models.Model):
    """``child`` belongs to ``parent``: a character or relationship to a fandom, a relationship to a character."""

    child = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, related_name="parent_links")
    parent = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, related_name="child_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["child", "parent"], name="tagparent_unique")]
        indexes = [models.Index(fields=["parent", "child"], name="tagparent_parent_idx")]


class MetaTagging(models.Model):
    """Works found under ``sub`` are also found under ``meta`` (both canonical, same type, no cycles)."""

    meta = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, related_name="sub_links")
    sub = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, related_name="meta_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meta", "sub"], name="metatagging_unique")]
        indexes = [models.Index(fields=["sub", "meta"], name="metatagging_sub_idx")]
