"""Backups and restores: one archive file holding the database dump, the data directory's files and a manifest.

The archive is a tar file (gzip, xz or bzip2 compressed when its name says so): ``database.sqlite3`` or
``database.pgdump``, ``data/...`` (the data directory), ``media/...`` (the media root when it lies outside the
data directory) and ``manifest.json`` last, which lists every other member with its size and sha256.

It is written to ``DEST.partial`` (locked while being written), synced and renamed onto DEST, so a backup that
is killed leaves the previous DEST as it was; the next run finds the unlocked ``.partial`` and removes it.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import hashlib
import importlib.metadata
import json
import os
import shutil
import stat
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings

from scriptorium.backups import database
from scriptorium.core.datadir import KEY_FILE_NAME

FORMAT = 1
MANIFEST = "manifest.json"
PREFIX = "scriptorium-"
PARTIAL = ".partial"
WORK = ".partial.d"
RESTORING = ".restoring-"
COMPRESSION = {".tar": "", ".tar.gz": "gz", ".tgz": "gz", ".tar.xz": "xz", ".tar.bz2": "bz2"}
#: Folders never backed up, wherever they are: caches and temporary files. Hidden files and folders (a name
#: starting with ".") are skipped too: they are drafts being written (moved into place once whole), scratch
#: folders of downloads being built, a restore in progress.
SKIPPED_FOLDERS = {"cache", "tmp", "temp", "__pycache__"}
SKIPPED_SUFFIXES = (".lock", ".tmp", PARTIAL)
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore refused or failed; the message says why, and nothing was lost."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    files: int
    tables: int


@dataclass(frozen=True)
class RestoreResult:
    files: int
    tables: int
    database: str
    unapplied: list[str]


# --- Where things are --------------------------------------------------------------------------------------


def _roots() -> dict[str, Path]:
    """Archive prefix -> folder: the data directory, and the media root when it lies outside it."""
    data = Path(settings.DATA_DIR).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    roots = {"data": data}
    if not media.is_relative_to(data):
        roots["media"] = media
    return roots


def _excluded(extra: tuple[Path, ...] = ()) -> set[Path]:
    """Folders and files left out: the static root (rebuilt by collectstatic), the live database, the backup
    folder and whatever the caller names (the archive being written or read)."""
    excluded = {Path(settings.STATIC_ROOT).resolve(), *database.live_sqlite_files(), *extra}
    backup_dir = getattr(settings, "SCRIPTORIUM_BACKUP_DIR", "")
    if backup_dir:
        excluded.add(Path(backup_dir).resolve())
    return excluded


def _walk(root: Path, excluded: set[Path]) -> Iterator[Path]:
    if not root.is_dir():
        return
    for folder, folders, files in os.walk(root):
        here = Path(folder)
        folders[:] = sorted(
            name
            for name in folders
            if name not in SKIPPED_FOLDERS and not name.startswith(".") and (here / name).resolve() not in excluded
        )
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or name.endswith(SKIPPED_SUFFIXES) or path.resolve() in excluded:
                continue
            if path.is_file() and not path.is_symlink():
                yield path


def _data_files(extra_excluded: tuple[Path, ...] = ()) -> Iterator[tuple[str, Path]]:
    excluded = _excluded(extra_excluded)
    roots = _roots()
    for prefix, root in roots.items():
        for path in _walk(root, excluded):
            yield f"{prefix}/{path.relative_to(root).as_posix()}", path


# --- Writing -----------------------------------------------------------------------------------------------


class _HashingReader:
    """Reads at most ``size`` bytes of a file, hashing them on the way into the archive."""

    def __init__(self, file, size: int) -> None:
        self.file, self.left, self.hash = file, size, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        chunk = self.file.read(size)
        self.left -= len(chunk)
        self.hash.update(chunk)
        return chunk


def _add(archive: tarfile.TarFile, name: str, path: Path) -> dict[str, object] | None:
    try:
        file = path.open("rb")
    except FileNotFoundError:
        return None  # removed since it was listed (a download replaced, say): not part of this backup
    with file:
        status = os.fstat(file.fileno())
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = status.st_size, int(status.st_mtime), stat.S_IMODE(status.st_mode)
        reader = _HashingReader(file, status.st_size)
        archive.addfile(info, reader)
    return {"path": name, "size": status.st_size, "sha256": reader.hash.hexdigest()}


def _compression(name: str) -> str:
    for suffix, compression in COMPRESSION.items():
        if name.endswith(suffix):
            return compression
    raise BackupError(f"The backup's name must end in one of {', '.join(COMPRESSION)} (it was {name!r}).")


def _version() -> str:
    try:
        return importlib.metadata.version("scriptorium")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _lock(path: Path) -> int | None:
    """Open and lock ``path`` (created if missing); None when another process holds the lock."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return None
    return descriptor


