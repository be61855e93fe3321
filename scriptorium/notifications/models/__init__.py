from scriptorium.notifications.models.notification import MESSAGE_KINDS, Announcement, Notification, NotificationKind
from scriptorium.notifications.models.settings import DigestFrequency, DigestSettings
from scriptorium.notifications.models.subscription import Subscription, SubscriptionKind

__all__ = [
    "MESSAGE_KINDS",
    "Announcement",
    "DigestFrequency",
    "DigestSettings",
    "Notification",
    "NotificationKind",
    "Subscription",
    "SubscriptionKind",
]
