from scriptorium.notifications.models.notification import Announcement, Notification, NotificationKind
from scriptorium.notifications.models.settings import DigestFrequency, DigestSettings
from scriptorium.notifications.models.subscription import Subscription, SubscriptionKind

__all__ = [
    "Announcement",
    "DigestFrequency",
    "DigestSettings",
    "Notification",
    "NotificationKind",
    "Subscription",
    "SubscriptionKind",
]
