"""People search (``/people/search``): pseuds and the accounts they belong to, with their works' count."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower

from scriptorium.accounts.models import Pseud
from scriptorium.discovery.selectors.readers import reader_works
from scriptorium.tags.models import Tag, WorkFilter
from scriptorium.works.models import Creatorship

if TYPE_CHECKING:
    from scriptorium.discovery.selectors.readers import Viewer


def people_search(user: Viewer, *, name: str, fandom: Tag | None = None) -> QuerySet[Pseud]:
    """Pseuds whose name or account's username contains ``name`` (ignoring case), each with ``work_count``: how many
    works listed for ``user`` it is credited on (``fandom``: only works found under that fandom, and only
    pseuds with one). Exact names first, then names starting so, then by works, then A–Z. Closed accounts
    are left out; the system accounts (the orphan account) are not."""
    works = reader_works(user)
    if fandom is not None:
        works = works.filter(pk__in=WorkFilter.objects.filter(tag_id=fandom.filter_tag_id).values("work_id"))
    counted = (
        Creatorship.objects.filter(pseud=OuterRef("pk"), work__in=works)
        .order_by()
        .values("pseud")
        .annotate(n=Count("work_id"))
        .values("n")
    )
    wanted = name.strip().lower()
    pseuds = (
        Pseud.objects.filter(Q(user__is_active=True) | Q(user__is_system=True))
        .filter(Q(name__icontains=wanted) | Q(user__username__icontains=wanted))
        .select_related("user")
        .annotate(
            work_count=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0)),
            _lname=Lower("name"),
            _luser=Lower("user__username"),
        )
    )
    if fandom is not None:
        pseuds = pseuds.filter(work_count__gt=0)
    exact = Q(_lname=wanted) | Q(_luser=wanted)
    starts = Q(_lname__startswith=wanted) | Q(_luser__startswith=wanted)
    return pseuds.annotate(
        _rank=Case(When(exact, then=Value(0)), When(starts, then=Value(1)), default=Value(2))
    ).order_by("_rank", "-work_count", "_lname", "pk")
