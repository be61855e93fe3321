"""What lands in an account's inbox, and the mark that a work's arrival has been announced to subscribers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

#: A kudos summary names at most this many accounts (the rest are counted).
KUDOS_NAMES_MAX = 5


class NotificationKind(models.TextChoices):
    COMMENT = "comment", "Comment on your work"
    REPLY = "reply", "Reply to your comment"
    KUDOS = "kudos", "Kudos"
    NEW_CHAPTER = "new_chapter", "New chapter"
    NEW_WORK = "new_work", "New work"
    MODERATION = "moderation", "From the moderators"
    #: Someone named you as a co-creator of a work or series: accept or decline (``link``).
    CO_CREATOR = "co_creator", "Co-creator invitation"
    #: About the account itself (a data export is ready, …): ``reason`` says what, ``link`` where.
    ACCOUNT = "account", "About your account"


#: Kinds whose entry is a written message (``reason``) leading to ``link``, rather than a summary of activity
#: on a work; shown whatever the state of the work they may name (an invitation to a draft, a hidden work).
MESSAGE_KINDS = frozenset({NotificationKind.MODERATION, NotificationKind.CO_CREATOR, NotificationKind.ACCOUNT})


class Notification(models.Model):
    """One inbox entry. Written only by ``notifications.delivery`` (created) and ``services`` (read marks).

    Kudos are summarised: one entry per work and day (``period``) counts guests and names accounts, and comes
    back unread when more kudos arrive. ``reason`` says which subscription brought a new work or chapter.
    ``updated_at`` is the last activity (the inbox order, and what a digest looks at)."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    #: Empty only for a moderators' message about something other than a work (a comment, the account).
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    chapter = models.ForeignKey("works.Chapter", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    comment = models.ForeignKey(
        "interactions.Comment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    period = models.DateField(null=True, blank=True)
    guest_count = models.PositiveIntegerField(default=0)
    account_count = models.PositiveIntegerField(default=0)
    account_names = models.JSONField(default=list, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    #: A moderators' message: where it leads (the decision, with its reasons and the answer form).
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "comment"], condition=Q(comment__isnull=False), name="notification_comment_once"
            ),
            models.UniqueConstraint(
                fields=["recipient", "work", "period"],
                condition=Q(kind=NotificationKind.KUDOS),
                name="notification_kudos_per_period",
            ),
            models.UniqueConstraint(
                fields=["recipient", "chapter"],
                condition=Q(kind=NotificationKind.NEW_CHAPTER),
                name="notification_chapter_once",
            ),
            models.UniqueConstraint(
                fields=["recipient", "work"],
                condition=Q(kind=NotificationKind.NEW_WORK),
                name="notification_new_work_once",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-updated_at", "-id"], name="notification_inbox_idx"),
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for user {self.recipient_id} about work {self.work_id}"

    @property
    def unread(self) -> bool:
        return self.read_at is None

    @property
    def more_accounts(self) -> int:
        return max(0, self.account_count - len(self.account_names))


class Announcement(models.Model):
    """Present once subscribers have been told about a posted work, so it is announced exactly once.

    Chapters created before the announcement came with the work; only later ones are "new chapters"."""

    work = models.OneToOneField("works.Work", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Work {self.work_id} announced"
