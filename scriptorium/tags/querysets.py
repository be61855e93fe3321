from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower


class TagQuerySet(models.QuerySet):
    def named(self, name: str) -> TagQuerySet:
        """Tags whose name matches, ignoring case."""
        return self.annotate(_lname=Lower("name")).filter(_lname=name.strip().lower())

    def of_type(self, tag_type: str) -> TagQuerySet:
        return self.filter(type=tag_type)

    def shown_with(self, works: models.QuerySet) -> TagQuerySet:
        """Tags a reader may learn of, given ``works``, the works that reader may open (``shown_to_reader``)."""
        from scriptorium.tags.models.tag import FIXED_TYPES

        return self.filter(
            models.Q(canonical=True)
            | models.Q(type__in=FIXED_TYPES)
            | shown_to_reader(works, tag="pk", wrangled=models.Q(merger__isnull=False))
        )


def shown_to_reader(works: models.QuerySet, *, tag: str, wrangled: models.Q) -> models.Q:
    """The condition under which a tag that is not canonical may be shown to a reader who may open ``works``: a
    work among them carries it, or it is a synonym (``wrangled``: a wrangler made it part of the vocabulary) that
    no work carries at all. So a name typed only on drafts, on deleted works or (for a guest) on restricted works
    is never shown, and a synonym carried only by such works is not either. ``tag`` names the tag id's field."""
    carried = works.model._default_manager.filter(taggings__tag_id=models.OuterRef(tag))
    visible = works.filter(taggings__tag_id=models.OuterRef(tag))
    return models.Exists(visible) | (wrangled & ~models.Exists(carried))
