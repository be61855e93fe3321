"""Built downloads on disk, content-addressed: ``<MEDIA_ROOT>/downloads/<sha256[:2]>/<sha256>.<ext>``.

A file is written to a scratch folder on the same file system and moved into place with one rename, so a reader
never sees half a file and two builds of the same bytes end in the same single file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

FOLDER = "downloads"
_SCRATCH = ".building"
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    name: str  # relative to the media root
    sha256: str
    size: int


def root() -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER


def path_of(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / name


def exists(name: str) -> bool:
    return bool(name) and path_of(name).is_file()


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A private folder beside the store (same file system, so the final move is a rename)."""
    base = root() / _SCRATCH
    base.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="build-", dir=base))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def store(source: Path, extension: str) -> StoredFile:
    """Move ``source`` into the store under its hash (dropping it when the same bytes are stored already)."""
    digest = _sha256(source)
    size = source.stat().st_size
    name = f"{FOLDER}/{digest[:2]}/{digest}.{extension}"
    target = path_of(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_file() and target.stat().st_size == size:
        source.unlink()
        os.utime(target)  # fresh again: the orphan sweep leaves recent files alone
    else:
        os.replace(source, target)
        target.chmod(0o644)
    return StoredFile(name=name, sha256=digest, size=size)


def delete(name: str) -> bool:
    try:
        path_of(name).unlink()
    except FileNotFoundError:
        return False
    return True


def stored_files() -> Iterator[tuple[str, float]]:
    """Every stored file (name relative to the media root, modification time), scratch folders left out."""
    base = root()
    if not base.is_dir():
        return
    for folder in base.iterdir():
        if not folder.is_dir() or folder.name == _SCRATCH:
            continue
        for path in folder.iterdir():
            if path.is_file():
                yield f"{FOLDER}/{folder.name}/{path.name}", path.stat().st_mtime


def sweep_scratch(older_than: float) -> int:
    """Remove scratch folders left behind by builds that died (older than ``older_than`` seconds)."""
    base = root() / _SCRATCH
    removed = 0
    if base.is_dir():
        for folder in base.iterdir():
            if time.time() - folder.stat().st_mtime > older_than:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
    return removed
