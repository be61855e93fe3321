"""Bumping revisions of works whose pages changed without an edit of their own (a creator's new name, a credit
added or removed), so every copy built from the old revision (downloads, caches) is known to be stale. Used by
``services`` and ``cocreators``."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import F

from scriptorium.works import events
from scriptorium.works.models import Work


def works_revise(work_ids: Sequence[int]) -> None:
    """Bump the revisions of ``work_ids`` and announce ``work_revised`` for each (after commit)."""
    Work.objects.filter(pk__in=work_ids).update(revision=F("revision") + 1)
    for work_id, revision, posted in Work.objects.filter(pk__in=work_ids).values_list("pk", "revision", "posted"):
        events.work_revised.announce(work_id=work_id, revision=revision, posted=posted)
