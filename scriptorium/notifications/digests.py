"""Email digests: each account that asked for one gets its unread notifications with activity since the last
digest, once a day or once a week, through Django's email (the console backend unless configured)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from scriptorium.core.mail import message_send
from scriptorium.notifications.models import DigestFrequency, DigestSettings
from scriptorium.notifications.presenters import excerpt, headline, target_url
from scriptorium.notifications.selectors import shown_to
from scriptorium.works.models import Creatorship

logger = logging.getLogger(__name__)

#: A digest is due this long after the last one; the slack lets an hourly check keep the same time of day.
PERIODS = {
    DigestFrequency.DAILY: datetime.timedelta(days=1),
    DigestFrequency.WEEKLY: datetime.timedelta(days=7),
}
SLACK = datetime.timedelta(minutes=10)
#: The most notifications one digest lists (the rest are counted, and waiting in the inbox).
DIGEST_MAX = 50


def _due(now: datetime.datetime) -> Q:
    due = Q()
    for frequency, period in PERIODS.items():
        due |= Q(frequency=frequency) & (Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - period + SLACK))
    return due


def digest_send(*, row: DigestSettings, now: datetime.datetime) -> bool:
    """Send one account's digest if it has unread news since the last one; answer whether an email went out."""
    user = row.user
    rows = shown_to(user).filter(read_at__isnull=True)
    if row.last_sent_at is not None:
        rows = rows.filter(updated_at__gt=row.last_sent_at)
    rows = (
        rows.select_related("work", "chapter", "comment")
        .prefetch_related(Prefetch("work__creatorships", queryset=Creatorship.objects.select_related("pseud")))
        .order_by("-updated_at", "-id")
    )
    total = rows.count()
    if not total or not user.email or not user.is_active:
        return False
    base = settings.SCRIPTORIUM_BASE_URL.rstrip("/")
    items = [
        {"headline": headline(n), "excerpt": excerpt(n), "url": base + target_url(n), "reason": n.reason}
        for n in rows[:DIGEST_MAX]
    ]
    context = {
        "user": user,
        "items": items,
        "more": total - len(items),
        "site_name": settings.SITE_NAME,
        "inbox_url": base + reverse("notifications:inbox"),
        "settings_url": base + reverse("notifications:subscriptions"),
        "frequency": DigestFrequency(row.frequency).label.lower(),
        "total": total,
    }
    return message_send(to=user.email, template="notifications/email/digest", context=context)


def digests_send_due(*, now: datetime.datetime | None = None) -> int:
    """Send every digest that is due; answer how many emails went out. One transaction per account, so a
    failure for one leaves the others sent and that one due again."""
    now = now or timezone.now()
    sent = 0
    for row_id in DigestSettings.objects.filter(_due(now)).values_list("pk", flat=True):
        try:
            with transaction.atomic():
                row = (
                    DigestSettings.objects.select_for_update()
                    .select_related("user")
                    .filter(_due(now), pk=row_id)
                    .first()
                )
                if row is None:
                    continue  # another run sent it meanwhile
                if digest_send(row=row, now=now):
                    sent += 1
                row.last_sent_at = now
                row.save(update_fields=["last_sent_at"])
        except Exception:
            logger.exception("Sending the digest of user settings %s failed", row_id)
    return sent
