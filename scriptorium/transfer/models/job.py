"""Several files uploaded on the web at once: one background job whose progress the uploader watches."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportJob(models.Model):
    """Files imported together for one writer by ``transfer.services.import_job_run`` in the background.

    The counters move as the task goes, so the job page can show a progress bar without counting rows."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Finished"
        FAILED = "failed", "Stopped by an error"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs")
    pseud = models.ForeignKey("accounts.Pseud", on_delete=models.CASCADE, related_name="+")
    draft = models.BooleanField(default=False)
    #: Import files this account has imported before all the same (else they are skipped, each one saying so).
    allow_duplicates = models.BooleanField(default=False)
    #: Archive the works on behalf of each file's author (an external creator; ``pseud`` keeps them): archivists only.
    on_behalf = models.BooleanField(default=False)
    #: With ``on_behalf``: the author's name and email to use instead of what each file says.
    author_name = models.CharField(max_length=200, blank=True)
    author_email = models.EmailField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    #: Files to go through (a ZIP counts once until it is opened, then once per story inside it).
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import job {self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def failed_count(self) -> int:
        return self.processed - self.imported

    @property
    def percent(self) -> int:
        return 100 if self.finished or not self.total else min(100, round(100 * self.processed / self.total))


class ImportJobFile(models.Model):
    """One uploaded file of a job (or one story of an uploaded ZIP), its bytes until it is imported, and what
    became of it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        IMPORTED = "imported", "Imported"
        SKIPPED = "skipped", "Not imported"
        EXPANDED = "expanded", "Opened"  # a ZIP whose stories became files of their own

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=500)
    size = models.PositiveIntegerField(default=0)
    data = models.BinaryField(default=b"")  # emptied once the file is handled
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    message = models.TextField(blank=True)
    problems = models.PositiveIntegerField(default=0, help_text="Details the file did not carry.")
    work = models.ForeignKey("works.Work", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    #: The author names the file gave (kept whoever the work was credited to).
    author_names = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="importjobfile_unique_position")]

    def __str__(self) -> str:
        return self.name
