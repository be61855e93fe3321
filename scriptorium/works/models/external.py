"""Creators without an account here, Open Doors style.

When an operator imports works on behalf of their authors (a rescued eFiction archive, a folder of files sent in
by email), each work is credited to an :class:`ExternalCreator`: the author's name, and email when known, under
the archivist who brought the works in. The archivist's pseud stays on the work as its keeper (so the usual
permission rules apply: the archivist may edit or delete it), and the byline reads "by NAME [archived by
ARCHIVIST]". When the author claims the works (``scriptorium.claims``), their pseud takes the archivist's place
and the external credit is marked claimed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

#: Longest external creator name kept (eFiction's pennames are 200 characters; pseuds here are 40).
EXTERNAL_NAME_MAX = 200


class ExternalCreator(models.Model):
    """One author known by name (and email) only, under the archivist who imported their works."""

    name = models.CharField(max_length=EXTERNAL_NAME_MAX)
    email = models.EmailField(blank=True)
    archivist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    #: Where the name came from ("efiction:ARCHIVE:UID", a file name, …): lets an import be run twice.
    source = models.CharField(max_length=300, blank=True)
    #: Set when the author claimed the works: the pseud they now stand under.
    claimed_by = models.ForeignKey("accounts.Pseud", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    claimed_at = models.DateTimeField(null=True, blank=True)
    #: The author asked for the works to be taken down (``scriptorium.claims``).
    removal_requested_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                "archivist", Lower("name"), Lower("email"), "source", name="external_creator_unique"
            ),
        ]
        indexes = [models.Index(Lower("name"), name="external_creator_name_idx")]

    def __str__(self) -> str:
        return self.name

    #: Bylines list pseuds and external creators together; a template tells them apart by this.
    is_external = True

    def get_absolute_url(self) -> str:
        return reverse("external_author", kwargs={"external_author_id": self.pk})

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def is_claimed(self) -> bool:
        return self.claimed_by_id is not None


class ExternalCreatorship(models.Model):
    """An external creator credited on a work (alongside the archivist's keeping pseud)."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="external_creatorships")
    external_creator = models.ForeignKey(ExternalCreator, on_delete=models.CASCADE, related_name="creatorships")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["work", "external_creator"], name="external_creatorship_unique")]
