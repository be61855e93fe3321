from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from scriptorium.interactions.querysets import KudosQuerySet


class Kudos(models.Model):
    """One reader's kudos on a work (``chapter`` empty) or on one of its chapters.

    An account leaves at most one per work and one per chapter; so does a guest, recognised by ``guest_key``:
    a keyed hash of their IP address with that day's salt (``scriptorium.interactions.guests``), never the address.
    """

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="kudos")
    chapter = models.ForeignKey("works.Chapter", on_delete=models.CASCADE, null=True, blank=True, related_name="kudos")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="kudos"
    )
    guest_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = KudosQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "kudos"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(guest_key="")) | (Q(user__isnull=True) & ~Q(guest_key="")),
                name="kudos_account_or_guest",
            ),
            models.UniqueConstraint(
                fields=["work", "user"],
                condition=Q(chapter__isnull=True, user__isnull=False),
                name="kudos_work_account_once",
            ),
            models.UniqueConstraint(
                fields=["work", "guest_key"],
                condition=Q(chapter__isnull=True, user__isnull=True),
                name="kudos_work_guest_once",
            ),
            models.UniqueConstraint(
                fields=["chapter", "user"],
                condition=Q(chapter__isnull=False, user__isnull=False),
                name="kudos_chapter_account_once",
            ),
            models.UniqueConstraint(
                fields=["chapter", "guest_key"],
                condition=Q(chapter__isnull=False, user__isnull=True),
                name="kudos_chapter_guest_once",
            ),
        ]
        indexes = [models.Index(fields=["work", "chapter", "-created_at"], name="kudos_work_recent_idx")]

    def __str__(self) -> str:
        who = f"user {self.user_id}" if self.user_id else "a guest"
        return f"Kudos from {who} on work {self.work_id}"

    @property
    def is_guest(self) -> bool:
        return self.user_id is None
