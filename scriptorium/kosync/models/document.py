"""Files the archive served, by the digests KOReader names a document with."""

from __future__ import annotations

from django.db import models


class DocumentFile(models.Model):
    """One built download (the exact bytes served) by KOReader's partial MD5 of it (``kosync.digests``), with
    the chapter layout it was built with: ``chapter_ids`` in reading order (the EPUB's spine is the title page,
    then one page per chapter, then the afterword)."""

    partial_md5 = models.CharField(max_length=32, db_index=True)
    #: The SHA-256 of the file (``transfer.Download.content_hash``): each stored file is fingerprinted once.
    content_hash = models.CharField(max_length=64, unique=True)
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="+")
    revision = models.PositiveIntegerField()
    format = models.CharField(max_length=16)
    chapter_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.format} of work {self.work_id} r{self.revision} ({self.partial_md5})"


class DocumentName(models.Model):
    """The MD5 of a file name the archive gives a download (KOReader's "filename" matching) → work and format."""

    digest = models.CharField(max_length=32)
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=16)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["digest", "work", "format"], name="kosync_name_unique")]
        indexes = [models.Index(fields=["digest"], name="kosync_name_digest_idx")]

    def __str__(self) -> str:
        return f"{self.format} name of work {self.work_id}"
