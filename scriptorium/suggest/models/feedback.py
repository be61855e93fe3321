from __future__ import annotations

from django.conf import settings
from django.db import models


class SuggestionFeedback(models.Model):
    """A writer's decision on one suggestion. Rejections of a name found through an alias weaken that alias in
    that fandom; accepts and rejects per suggested tag shift its confidence (see ``suggest.learning``)."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    work = models.ForeignKey("works.Work", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    field = models.CharField(max_length=20)
    name = models.CharField(max_length=150)
    decision = models.CharField(max_length=8, choices=Decision.choices)
    #: The words in the text the suggestion came from (folded), for characters.
    surfaces = models.JSONField(default=list, blank=True)
    #: The fandom the suggester placed the work in when the decision was made.
    fandom = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["field", "name"], name="suggestfeedback_field_name")]
        constraints = [models.UniqueConstraint(fields=["work", "field", "name"], name="suggestfeedback_once_per_work")]

    def __str__(self) -> str:
        return f"{self.decision} {self.field}: {self.name}"
