"""The data directory (``SCRIPTORIUM_DATA_DIR``): where it is, and making it ready.

Settings only read: :func:`data_dir`, :func:`static_root`, :func:`configured_secret_key` and
:func:`served_address` create nothing.
:func:`prepare` creates the directories and the secret key file; the ``scriptorium`` command calls it at
start-up, before the settings are imported (``scriptorium.cli``), so every process it starts (the server's
workers, the task worker) reads the same key.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from scriptorium.core.env import env_str

BASE_DIR = Path(__file__).resolve().parents[2]
KEY_FILE_NAME = "secret_key"
#: The address ``scriptorium serve`` last served the archive on, for the links made where no request tells it
#: (downloads built in the background, the command line, emails) while SCRIPTORIUM_BASE_URL is not set.
SERVED_FILE_NAME = "served-at"


def data_dir() -> Path:
    return Path(env_str("SCRIPTORIUM_DATA_DIR", str(BASE_DIR / "var"))).resolve()


def static_root(directory: Path) -> Path:
    return Path(env_str("SCRIPTORIUM_STATIC_ROOT", str(directory / "static")))


def configured_secret_key(directory: Path) -> str:
    """``SCRIPTORIUM_SECRET_KEY``, else the key kept in the data directory, else "" (none made yet)."""
    configured = env_str("SCRIPTORIUM_SECRET_KEY", "")
    if configured:
        return configured
    with contextlib.suppress(FileNotFoundError):
        return (directory / KEY_FILE_NAME).read_text().strip()
    return ""


def served_address(directory: Path) -> str:
    """The address ``scriptorium serve`` recorded in the data directory (:func:`served_address_record`), or ""."""
    with contextlib.suppress(OSError, UnicodeDecodeError):
        address = (directory / SERVED_FILE_NAME).read_text(encoding="utf-8").strip()
        if address.startswith(("http://", "https://")) and "\n" not in address:
            return address
    return ""


def served_address_record(directory: Path, address: str) -> None:
    """Keep ``address`` as the archive's address (written whole, then renamed over the old one)."""
    directory.mkdir(parents=True, exist_ok=True)
    draft = directory / f".{SERVED_FILE_NAME}.{os.getpid()}"
    draft.write_text(f"{address}\n", encoding="utf-8")
    draft.replace(directory / SERVED_FILE_NAME)


def prepare() -> Path:
    """Create the data directory and the static root, and a secret key kept in the data directory unless
    ``SCRIPTORIUM_SECRET_KEY`` is set (once: an existing key is kept). Returns the data directory."""
    directory = data_dir()
    directory.mkdir(parents=True, exist_ok=True)
    static_root(directory).mkdir(parents=True, exist_ok=True)
    if not configured_secret_key(directory):
        _write_secret_key(directory / KEY_FILE_NAME)
    return directory


def _write_secret_key(path: Path) -> None:
    """Write a new key to ``path`` (readable by its owner only) unless another process got there first: the key
    is written to a file of its own, then linked into place, so nobody reads a half-written key."""
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(secrets.token_urlsafe(50))
    try:
        os.link(draft, path)
    except FileExistsError:
        pass  # another process made the key meanwhile: keep that one
    finally:
        draft.unlink()
