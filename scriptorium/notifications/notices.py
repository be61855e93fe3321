"""Written notices about an account itself (``NotificationKind.ACCOUNT``): a sentence and where it leads.

Other apps (a data export that is ready, …) tell an account something through :func:`account_notice_create`
rather than writing inbox rows themselves.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import Truncator

from scriptorium.notifications.models import Notification, NotificationKind

REASON_MAX = Notification._meta.get_field("reason").max_length
LINK_MAX = Notification._meta.get_field("link").max_length


def account_notice_create(*, user_id: int, text: str, link: str = "") -> Notification:
    """Put ``text`` (one sentence; cut to the field's length) in the account's inbox, unread, leading to
    ``link`` (a path on the archive)."""
    text = " ".join(text.split())
    if not text:
        raise ValueError("An account notice needs a sentence.")
    if len(link) > LINK_MAX:
        raise ValueError("The notice's link is too long.")
    return Notification.objects.create(
        recipient_id=user_id,
        kind=NotificationKind.ACCOUNT,
        reason=Truncator(text).chars(REASON_MAX),
        link=link,
        updated_at=timezone.now(),
    )
