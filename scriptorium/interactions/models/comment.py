from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from scriptorium.interactions.querysets import CommentQuerySet

#: The most a comment may be, in characters typed (as on AO3).
COMMENT_MAX = 10_000
GUEST_NAME_MAX = 100


class CommentState(models.TextChoices):
    PUBLISHED = "published", "Published"
    HELD = "held", "Awaiting the creator’s approval"


class Comment(models.Model):
    """A comment on a chapter, or a reply to one (``parent``); ``thread`` is the top comment of its thread.

    Written only through ``scriptorium.interactions.services``. A deleted comment keeps its row (text emptied)
    so its replies stay in place under a "deleted comment" placeholder.
    """

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="comments")
    chapter = models.ForeignKey("works.Chapter", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    thread = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    pseud = models.ForeignKey("accounts.Pseud", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    guest_name = models.CharField(max_length=GUEST_NAME_MAX, blank=True)
    guest_email = models.EmailField(blank=True, help_text="Never shown.")
    text = models.TextField(blank=True)  # sanitized HTML; emptied when deleted
    state = models.CharField(max_length=16, choices=CommentState.choices, default=CommentState.PUBLISHED)
    deleted = models.BooleanField(default=False)
    #: On a thread's top comment: no more replies anywhere in the thread.
    frozen = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["chapter", "created_at"], name="comment_chapter_idx"),
            models.Index(fields=["work", "state", "deleted"], name="comment_work_state_idx"),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on work {self.work_id}"

    def get_absolute_url(self) -> str:
        return reverse("interactions:comment", kwargs={"comment_id": self.pk})

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"

    @property
    def is_guest(self) -> bool:
        return self.user_id is None and bool(self.guest_name)

    @property
    def is_held(self) -> bool:
        return self.state == CommentState.HELD

    @property
    def counts(self) -> bool:
        """Whether it counts in the work's ``comments_count``: published and not deleted."""
        return self.state == CommentState.PUBLISHED and not self.deleted

    @property
    def author_name(self) -> str:
        if self.pseud_id is not None:
            return self.pseud.display_name
        if self.guest_name:
            return self.guest_name
        return "A deleted account"
