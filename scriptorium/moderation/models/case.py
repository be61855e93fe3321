"""A case: everything reported about one thing (a work, a chapter, a comment, a bookmark, an account, a tag)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class TargetKind(models.TextChoices):
    WORK = "work", "Work"
    CHAPTER = "chapter", "Chapter"
    COMMENT = "comment", "Comment"
    BOOKMARK = "bookmark", "Bookmark"
    USER = "user", "Account"
    TAG = "tag", "Tag"


class Category(models.TextChoices):
    SPAM = "spam", "Spam"
    HARASSMENT = "harassment", "Harassment"
    ILLEGAL = "illegal", "Illegal content"
    PLAGIARISM = "plagiarism", "Plagiarism"
    TAGGING = "tagging", "Tagging"
    OTHER = "other", "Other"


class CaseState(models.TextChoices):
    OPEN = "open", "Open"
    ASSIGNED = "assigned", "Assigned"
    RESOLVED = "resolved", "Resolved"
    DISMISSED = "dismissed", "Dismissed"


#: States in which new reports about the same thing join the case (a closed case stays closed: a new one opens).
ACTIVE_STATES = (CaseState.OPEN, CaseState.ASSIGNED)


class Case(models.Model):
    """Reports about one thing, grouped while the case is open or assigned. ``target_label`` and ``target_url``
    are what the thing was called and where it was when first reported (kept when it is deleted)."""

    target_kind = models.CharField(max_length=16, choices=TargetKind.choices)
    target_id = models.PositiveBigIntegerField()
    target_label = models.CharField(max_length=300)
    target_url = models.CharField(max_length=500)
    #: The work a chapter, comment or bookmark belongs to (the case page shows it; hiding acts on it).
    work_id = models.PositiveBigIntegerField(null=True, blank=True)
    state = models.CharField(max_length=16, choices=CaseState.choices, default=CaseState.OPEN, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: What the moderators decided, told to reporters who asked for the outcome.
    outcome = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["target_kind", "target_id", "state"], name="case_target_idx")]

    def __str__(self) -> str:
        return f"Case {self.pk}: {self.get_target_kind_display()} {self.target_label}"

    def get_absolute_url(self) -> str:
        return reverse("moderation:case", kwargs={"case_id": self.pk})

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES
