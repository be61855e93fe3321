"""``scriptorium import PATH… [--title T] [--creator PSEUD | --on-behalf [--archivist USER] [--author-name N]
[--author-email E]] [--draft] [--json] [--allow-duplicates]``.

Whose works: with ``--creator`` (or nothing) they are one's own, credited to that pseud (default: the archive's
import account). With ``--on-behalf`` each file's own author becomes an external creator ("by NAME [archived by
ARCHIVIST]", Open Doors style) kept by the archivist's default pseud; a file naming no author is refused unless
``--author-name`` gives one. The author names each file gives are kept on its import record either way.

A PATH is a story file (plain text, Markdown, HTML, EPUB, DOCX), a folder (every file in it and its
sub-folders, hidden files left out) or a ZIP archive of story files (one work per member). A file the credited
account imported before (the same bytes) is skipped, naming its work, unless ``--allow-duplicates``; skipped
files are not failures, so importing the same ZIP again makes no new works and exits 0.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import OperationalError

from scriptorium.accounts.models import Pseud, User
from scriptorium.accounts.services import import_account
from scriptorium.core.dblocks import is_lock_error
from scriptorium.core.progress import FilesMeter
from scriptorium.tags.services import tags_remembered
from scriptorium.transfer.formats import SUPPORTED, detect_format
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import (
    STILL_LOCKED,
    AlreadyImported,
    ImportResult,
    import_summary,
    work_import,
    works_import_archive,
)

#: What a skipped file's line adds, in plain and --json output.
INSIST = "use --allow-duplicates to import it again"


def _files(path: Path) -> list[Path]:
    """The files a path names: itself, or a folder's files (sorted, hidden ones left out)."""
    if not path.is_dir():
        return [path]
    found = (p for p in path.rglob("*") if p.is_file())
    return sorted(p for p in found if not any(part.startswith(".") for part in p.relative_to(path).parts))


