from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from scriptorium.tags.vocabulary import ADULT_RATINGS, NOT_RATED, RATINGS, TITLE_MAX
from scriptorium.works.languages import LANGUAGE_CHOICES
from scriptorium.works.querysets import WorkQuerySet


class CommentPermission(models.TextChoices):
    """Who may comment on a work (``scriptorium.interactions`` enforces it)."""

    ANYONE = "anyone", "Anyone, including guests"
    ACCOUNTS = "accounts", "Only readers with an account"
    OFF = "off", "Nobody (comments off)"


#: Readers' counters: written only by ``scriptorium.interactions`` with F() updates, never by a plain save,
#: so a stale copy of a work cannot undo a kudos or a hit.
COUNTER_FIELDS = frozenset({"kudos_count", "hits_count", "comments_count", "bookmarks_count"})


class Work(models.Model):
    """A story: metadata here, text in its chapters. Written only through ``scriptorium.works.services``."""

    title = models.CharField(max_length=TITLE_MAX)
    summary = models.TextField(blank=True)  # sanitized HTML
    notes = models.TextField(blank=True)  # sanitized HTML, shown before the text
    end_notes = models.TextField(blank=True)  # sanitized HTML, shown after the text
    language = models.CharField(max_length=16, choices=LANGUAGE_CHOICES, default="en")
    rating = models.CharField(max_length=32, choices=[(r, r) for r in RATINGS], default=NOT_RATED, db_index=True)
    restricted = models.BooleanField(default=False, help_text="Only logged-in users can see it.")
    posted = models.BooleanField(default=False, help_text="False while it is a draft.")
    complete = models.BooleanField(default=False)
    expected_chapters = models.PositiveIntegerField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    revised_on = models.DateField(null=True, blank=True, help_text="Updated: the last new chapter.")
    completed_on = models.DateField(null=True, blank=True)
    word_count = models.PositiveIntegerField(default=0)
    chapter_count = models.PositiveIntegerField(default=0)
    #: Bumped on every change of the work or its chapters (downloads are built per revision).
    revision = models.PositiveIntegerField(default=1)
    #: Where an imported work came from ("inkitt-text", …) and what the importer could not find.
    import_format = models.CharField(max_length=40, blank=True)
    import_problems = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    #: Readers' counters, kept by ``scriptorium.interactions`` (``scriptorium counters recount`` rebuilds them).
    kudos_count = models.PositiveIntegerField(default=0)
    hits_count = models.PositiveIntegerField(default=0)
    comments_count = models.PositiveIntegerField(default=0)
    bookmarks_count = models.PositiveIntegerField(default=0)
    comment_permission = models.CharField(
        max_length=16, choices=CommentPermission.choices, default=CommentPermission.ANYONE
    )
    moderate_comments = models.BooleanField(default=False, help_text="Hold comments until a creator approves them.")
    #: "Hidden by a moderator" (``scriptorium.moderation``): only its creators and moderators may open it, with
    #: the reason shown; it leaves every listing, search, count, download and notification. Written only by
    #: ``services.work_hidden_set``, and by the posting services when the spam check holds a work.
    hidden = models.BooleanField(default=False)
    hidden_as_spam = models.BooleanField(default=False)
    hidden_reason = models.TextField(blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    #: Hidden by the spam check, pending a moderator's review (a moderator's decision clears it).
    held_for_review = models.BooleanField(default=False)

    creators = models.ManyToManyField("accounts.Pseud", through="Creatorship", related_name="works")
    #: The account that created the work: it alone may remove other creators or cancel invitations.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tags = models.ManyToManyField("tags.Tag", through="Tagging", related_name="works")
    #: The creator's work skin (``scriptorium.skins``): its CSS is linked on the work's pages, scoped to the text.
    skin = models.ForeignKey("skins.WorkSkin", on_delete=models.SET_NULL, null=True, blank=True, related_name="works")

    objects = WorkQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["posted", "restricted", "-revised_on", "-id"], name="work_listing_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        """A plain save of a saved work leaves its counters alone (they change only by F() updates)."""
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name not in COUNTER_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("works:detail", kwargs={"work_id": self.pk})

    @property
    def is_adult(self) -> bool:
        return self.rating in ADULT_RATINGS

    @property
    def chapters_display(self) -> str:
        """AO3's "3/5" or "3/?"."""
        expected = self.expected_chapters if self.expected_chapters is not None else "?"
        return f"{self.chapter_count}/{expected}"

    @property
    def is_draft(self) -> bool:
        return not self.posted


class Creatorship(models.Model):
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="creatorships")
    pseud = models.ForeignKey("accounts.Pseud", on_delete=models.CASCADE, related_name="creatorships")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["work", "pseud"], name="creatorship_unique")]


class Tagging(models.Model):
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="taggings")
    tag = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, related_name="taggings")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["work", "tag"], name="tagging_unique")]
        indexes = [models.Index(fields=["tag", "work"], name="tagging_tag_work_idx")]
