"""What readers keep of a deleted work: its title, creators and fandoms, written into their bookmarks and
history entries just before the work goes (the deletion then clears their links to it, ``SET_NULL``).

Called by the ``pre_delete`` receiver in ``interactions.signals``, inside the deleting transaction, so the rows
remember the work exactly as it was when it went, whoever deleted it (its creator, the admin, a script). The
``work_deleted`` event comes too late for this: it is announced after the commit, when the rows are gone.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone

from scriptorium.interactions.models import Bookmark, Reading
from scriptorium.tags.models import TagType
from scriptorium.works.bylines import byline_of
from scriptorium.works.models import Creatorship, ExternalCreatorship, Tagging, Work


def work_remember(*, work_id: int) -> int:
    """Write what ``work_id`` is now into every bookmark and history entry of it; answer how many rows."""
    bookmarks = Bookmark.objects.filter(work_id=work_id)
    readings = Reading.objects.filter(work_id=work_id)
    if not (bookmarks.exists() or readings.exists()):
        return 0
    work = (
        Work.objects.filter(pk=work_id)
        .only("pk", "title")
        .prefetch_related(
            Prefetch("creatorships", queryset=Creatorship.objects.select_related("pseud__user")),
            Prefetch("external_creatorships", queryset=ExternalCreatorship.objects.select_related("external_creator")),
        )
        .first()
    )
    if work is None:
        return 0
    fandoms = (
        Tagging.objects.filter(work_id=work_id, tag__type=TagType.FANDOM)
        .order_by("position", "id")
        .values_list("tag__name", flat=True)
    )
    remembered = {
        "work_title": work.title,
        # As the byline read: an archived work's author (not its archivist), or the pseuds credited.
        "work_creators": byline_of(work).names,
        "work_fandoms": list(fandoms),
        "work_deleted_at": timezone.now(),
    }
    return bookmarks.update(**remembered) + readings.update(**remembered)
