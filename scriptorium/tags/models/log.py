from __future__ import annotations

from django.conf import settings
from django.db import models


class WranglingLogEntry(models.Model):
    """Who changed which tag how, and when, with the state before and after (names, not ids, so it reads)."""

    class Action(models.TextChoices):
        MAKE_CANONICAL = "canonical", "Made canonical"
        MAKE_SYNONYM = "synonym", "Made a synonym"
        UNWRANGLE = "unwrangle", "Unwrangled"
        ADD_PARENT = "parent_add", "Added parent"
        REMOVE_PARENT = "parent_remove", "Removed parent"
        ADD_META = "meta_add", "Added meta tag"
        REMOVE_META = "meta_remove", "Removed meta tag"
        CANON_LOAD = "canon_load", "Loaded canon"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The actor's username at the time ("canon" for the canon loader): kept if the account goes.
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=16, choices=Action.choices)
    tag = models.ForeignKey("tags.Tag", null=True, blank=True, on_delete=models.SET_NULL, related_name="log_entries")
    tag_name = models.CharField(max_length=150, blank=True)
    #: The other tag of the change (the canonical tag, the parent, the meta tag), when there is one.
    other_name = models.CharField(max_length=150, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "wrangling log entries"

    def __str__(self) -> str:
        return f"{self.actor_name}: {self.get_action_display()} {self.tag_name}"

    @staticmethod
    def _describe(state: dict) -> str:
        if not state:
            return ""
        if "status" in state:
            text = f"{state['status']} of {state['merger']}" if state.get("merger") else str(state["status"])
            if state.get("moved_synonyms"):
                text += f"; synonyms moved: {', '.join(state['moved_synonyms'])}"
            return text
        if "parent" in state:
            return f"parent {state['parent']}"
        if "meta" in state:
            return f"meta tag {state['meta']}"
        return ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in state.items() if value)

    @property
    def before_text(self) -> str:
        """The state before, in words ("unwrangled", "synonym of Steve Rogers", "parent Marvel…")."""
        return self._describe(self.before)

    @property
    def after_text(self) -> str:
        return self._describe(self.after)
