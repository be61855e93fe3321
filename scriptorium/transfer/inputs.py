"""What the import services take from the web: uploaded files, and the limits one upload must keep.

The upload form and ``services.import_job_create`` check the same limits with :func:`upload_limits_check`, so
the writer reads the same words whichever of the two refuses first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from scriptorium.transfer.parsed import ImportRejected


@dataclass(frozen=True)
class Upload:
    """One uploaded file: its name as the browser gave it, and its bytes."""

    name: str
    data: bytes


def upload_total_limit() -> int:
    """The most bytes one upload of several files may hold: five times the limit of one file."""
    return 5 * settings.SCRIPTORIUM_IMPORT_MAX_BYTES


def upload_limits_check(files: Iterable[tuple[str, int]]) -> None:
    """Refuse an upload of ``(name, size)`` files that breaks a limit, with ImportRejected saying which: more
    files than SCRIPTORIUM_IMPORT_MAX_FILES, a file over SCRIPTORIUM_IMPORT_MAX_BYTES, or all of them together
    over :func:`upload_total_limit`."""
    files = list(files)
    most = settings.SCRIPTORIUM_IMPORT_MAX_FILES
    if len(files) > most:
        raise ImportRejected("too-many-files", f"Upload at most {most} files at a time (you chose {len(files)}).")
    max_bytes = settings.SCRIPTORIUM_IMPORT_MAX_BYTES
    for name, size in files:
        if size > max_bytes:
            limit = max_bytes / (1024 * 1024)
            raise ImportRejected("too-large", f"{name} is larger than the {limit:g} MB limit.")
    if sum(size for _, size in files) > upload_total_limit():
        limit = upload_total_limit() / (1024 * 1024)
        raise ImportRejected("too-large", f"Together the files are larger than the {limit:g} MB limit of one upload.")
