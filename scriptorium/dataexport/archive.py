"""Writing an account's export: one ZIP, written beside its final name and renamed into place when complete.

``<MEDIA_ROOT>/exports/<user id>/data-export-<export id>.zip``; while it is written it is called ``….zip.partial``.
A build that dies (a killed worker) leaves at most a ``.partial`` file, which no row names and the next build of
the same export overwrites; the rename is the last step, so a ``.zip`` under that name is always whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from scriptorium.accounts.models import User
from scriptorium.dataexport import collect, selectors
from scriptorium.transfer.exports import converter_for, store
from scriptorium.transfer.exports.builds import build_time_limit, download_ready
from scriptorium.transfer.exports.snapshot import work_snapshot

FOLDER = "exports"
PARTIAL = ".partial"
#: The formats of each work put in the export (built through the downloads' own builder).
WORK_FORMATS = ("epub", "html")

README = """\
Your data from {site}
{rule}

Prepared on {date} for the account "{username}". Every file here is plain JSON (readable by any text
editor or program) unless said otherwise. Times are in UTC, in ISO 8601 form.

profile.json          Your account: username, email addresses, when you joined, your "about" text and your
                      preferences (adult works, reading history, email digest).
pseuds.json           Your pseuds (the names your works are credited to), with their descriptions.
works/                One folder per work credited to you, drafts included, named "<id>-<title>":
  <title>.epub          the work as an e-book,
  <title>.html          the work as a single web page,
  metadata.json         its title, creators, rating, warnings, tags by type, language, dates, counts
                        (words, hits, kudos, comments, bookmarks), series, summary and notes.
bookmarks.json        Your bookmarks, private ones included, with your notes and tags.
comments.json         The comments you wrote, with the work and chapter each is on, and its text (HTML).
kudos.json            The works (and chapters) you left kudos on.
history.json          Your reading history, the works you marked for later and your shelves.
subscriptions.json    What you subscribed to: works, series, creators, tags and saved searches.
saved_searches.json   Your saved searches, with the address that runs each again.
excluded_tags.json    The tags you chose never to see in listings.

A work you can no longer open (someone else's that became a draft, say) is given by its number only; one
that was deleted keeps the title it had, as your bookmarks and history showed it.
"""


def folder() -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER


def relative_name(*, user_id: int, export_id: int) -> str:
    """Where an export's finished ZIP lives, relative to the media root."""
    return f"{FOLDER}/{user_id}/data-export-{export_id}.zip"


def path_of(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / name


def partial_of(path: Path) -> Path:
    return path.with_name(path.name + PARTIAL)


def delete(name: str) -> bool:
    """Remove an export's file and any half-written one beside it; answer whether the ZIP was there."""
    if not name:
        return False
    path = path_of(name)
    with contextlib.suppress(FileNotFoundError):
        partial_of(path).unlink()
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def _json(archive: zipfile.ZipFile, name: str, value: Any) -> None:
    archive.writestr(name, json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _work_folder(work_id: int, title: str) -> str:
    return f"works/{work_id}-{slugify(title)[:60] or 'work'}"


def _write_works(archive: zipfile.ZipFile, user: User, task_id: str) -> None:
    for work in selectors.works_of(user).iterator(chunk_size=50):
        snapshot = work_snapshot(work)
        base = _work_folder(work.pk, work.title)
        stem = slugify(work.title)[:60] or "work"
        for format_name in WORK_FORMATS:
            converter = converter_for(format_name)
            # Marked with our task: a run of it again (its worker killed) takes over its own unfinished builds.
            built = download_ready(
                work, format_name, wait=build_time_limit(converter), retry_failed=True, task_id=task_id
            )
            archive.write(store.path_of(built.path), f"{base}/{stem}.{converter.extension}")
        _json(archive, f"{base}/metadata.json", collect.work_metadata(work, snapshot))


def write(*, user: User, name: str, task_id: str = "") -> int:
    """Write the account's export as ``name`` (relative to the media root), through ``name.partial``; answer
    its size in bytes. A ``.partial`` left by an earlier build of it is replaced; the finished file appears
    only at the end, whole. ``task_id``: the task building it (the works' files are built under it)."""
    target = path_of(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_of(target)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            now = timezone.now()
            archive.writestr(
                "README.txt",
                README.format(
                    site=settings.SITE_NAME,
                    rule="=" * (len(settings.SITE_NAME) + 15),
                    date=now.strftime("%Y-%m-%d %H:%M UTC"),
                    username=user.username,
                ),
            )
            _json(archive, "profile.json", collect.profile(user))
            _json(archive, "pseuds.json", collect.pseuds(user))
            _write_works(archive, user, task_id)
            _json(archive, "bookmarks.json", collect.bookmarks(user))
            _json(archive, "comments.json", collect.comments(user))
            _json(archive, "kudos.json", collect.kudos(user))
            _json(archive, "history.json", collect.history(user))
            _json(archive, "subscriptions.json", collect.subscriptions(user))
            _json(archive, "saved_searches.json", collect.saved_searches(user))
            _json(archive, "excluded_tags.json", collect.excluded_tags(user))
        with partial.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise
    target.chmod(0o600)
    return target.stat().st_size


def leftover_files(*, older_than: float, keep: set[str]) -> list[str]:
    """Files under the exports folder no row names (``keep``), older than ``older_than`` seconds: left by
    builds that died or exports whose rows are gone (a deleted account)."""
    base = folder()
    if not base.is_dir():
        return []
    now = timezone.now().timestamp()
    found = []
    for path in base.rglob("*"):
        if not path.is_file():
            continue
        name = path.relative_to(Path(settings.MEDIA_ROOT)).as_posix()
        if name in keep or now - path.stat().st_mtime <= older_than:
            continue
        found.append(name)
    return found
