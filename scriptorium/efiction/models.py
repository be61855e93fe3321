"""What an eFiction import remembers, so that running it again adds nothing and a killed run resumes.

One :class:`EfictionImport` per source archive; one :class:`EfictionRecord` per thing brought across (an author
→ its external creator, a story → its work, a series → its series), written in the same transaction as the thing
itself: a story is recorded exactly when its work, chapters and comments are all there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class EfictionImport(models.Model):
    """One eFiction archive, as imported (again and again) into this one."""

    #: "efiction:<name>": the database's name, or the operator's --source-name.
    source = models.CharField(max_length=300, unique=True)
    archivist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.source


class RecordKind(models.TextChoices):
    AUTHOR = "author", "Author → external creator"
    STORY = "story", "Story → work"
    SERIES = "series", "Series → series"


class EfictionRecord(models.Model):
    """One eFiction row (kind and id) and the object it became here."""

    efiction_import = models.ForeignKey(EfictionImport, on_delete=models.CASCADE, related_name="records")
    kind = models.CharField(max_length=16, choices=RecordKind.choices)
    source_id = models.BigIntegerField()
    object_id = models.BigIntegerField()
    #: A story's work is in but not yet indexed for search nor announced (``works_imported``): done after each
    #: batch of stories, and by the next run for what a killed run left.
    index_pending = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["efiction_import", "kind", "source_id"], name="efiction_record_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_id} → {self.object_id}"
