"""Reads: an account's export, and the rows of an account that no other app's selectors list (works it
created, comments it wrote, kudos it gave), each with whether the account may still open the work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, QuerySet

from scriptorium.dataexport.models import DataExport
from scriptorium.interactions.models import Comment, Kudos
from scriptorium.works.models import SeriesPart, Work

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User


def export_of(user: User | AnonymousUser) -> DataExport | None:
    """The account's own export (None for a guest, or before it asked for one)."""
    return DataExport.objects.owned_by(user).first()


def export_by_id(export_id: int) -> DataExport | None:
    return DataExport.objects.filter(pk=export_id).select_related("user").first()


def exports_expired() -> QuerySet[DataExport]:
    return DataExport.objects.expired()


def export_paths() -> set[str]:
    """The files every export row names (the rest under the exports folder are left over)."""
    return set(DataExport.objects.exclude(path="").values_list("path", flat=True))


def works_of(user: User) -> QuerySet[Work]:
    """Every work credited to one of the account's pseuds: posted, drafts and hidden ones alike."""
    return Work.objects.created_by(user).order_by("pk")


def _visible(user: User) -> Exists:
    return Exists(Work.objects.visible_to(user).filter(pk=OuterRef("work_id")))


def comments_written(user: User) -> QuerySet[Comment]:
    """The comments the account wrote (deleted ones, whose text is gone, left out), oldest first; ``available``:
    whether it may still open their work (else its title is not given)."""
    return (
        Comment.objects.filter(user=user, deleted=False)
        .select_related("work", "chapter", "pseud")
        .annotate(available=_visible(user))
        .order_by("created_at", "pk")
    )


def kudos_given(user: User) -> QuerySet[Kudos]:
    """The kudos the account left, oldest first, with ``available`` as for comments."""
    return (
        Kudos.objects.filter(user=user)
        .select_related("work", "chapter")
        .annotate(available=_visible(user))
        .order_by("created_at", "pk")
    )


def visible_work_ids(user: User, work_ids: set[int]) -> set[int]:
    return set(Work.objects.visible_to(user).filter(pk__in=work_ids).values_list("pk", flat=True))


def visible_series_ids(user: User, series_ids: set[int]) -> set[int]:
    visible = Work.objects.visible_to(user).values("pk")
    return set(
        SeriesPart.objects.filter(series_id__in=series_ids, work__in=visible).values_list("series_id", flat=True)
    )
