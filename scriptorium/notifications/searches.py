"""Saved-search subscriptions: new works matching a saved search, found by the periodic run.

Each subscription remembers how far it was checked (``checked_at``). A run asks the search backend for the
search as its owner would see it (their excluded tags and muted creators too), limited to works posted since
that day, and keeps those announced after the last check (so a work posted earlier that day is not news).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from django.http import QueryDict
from django.utils import timezone

from scriptorium.notifications.delivery import saved_search_new_works
from scriptorium.notifications.models import Announcement, Subscription
from scriptorium.notifications.models.subscription import SubscriptionKind

logger = logging.getLogger(__name__)
#: The most new works one check reports per saved search.
MATCH_MAX = 100
MATCH_BATCH = 500  # saved-search subscriptions read per query while matching


def saved_search_match(*, subscription: Subscription) -> int:
    """Check one saved-search subscription; answer how many notifications it made."""
    from scriptorium.search.backends import get_search_backend
    from scriptorium.search.forms import SearchForm
    from scriptorium.search.query import Sort
    from scriptorium.search.selectors import Scope, build_query, reader_exclusions

    user = subscription.user
    since = subscription.checked_at or subscription.created_at
    now = timezone.now()
    form = SearchForm(QueryDict(subscription.saved_search.query_string))
    if not form.is_valid():
        subscription.checked_at = now  # the saved search no longer makes sense (a tag was removed): skip it
        subscription.save(update_fields=["checked_at"])
        return 0
    query = build_query(form, user, Scope(), reader_exclusions(user), page=1)
    start = timezone.localdate(since)
    query = replace(
        query,
        posted_from=max(query.posted_from or start, start),
        sort=Sort.POSTED,
        descending=True,
        page=1,
        per_page=MATCH_MAX,
        facets=(),
        snippets=False,
    )
    if query.posted_to is not None and query.posted_to < query.posted_from:
        found: list[int] = []
    else:
        found = get_search_backend().search(query).work_ids
    new_ids = list(
        Announcement.objects.filter(work_id__in=found, created_at__gt=since).values_list("work_id", flat=True)
    )
    made = saved_search_new_works(subscription=subscription, work_ids=new_ids)
    subscription.checked_at = now
    subscription.save(update_fields=["checked_at"])
    return made


def saved_searches_match() -> int:
    """Check every saved-search subscription; one failing (a backend error) does not stop the others."""
    made = 0
    rows = Subscription.objects.filter(kind=SubscriptionKind.SEARCH, user__is_active=True).select_related(
        "user", "saved_search"
    )
    # The ids are read first and the rows in batches: a read cursor left open across the matches' writes makes
    # SQLite refuse another writer's commit ("database is locked") once there are more rows than one fetch.
    ids = list(rows.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), MATCH_BATCH):
        for subscription in rows.filter(pk__in=ids[start : start + MATCH_BATCH]).order_by("pk"):
            try:
                made += saved_search_match(subscription=subscription)
            except Exception:
                logger.exception("Matching saved search subscription %s failed", subscription.pk)
    return made
