"""The audit log (every moderator action: who, when, what, why), case notes, and the creators' one answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from scriptorium.moderation.models.case import Case, TargetKind

NOTE_MAX = 5000
APPEAL_MAX = 5000


class ActionKind(models.TextChoices):
    WORK_HIDE = "work_hide", "Hid a work"
    WORK_SPAM = "work_spam", "Marked a work as spam"
    WORK_UNHIDE = "work_unhide", "Showed a hidden work again"
    COMMENT_HIDE = "comment_hide", "Hid a comment"
    COMMENT_SPAM = "comment_spam", "Marked a comment as spam"
    COMMENT_DELETE = "comment_delete", "Deleted a comment"
    COMMENT_UNHIDE = "comment_unhide", "Showed a hidden comment again"
    ACCOUNT_SUSPEND = "account_suspend", "Suspended an account"
    ACCOUNT_UNSUSPEND = "account_unsuspend", "Lifted a suspension"
    ACCOUNT_BAN = "account_ban", "Banned an account"
    CASE_ASSIGN = "case_assign", "Assigned a case"
    CASE_RESOLVE = "case_resolve", "Resolved a case"
    CASE_DISMISS = "case_dismiss", "Dismissed a case"
    CASE_REOPEN = "case_reopen", "Reopened a case"


#: Actions whose subject is told (and may answer once).
TOLD_KINDS = frozenset(
    {
        ActionKind.WORK_HIDE,
        ActionKind.WORK_SPAM,
        ActionKind.WORK_UNHIDE,
        ActionKind.COMMENT_HIDE,
        ActionKind.COMMENT_SPAM,
        ActionKind.COMMENT_DELETE,
        ActionKind.ACCOUNT_SUSPEND,
        ActionKind.ACCOUNT_BAN,
    }
)


class Action(models.Model):
    """One line of the audit log. Never changed or deleted by the site; ``target_label`` keeps the thing's
    name after it is gone. ``subjects``: the accounts told about it (creators, the comment's author)."""

    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    moderator_name = models.CharField(max_length=150)
    kind = models.CharField(max_length=24, choices=ActionKind.choices)
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")
    target_kind = models.CharField(max_length=16, choices=TargetKind.choices)
    target_id = models.PositiveBigIntegerField()
    target_label = models.CharField(max_length=300)
    reason = models.TextField()
    #: e.g. the end of a suspension, the assignee's name.
    detail = models.CharField(max_length=300, blank=True)
    subjects = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.moderator_name}: {self.get_kind_display()} ({self.target_label})"

    def get_absolute_url(self) -> str:
        return reverse("moderation:decision", kwargs={"action_id": self.pk})

    @property
    def told(self) -> bool:
        return self.kind in TOLD_KINDS


class Note(models.Model):
    """A moderator's internal note on a case (never shown to reporters or creators)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    author_name = models.CharField(max_length=150)
    text = models.TextField(max_length=NOTE_MAX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class Appeal(models.Model):
    """The one answer an account told of an action may give; the moderators see it on the case."""

    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="appeal")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    author_name = models.CharField(max_length=150)
    text = models.TextField(max_length=APPEAL_MAX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