def partials_clear(directory: Path, name: str = "*") -> list[Path]:
    """Remove the partial backups (``<name>.partial`` and their scratch folders) that no running backup holds:
    what a killed backup left. Answers what was removed; a partial still being written is left alone."""
    removed = []
    for partial in sorted(directory.glob(name + PARTIAL)):
        descriptor = _lock(partial)
        if descriptor is None:
            continue
        try:
            shutil.rmtree(partial.with_name(partial.name.removesuffix(PARTIAL) + WORK), ignore_errors=True)
            partial.unlink(missing_ok=True)
            removed.append(partial)
        finally:
            os.close(descriptor)
    for work in sorted(directory.glob(name + WORK)):
        if not work.with_name(work.name.removesuffix(WORK) + PARTIAL).exists():
            shutil.rmtree(work, ignore_errors=True)
    return removed


def _destination(dest: Path, now: datetime.datetime) -> Path:
    if dest.is_dir():
        stem = f"{PREFIX}{now:%Y%m%d-%H%M%S}"
        target, n = dest / f"{stem}.tar.gz", 1
        while target.exists() or target.with_name(target.name + PARTIAL).exists():
            n += 1
            target = dest / f"{stem}-{n}.tar.gz"
        return target
    if not dest.parent.is_dir():
        raise BackupError(f"The folder {dest.parent} does not exist.")
    return dest


