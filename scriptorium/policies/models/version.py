"""One published version of one of the site's policies. Versions are never edited: each publish adds one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from scriptorium.policies.querysets import PolicyVersionQuerySet

NOTE_MAX = 500
BODY_MAX = 200_000


class PolicyKind(models.TextChoices):
    """The four policies; each value is also the page's address (``/terms``…)."""

    TERMS = "terms", "Terms of Service"
    PRIVACY = "privacy", "Privacy Policy"
    CONTENT = "content-policy", "Content Policy"
    FAQ = "faq", "Frequently Asked Questions"


class TextFormat(models.TextChoices):
    MARKDOWN = "markdown", "Markdown"
    HTML = "html", "HTML or plain text"


class PolicyVersion(models.Model):
    kind = models.CharField(max_length=20, choices=PolicyKind.choices)
    number = models.PositiveIntegerField()
    #: What the editor typed, in ``text_format``; ``body_html`` is it rendered and sanitized, what pages show.
    body = models.TextField()
    text_format = models.CharField(max_length=10, choices=TextFormat.choices, default=TextFormat.MARKDOWN)
    body_html = models.TextField()
    note = models.CharField("what changed", max_length=NOTE_MAX, blank=True)
    #: Terms only: accounts that accepted an older version accept this one at their next visit.
    requires_acceptance = models.BooleanField(default=False)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-number"]
        constraints = [models.UniqueConstraint(fields=["kind", "number"], name="policy_version_unique_number")]
        permissions = [("publish_policy", "Can publish new versions of the site's policies")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("policies:version", kwargs={"slug": self.kind, "number": self.number})

    @property
    def title(self) -> str:
        return self.get_kind_display()
