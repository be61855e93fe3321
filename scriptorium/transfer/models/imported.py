"""What each imported file was, so that importing it again is noticed (issue 14, finding 9)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportedFile(models.Model):
    """One file (or one story of a ZIP archive) imported as ``work`` for ``owner``, the account the work is
    credited to, known by the SHA-256 of its bytes. Importing the same bytes again for the same account is
    refused unless the person importing insists. Works imported before these records existed have none."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="+")
    content_hash = models.CharField(max_length=64)
    name = models.CharField(max_length=500, blank=True)
    #: The author names the file itself gave (its byline, metadata), whoever the work was credited to: an import
    #: never loses them (issue 15).
    author_names = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "content_hash"], name="importedfile_owner_hash")]

    def __str__(self) -> str:
        return f"{self.name or self.content_hash[:12]} → work {self.work_id}"
