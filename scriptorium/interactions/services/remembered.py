"""What readers keep of a deleted work: its title, creators and fandoms, written into their bookmarks and
history entries just before the work goes (the deletion then clears their links to it, ``SET_NULL``).

Called by the ``pre_delete`` receiver in ``interactions.signals``, inside the deleting transaction, so the rows
remember the work exactly as it was when it went, whoever deleted it (its creator, the admin, a script). The
``work_deleted`` event comes too late for this: it is announced after the commit, when the rows are gone.
"""

from __future__ import annotations

from django.utils import timezone

from scriptorium.interactions.models import Bookmark, Reading
from scriptorium.tags.models import TagType
from scriptorium.works.models import Creatorship, Tagging, Work


def work_remember(*, work_id: int) -> int:
    """Write what ``work_id`` is now into every bookmark and history entry of it; answer how many rows."""
    bookmarks = Bookmark.objects.filter(work_id=work_id)
    readings = Reading.objects.filter(work_id=work_id)
    title = Work.objects.filter(pk=work_id).values_list("title", flat=True).first()
    if title is None or not (bookmarks.exists() or readings.exists()):
        return 0
    creatorships = Creatorship.objects.filter(work_id=work_id).select_related("pseud__user").order_by("position", "id")
    fandoms = (
        Tagging.objects.filter(work_id=work_id, tag__type=TagType.FANDOM)
        .order_by("position", "id")
        .values_list("tag__name", flat=True)
    )
    remembered = {
        "work_title": title,
        "work_creators": [creatorship.pseud.display_name for creatorship in creatorships],
        "work_fandoms": list(fandoms),
        "work_deleted_at": timezone.now(),
    }
    return bookmarks.update(**remembered) + readings.update(**remembered)