def backup_create(*, dest: Path) -> BackupResult:
    """Write a backup to ``dest`` (a file, or a folder to write a dated file in); answer what was written."""
    now = datetime.datetime.now(datetime.UTC)
    target = _destination(Path(dest).absolute(), now)
    compression = _compression(target.name)
    partial = target.with_name(target.name + PARTIAL)
    work = target.with_name(target.name + WORK)
    partials_clear(target.parent, target.name)
    descriptor = _lock(partial)
    if descriptor is None:
        raise BackupError(f"Another backup is writing {target} right now.")
    try:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(mode=0o700)
        os.ftruncate(descriptor, 0)
        with os.fdopen(os.dup(descriptor), "wb") as raw:
            manifest = _write(raw, compression, work, now, excluded=(target, partial, work))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
        _sync_folder(target.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
        os.close(descriptor)
    return BackupResult(target, target.stat().st_size, len(manifest["files"]), len(manifest["tables"]))


def _write(raw, compression: str, work: Path, now: datetime.datetime, excluded: tuple[Path, ...]) -> dict:
    # gzip at level 1: compresses several times faster than the usual 6, for about a quarter more bytes.
    options = {"compresslevel": 1} if compression == "gz" else {}
    with tarfile.open(fileobj=raw, mode=f"w:{compression}", format=tarfile.PAX_FORMAT, **options) as archive:
        try:
            snapshot = database.dump(work)
        except database.DatabaseError as error:
            raise BackupError(str(error)) from error
        files = [_add(archive, snapshot.dump.name, snapshot.dump)]
        snapshot.dump.unlink()
        for name, path in _data_files(excluded):
            files.append(_add(archive, name, path))
        manifest = {
            "format": FORMAT,
            "scriptorium": _version(),
            "created": now.isoformat(timespec="seconds"),
            "database": {"vendor": snapshot.vendor, "dump": snapshot.dump.name},
            "migrations": snapshot.migrations,
            "tables": snapshot.tables,
            "files": [entry for entry in files if entry is not None],
        }
        body = json.dumps(manifest, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime, info.mode = len(body), int(now.timestamp()), 0o600
        archive.addfile(info, _BytesReader(body))
    return manifest


class _BytesReader:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def read(self, size: int = -1) -> bytes:
        size = len(self.body) if size < 0 else size
        chunk, self.body = self.body[:size], self.body[size:]
        return chunk


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def backups_prune(*, directory: Path, keep: int) -> list[Path]:
    """Keep the ``keep`` newest dated backups in ``directory`` (and at least one); remove the older ones and
    what killed backups left there. Answers the files removed."""
    removed = partials_clear(directory)
    dated = sorted(
        (
            path
            for path in directory.glob(f"{PREFIX}*")
            if path.is_file() and any(path.name.endswith(suffix) for suffix in COMPRESSION)
        ),
        key=lambda path: (path.stat().st_mtime_ns, path.name),
    )
    for path in dated[: -max(keep, 1)]:
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


# --- Reading -----------------------------------------------------------------------------------------------


def _open(source: Path) -> tarfile.TarFile:
    if not source.is_file():
        raise BackupError(f"There is no backup at {source}.")
    try:
        return tarfile.open(source, mode="r:*")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{source} is not a Scriptorium backup, or it is damaged: {error}.") from error


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def backup_verify(*, source: Path) -> dict:
    """Read the whole archive and check every member against the manifest; answer the manifest. A damaged or
    incomplete archive is refused with a message naming the file that does not match."""
    source = Path(source)
    sums: dict[str, tuple[int, str]] = {}
    manifest = None
    try:
        with _open(source) as archive:
            for member in archive:
                if not member.isfile():
                    continue
                reader = archive.extractfile(member)
                digest, size = hashlib.sha256(), 0
                body = b""
                while chunk := reader.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    if member.name == MANIFEST:
                        body += chunk
                if member.name == MANIFEST:
                    manifest = json.loads(body)
                else:
                    sums[member.name] = (size, digest.hexdigest())
    except (tarfile.TarError, OSError, EOFError, ValueError) as error:
        raise BackupError(
            f"{source} is damaged and cannot be read to its end ({error}); nothing was restored."
        ) from error
    try:
        if manifest.get("format") != FORMAT:
            raise ValueError
        listed = {entry["path"]: entry for entry in manifest["files"]}
        described = manifest["database"]
        shape = (described["dump"], described["vendor"], manifest["tables"], manifest["migrations"])
        if not all(isinstance(part, want) for part, want in zip(shape, (str, str, dict, dict), strict=True)):
            raise ValueError
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise BackupError(
            f"{source} has no manifest this version of Scriptorium can read; nothing was restored."
        ) from error
    for name, entry in listed.items():
        if not _safe_name(name) or (
            name != manifest["database"]["dump"] and name.partition("/")[0] not in {"data", "media"}
        ):
            raise BackupError(f"{source} names a file outside the archive's folders ({name}); nothing was restored.")
        if name not in sums:
            raise BackupError(f"{source} is damaged: {name} is missing from it; nothing was restored.")
        if sums[name] != (entry["size"], entry["sha256"]):
            raise BackupError(
                f"{source} is damaged: {name} does not match its checksum in the manifest; nothing was restored."
            )
    extra = sorted(set(sums) - set(listed))
    if extra:
        raise BackupError(f"{source} holds files its manifest does not list ({extra[0]}); nothing was restored.")
    return manifest


def _occupied(extra_excluded: tuple[Path, ...]) -> list[Path]:
    """Files already in the data directory or the media root, apart from the secret key start-up makes."""
    key = Path(settings.DATA_DIR).resolve() / KEY_FILE_NAME
    return [path for _, path in _data_files(extra_excluded) if path.resolve() != key]


def backup_restore(*, source: Path) -> RestoreResult:
    """Restore a backup into an empty data directory and an empty database (the ones the settings name)."""
    source = Path(source).absolute()
    manifest = backup_verify(source=source)
    kind = database.vendor()
    theirs = manifest["database"]["vendor"]
    if theirs != kind:
        theirs, ours = database.DISPLAY.get(theirs, theirs), database.DISPLAY[kind]
        raise BackupError(
            f"This backup holds a {theirs} database and this archive runs on {ours}; a restore from one to the other "
            f"is not supported (restore it on {theirs}, then move the data with `scriptorium dumpdata` and "
            f"`loaddata`). Nothing was restored."
        )
    _migrations_known(manifest["migrations"])
    occupied = _occupied((source, source.with_name(source.name + PARTIAL)))
    if occupied:
        raise BackupError(
            f"The data directory is not empty ({occupied[0]} and {len(occupied) - 1} more): a restore goes into an "
            f"empty data directory only; nothing was restored."
        )
    try:
        empty = database.target_is_empty()
    except database.DatabaseError as error:
        raise BackupError(str(error)) from error
    if not empty:
        raise BackupError(
            f"The database DATABASE_URL names ({database.describe_target()}) is not empty: a restore goes into an "
            f"empty database only; nothing was restored."
        )
    written: list[Path] = []
    roots = _roots()
    roots["media"] = Path(settings.MEDIA_ROOT).resolve()  # a backup's media go to this media root, wherever
    scratch = Path(settings.DATA_DIR).resolve() / f"{RESTORING}{os.getpid()}"
    try:
        scratch.mkdir(parents=True, mode=0o700)
        dump_name = manifest["database"]["dump"]
        with _open(source) as archive:
            for member in archive:
                if not member.isfile() or member.name == MANIFEST:
                    continue
                if member.name == dump_name:
                    target = scratch / dump_name
                else:
                    prefix, _, rest = member.name.partition("/")
                    target = roots[prefix] / rest
                    written.append(target)
                _extract(archive, member, target)
        try:
            if kind == database.SQLITE:
                written.append(database.sqlite_restore(scratch / dump_name, manifest["tables"]))
            else:
                database.postgres_restore(scratch / dump_name, manifest["tables"])
        except database.DatabaseError as error:
            raise BackupError(str(error)) from error
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return RestoreResult(
        files=len(manifest["files"]) - 1,
        tables=len(manifest["tables"]),
        database=database.describe_target(),
        unapplied=_unapplied(),
    )


def _extract(archive: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    reader = archive.extractfile(member)
    draft = target.with_name(f".{target.name}.restoring")
    with draft.open("wb") as file:
        shutil.copyfileobj(reader, file, _CHUNK)
    draft.chmod(member.mode & 0o755 or 0o600)
    os.utime(draft, (member.mtime, member.mtime))
    os.replace(draft, target)


def _migrations_known(applied: dict[str, list[str]]) -> None:
    """Refuse a backup made by a newer Scriptorium: one with migrations this code does not have."""
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    for app, names in applied.items():
        for name in names:
            if (app, name) not in graph.nodes:
                raise BackupError(
                    f"This backup comes from a newer Scriptorium (its database has the migration {app}.{name}, "
                    f"which this version does not know); upgrade first. Nothing was restored."
                )


def _unapplied() -> list[str]:
    """Migrations this code has that the restored database has not run (an older backup): `migrate` applies them."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    with contextlib.closing(connection):
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
