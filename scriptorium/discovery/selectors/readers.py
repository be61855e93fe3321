"""The works a reader's discovery pages count: what the works listings list for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from scriptorium.blocklists.selectors import blocklist_of
from scriptorium.search.blocking import works_shown_q
from scriptorium.search.selectors import reader_exclusions
from scriptorium.tags.models import WorkFilter
from scriptorium.works.models import Creatorship, Work

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User

    Viewer = User | AnonymousUser


def reader_works(user: Viewer) -> QuerySet[Work]:
    """Works listed for ``user`` (``Work.objects.listed_for``: posted, not hidden, restricted ones only for
    accounts) without the ones their standing exclusions leave out of every listing: excluded tags (through the
    filter table, so synonyms and sub tags count), excluded ratings, muted creators, and the works their blocklist
    rules hide (``search.blocking``; the allow-list wins there)."""
    works = Work.objects.listed_for(user)
    exclusions = reader_exclusions(user)
    if exclusions.tag_ids:
        works = works.exclude(pk__in=WorkFilter.objects.filter(tag_id__in=exclusions.tag_ids).values("work_id"))
    if exclusions.ratings:
        works = works.exclude(rating__in=exclusions.ratings)
    if exclusions.user_ids:
        works = works.exclude(
            pk__in=Creatorship.objects.filter(pseud__user_id__in=exclusions.user_ids).values("work_id")
        )
    return works.filter(works_shown_q(blocklist_of(user)))
