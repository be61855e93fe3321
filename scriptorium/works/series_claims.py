"""Series that follow claimed works (issue 15): a series an archivist made for works archived on their author's
behalf passes to the author's pseud once every work in it is credited to that pseud and no longer kept for an
unclaimed external creator. Asked by ``claims`` in the transaction that moves the works
(``works.external.external_creator_works_claim``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from scriptorium.accounts.models import Pseud
from scriptorium.works.models import Creatorship, ExternalCreatorship, Series


def series_follow_claim(*, archivist_id: int, pseud: Pseud, work_ids: Iterable[int]) -> list[int]:
    """Move the archivist's series holding any of ``work_ids`` onto ``pseud`` (credit and ownership) where every
    work in the series is now the pseud's; a series with a work of someone else (or one still kept for another
    author, or none of the pseud's) stays as it is. Answers the ids of the series moved."""
    moved: list[int] = []
    with transaction.atomic():
        ids = set(
            Series.objects.filter(parts__work_id__in=list(work_ids), creators__user_id=archivist_id).values_list(
                "pk", flat=True
            )
        )  # a join repeats a series; PostgreSQL locks no DISTINCT rows, so the lock is taken by id
        for series in Series.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
            part_work_ids = set(series.parts.values_list("work_id", flat=True))
            credited = set(
                Creatorship.objects.filter(work_id__in=part_work_ids, pseud=pseud).values_list("work_id", flat=True)
            )
            still_kept = ExternalCreatorship.objects.filter(
                work_id__in=part_work_ids, external_creator__claimed_by__isnull=True
            ).exists()
            if credited != part_work_ids or still_kept:
                continue
            series.creators.remove(*Pseud.objects.filter(user_id=archivist_id))
            series.creators.add(pseud)
            if series.owner_id in (None, archivist_id):
                Series.objects.filter(pk=series.pk).update(owner=pseud.user_id)
            moved.append(series.pk)
    return moved
