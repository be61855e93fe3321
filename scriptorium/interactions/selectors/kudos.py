"""Kudos on a work's page: who left them on the work (accounts by name, guests counted) and on each chapter shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q

from scriptorium.interactions.models import Kudos

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User
    from scriptorium.works.models import Chapter, Work

    Viewer = User | AnonymousUser

#: How many account names the kudos line shows before "and N more".
KUDOS_NAMES_SHOWN = 50


@dataclass(frozen=True)
class KudosSummary:
    names: list[str]
    accounts: int
    guests: int
    given: bool  # the viewer has left kudos on the work

    @property
    def more(self) -> int:
        return max(0, self.accounts - len(self.names))

    @property
    def total(self) -> int:
        return self.accounts + self.guests


def _mine(viewer: Viewer, guest_key: str | None) -> Q:
    if viewer.is_authenticated:
        return Q(user=viewer)
    if guest_key:
        return Q(user__isnull=True, guest_key=guest_key)
    return Q(pk__in=[])


def kudos_for_page(
    viewer: Viewer, work: Work, chapters: list[Chapter], *, guest_key: str | None = None
) -> KudosSummary:
    """Kudos on the work (who: accounts newest first, and how many guests) and on each of ``chapters`` (set as
    ``kudos_total`` and ``kudos_given`` on them). One grouped query, and one for the names when there are any."""
    rows = (
        Kudos.objects.filter(Q(chapter__isnull=True) | Q(chapter__in=[c.pk for c in chapters]), work=work)
        .order_by()
        .values("chapter")
        .annotate(
            accounts=Count("pk", filter=Q(user__isnull=False)),
            guests=Count("pk", filter=Q(user__isnull=True)),
            mine=Count("pk", filter=_mine(viewer, guest_key)),
        )
    )
    found = {row["chapter"]: row for row in rows}
    for chapter in chapters:
        row = found.get(chapter.pk, {"accounts": 0, "guests": 0, "mine": 0})
        chapter.kudos_total = row["accounts"] + row["guests"]
        chapter.kudos_given = bool(row["mine"])
    totals = found.get(None, {"accounts": 0, "guests": 0, "mine": 0})
    names: list[str] = []
    if totals["accounts"]:
        names = list(
            Kudos.objects.on_work(work).from_accounts().values_list("user__username", flat=True)[:KUDOS_NAMES_SHOWN]
        )
    return KudosSummary(names=names, accounts=totals["accounts"], guests=totals["guests"], given=bool(totals["mine"]))


def guest_kudos_places(work_id: int, guest_key: str | None) -> tuple[int, ...]:
    """Where the guest known today by ``guest_key`` left kudos on the work: chapter ids, 0 for the work itself
    (what their page shows as "given"; the page cache keeps guests apart by it). Empty without a key."""
    if not guest_key:
        return ()
    found = Kudos.objects.filter(work_id=work_id, user__isnull=True, guest_key=guest_key)
    return tuple(sorted(chapter or 0 for chapter in found.values_list("chapter_id", flat=True)))