class Command(BaseCommand):
    help = (
        f"Import story files as works: {SUPPORTED}. Folders are read file by file. Each file (and each file "
        "in a ZIP archive) is imported on its own: a bad one is reported and the rest go on."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help="Files, folders or ZIP archives to import.")
        parser.add_argument("--title", help="Title for the imported work (files rarely carry one).")
        parser.add_argument(
            "--creator",
            help="Your own works: the pseud to credit (default: the archive's import account). Not with --on-behalf.",
        )
        parser.add_argument(
            "--on-behalf",
            action="store_true",
            help="Archive each file on behalf of its own author: credited to an external creator named from the "
            'file ("by NAME [archived by ARCHIVIST]"), kept by the archivist. A file naming no author is '
            "refused unless --author-name is given.",
        )
        parser.add_argument(
            "--archivist",
            metavar="USERNAME",
            help="With --on-behalf: the account that archives the works (default: the archive's import account).",
        )
        parser.add_argument(
            "--author-name", help="With --on-behalf: the author's name, instead of the one each file gives."
        )
        parser.add_argument(
            "--author-email", help="With --on-behalf: the author's email (for claim invitations; never shown)."
        )
        parser.add_argument("--draft", action="store_true", help="Keep the works as drafts.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object per file.")
        parser.add_argument(
            "--allow-duplicates",
            action="store_true",
            help="Import files the credited account imported before (same bytes) again; they are skipped otherwise.",
        )
        parser.add_argument(
            "--accept-suggestions",
            action="store_true",
            help="Fill in what each file leaves out with the archive's confident suggestions (noted on the work).",
        )

    def handle(self, *args: object, **options: object) -> None:
        creator = None
        self.on_behalf = bool(options["on_behalf"])
        if not self.on_behalf and (options["archivist"] or options["author_name"] or options["author_email"]):
            raise CommandError("--archivist, --author-name and --author-email go with --on-behalf.")
        if self.on_behalf and options["creator"]:
            raise CommandError("--creator credits your own works; with --on-behalf use --archivist.")
        if options["creator"]:
            creator = Pseud.objects.select_related("user").filter(name__iexact=options["creator"]).first()
            if creator is None:
                raise CommandError(f"No pseud named “{options['creator']}”.")
        self.author = {}
        if self.on_behalf:
            creator = self._archivist(options["archivist"]).default_pseud
            self.author = {
                "on_behalf": True,
                "author_name": str(options["author_name"] or ""),
                "author_email": str(options["author_email"] or ""),
            }
        self.as_json = bool(options["json"])
        self.accept_suggestions = bool(options["accept_suggestions"])
        self.base_url = settings.SCRIPTORIUM_BASE_URL
        self.allow_duplicates = bool(options["allow_duplicates"])
        self.attempts = 0
        self.failures = 0
        self.duplicates = 0
        paths = [path for name in options["files"] for path in _files(Path(str(name)))]
        # Progress goes to the error stream, so --json output on stdout stays one object per line.
        progress = FilesMeter(len(paths), self.stderr._out) if len(paths) > 1 else None
        with tags_remembered():  # each tag name looked up once for the whole run
            for path in paths:
                self._import_path(path, creator=creator, title=options["title"], draft=bool(options["draft"]))
                if progress is not None:
                    progress.step()
        if progress is not None:
            progress.finish(progress.summary(failures=self.failures + self.duplicates))
        if self.duplicates and not self.as_json:
            files = "file was" if self.duplicates == 1 else "files were"
            self.stderr.write(f"{self.duplicates} {files} already imported and skipped ({INSIST.replace(' it', '')}).")
        if self.failures:
            raise CommandError(f"{self.failures} of {self.attempts} files were not imported.", returncode=1)

    def _archivist(self, username: object) -> User:
        if not username:
            return import_account()
        found = User.objects.filter(username__iexact=str(username), is_active=True).first()
        if found is None:
            raise CommandError(f"No account named “{username}”.")
        return found

    def _import_path(self, path: Path, *, creator: Pseud | None, title: object, draft: bool) -> None:
        try:
            if not path.is_file():
                raise ImportRejected("not-found", f"{path} is not a file.")
            size = path.stat().st_size
            if size > settings.SCRIPTORIUM_IMPORT_MAX_BYTES:
                limit = settings.SCRIPTORIUM_IMPORT_MAX_BYTES / (1024 * 1024)
                raise ImportRejected("too-large", f"The file is larger than the {limit:g} MB limit.")
            data = path.read_bytes()
            if detect_format(data, path.name) == "zip":
                members = works_import_archive(
                    data=data,
                    filename=path.name,
                    creator=creator,
                    draft=draft,
                    allow_duplicates=self.allow_duplicates,
                    **self.author,
                )
                for member in members:
                    label = f"{path}:{member.name}"
                    if member.error is not None:
                        self._failed(label, member.error, archive=str(path), member=member.name)
                    elif member.result is not None:
                        self._imported(label, member.result, archive=str(path), member=member.name)
                return
            result = work_import(
                data=data,
                filename=path.name,
                creator=creator,
                title=str(title) if title else None,
                draft=draft,
                allow_duplicates=self.allow_duplicates,
                **self.author,
            )
        except ImportRejected as exc:
            self._failed(str(path), exc)
            return
        except OperationalError as exc:
            if not is_lock_error(exc):
                raise
            self._failed(str(path), ImportRejected("busy", STILL_LOCKED))
            return
        self._imported(str(path), result)

    def _record(self, label: str, archive: str | None, member: str | None) -> dict[str, object]:
        record: dict[str, object] = {"file": archive or label}
        if member is not None:
            record["member"] = member
        return record

    def _emit(self, record: dict[str, object]) -> None:
        """One JSON line per file, flushed at once: a reader of the pipe (or a log after a kill) has every file
        handled so far, not a buffer's worth."""
        self.stdout.write(json.dumps(record, ensure_ascii=False))
        self.stdout.flush()

    def _failed(
        self, label: str, exc: ImportRejected, *, archive: str | None = None, member: str | None = None
    ) -> None:
        if isinstance(exc, AlreadyImported):
            self._skipped(label, exc, archive=archive, member=member)
            return
        self.attempts += 1
        self.failures += 1
        if self.as_json:
            record = {**self._record(label, archive, member), "status": "failed", "code": exc.code}
            record["error"] = exc.message
            self._emit(record)
        else:
            self.stderr.write(self.style.ERROR(f"{label}: not imported: {exc.message}"))

    def _skipped(self, label: str, exc: AlreadyImported, *, archive: str | None, member: str | None) -> None:
        """A file the account imported before: said on the output (it is what was asked for), not a failure."""
        self.attempts += 1
        self.duplicates += 1
        work = exc.work
        url = f"{self.base_url.rstrip('/')}{work.get_absolute_url()}"
        if self.as_json:
            record = {**self._record(label, archive, member), "status": "duplicate", "code": exc.code}
            record.update(id=work.pk, url=url, title=work.title, message=f"Already imported; {INSIST}.")
            self._emit(record)
            return
        self.stdout.write(self.style.WARNING(f"{label}: already imported as “{work.title}” {url}; {INSIST}."))

    def _imported(
        self, label: str, result: ImportResult, *, archive: str | None = None, member: str | None = None
    ) -> None:
        self.attempts += 1
        if self.accept_suggestions:
            from scriptorium.suggest.imports import import_accept_suggestions

            import_accept_suggestions(result)
        summary = import_summary(result, base_url=self.base_url)
        if self.as_json:
            record = {**self._record(label, archive, member), "status": "imported", **summary}
            self._emit(record)
            return
        state = "posted" if result.work.posted else "draft"
        self.stdout.write(self.style.SUCCESS(f"{label}: imported as “{result.work.title}” ({state}) {summary['url']}"))
        if result.external_creators:
            names = ", ".join(e.name for e in result.external_creators)
            self.stdout.write(f"  credited to {names} [archived by {result.work.owner.username}]")
        self.stdout.write(f"  the file's author: {', '.join(result.author_names) or 'not named'}")
        for problem in result.problems:
            self.stdout.write(f"  - {problem.field}: {problem.message}")
