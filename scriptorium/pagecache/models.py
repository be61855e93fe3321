"""The pages' generations when no shared cache holds them (``generations.py``)."""

from django.db import models


class PageGeneration(models.Model):
    """One generation: "all", "listings" or "work:<id>"; a new random value makes every page keyed by the old
    one unreachable."""

    name = models.CharField(max_length=64, primary_key=True)
    value = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.name}={self.value}"
