"""Writes of the transfer app, named ``<entity>_<verb>``: imports one file or a ZIP at a time
(``services.imports``: ``work_import``, ``works_import_archive``, the CLI's ``import_summary``; a file the account
imported before raises ``AlreadyImported``) and the web's
background import jobs (``services.jobs``: ``import_job_create``, ``import_job_run``).

Downloads are built by ``transfer.exports.builds`` (``downloads_build``, ``downloads_cleanup``).
"""

from scriptorium.transfer.services.imports import (
    STILL_LOCKED,
    UNTITLED,
    AlreadyImported,
    ArchiveMemberResult,
    ImportResult,
    content_hash,
    import_summary,
    parse_upload,
    work_import,
    work_input_from_parsed,
    works_import_archive,
)
from scriptorium.transfer.services.jobs import import_job_create, import_job_run

__all__ = [
    "STILL_LOCKED",
    "UNTITLED",
    "AlreadyImported",
    "ArchiveMemberResult",
    "ImportResult",
    "content_hash",
    "import_job_create",
    "import_job_run",
    "import_summary",
    "parse_upload",
    "work_import",
    "work_input_from_parsed",
    "works_import_archive",
]
