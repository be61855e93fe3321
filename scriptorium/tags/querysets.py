from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower


class TagQuerySet(models.QuerySet):
    def named(self, name: str) -> TagQuerySet:
        """Tags whose name matches, ignoring case."""
        return self.annotate(_lname=Lower("name")).filter(_lname=name.strip().lower())

    def of_type(self, tag_type: str) -> TagQuerySet:
        return self.filter(type=tag_type)
