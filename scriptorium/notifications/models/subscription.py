"""Subscriptions: an account asks to hear about new chapters of a work, or new works by a creator, in a series,
under a tag (through the filter table, so synonyms and sub tags count) or matching one of its saved searches."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class SubscriptionKind(models.TextChoices):
    WORK = "work", "Work"
    CREATOR = "creator", "Creator"
    SERIES = "series", "Series"
    TAG = "tag", "Tag"
    SEARCH = "search", "Saved search"


#: The one target field each kind fills.
TARGET_FIELDS = {
    SubscriptionKind.WORK: "work",
    SubscriptionKind.CREATOR: "creator",
    SubscriptionKind.SERIES: "series",
    SubscriptionKind.TAG: "tag",
    SubscriptionKind.SEARCH: "saved_search",
}


def _only(field: str) -> Q:
    others = {f"{name}__isnull": True for name in TARGET_FIELDS.values() if name != field}
    return Q(**{f"{field}__isnull": False}, **others)


class Subscription(models.Model):
    """One account's subscription to exactly one target. Written only through ``notifications.services``.

    A tag subscription keeps the tag works are found under (a synonym's canonical tag). ``checked_at`` is how far
    a saved search has been matched against new works.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions")
    kind = models.CharField(max_length=16, choices=SubscriptionKind.choices)
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="subscribers"
    )
    series = models.ForeignKey("works.Series", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    tag = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    saved_search = models.ForeignKey(
        "search.SavedSearch", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (Q(kind=SubscriptionKind.WORK) & _only("work"))
                    | (Q(kind=SubscriptionKind.CREATOR) & _only("creator"))
                    | (Q(kind=SubscriptionKind.SERIES) & _only("series"))
                    | (Q(kind=SubscriptionKind.TAG) & _only("tag"))
                    | (Q(kind=SubscriptionKind.SEARCH) & _only("saved_search"))
                ),
                name="subscription_one_target",
            ),
            *[
                models.UniqueConstraint(
                    fields=["user", field],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"subscription_{field}_once",
                )
                for field in TARGET_FIELDS.values()
            ],
        ]
        indexes = [
            models.Index(fields=["work", "user"], name="subscription_work_idx"),
            models.Index(fields=["creator", "user"], name="subscription_creator_idx"),
            models.Index(fields=["series", "user"], name="subscription_series_idx"),
            models.Index(fields=["tag", "user"], name="subscription_tag_idx"),
        ]

    def __str__(self) -> str:
        return f"User {self.user_id} subscribes to {self.kind} {self.target_id}"

    @property
    def target_id(self) -> int | None:
        return getattr(self, f"{TARGET_FIELDS[SubscriptionKind(self.kind)]}_id")
