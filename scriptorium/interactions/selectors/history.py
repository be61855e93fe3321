"""Reads for the reading history and Marked for Later pages, with the works ready for blurbs (constant queries).
An entry whose work was deleted stays, with no work and the title it remembers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from scriptorium.interactions.models import HistoryPause, Reading
from scriptorium.works.models import Chapter, Work
from scriptorium.works.selectors import blurb_queryset

if TYPE_CHECKING:
    from scriptorium.accounts.models import User


def history_enabled(user: User) -> bool:
    return not HistoryPause.objects.filter(user=user).exists()


def _with_works(readings: QuerySet[Reading], viewer: User) -> QuerySet[Reading]:
    visible = Work.objects.visible_to(viewer).values("pk")
    return (
        readings.select_related("chapter")
        .prefetch_related(
            Prefetch(
                "work",
                queryset=blurb_queryset(Work.objects.all()).annotate(
                    available=Exists(visible.filter(pk=OuterRef("pk")))
                ),
            )
        )
        .only(
            "id",
            "user_id",
            "work_id",
            "chapter__id",
            "chapter__position",
            "chapter__title",
            "chapter__work_id",
            "paragraph",
            "views",
            "last_read_at",
            "marked_for_later",
            "marked_at",
            "chapters_seen",
            "work_title",
            "work_creators",
            "work_fandoms",
            "work_deleted_at",
        )
    )


def history_entries(viewer: User) -> QuerySet[Reading]:
    """The viewer's history, most recently read first, with the works ready for blurbs (constant queries)."""
    return _with_works(Reading.objects.filter(user=viewer, views__gt=0), viewer).order_by("-last_read_at", "-id")


def later_entries(viewer: User) -> QuerySet[Reading]:
    """Works the viewer marked for later, most recently marked first."""
    return _with_works(Reading.objects.filter(user=viewer, marked_for_later=True), viewer).order_by("-marked_at", "-id")


def continue_url(reading: Reading) -> str:
    """Where "continue reading" leads: the chapter last opened, at the last paragraph seen."""
    chapter: Chapter | None = reading.chapter
    if chapter is None:
        return reading.work.get_absolute_url() if reading.work_id else ""
    anchor = f"#p-{reading.paragraph}" if reading.paragraph > 1 else ""
    return chapter.get_absolute_url() + anchor
