"""Importing the settings writes nothing; the `scriptorium` command prepares the data directory and its key."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

PRINT_KEY = "from django.conf import settings; print(settings.SECRET_KEY)"


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SCRIPTORIUM_SECRET_KEY", "SCRIPTORIUM_STATIC_ROOT", "SCRIPTORIUM_MEDIA_ROOT"}
    }
    env.update(SCRIPTORIUM_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="scriptorium.settings", **extra)
    return env


def _python(code: str, env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def _cli(args: list[str], env: dict[str, str], cwd: Path) -> str:
    return _python(f"from scriptorium.cli import main; main({args!r})", env, cwd)


def test_importing_the_settings_creates_no_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "missing"
    code = f"import django; import scriptorium.settings; django.setup(); {PRINT_KEY}"

    for data_dir in (empty, missing):
        key = _python(code, _env(data_dir), cwd=tmp_path)
        assert len(key) >= 50  # a key for this process
    assert list(empty.iterdir()) == []
    assert not missing.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty"]


def test_the_command_prepares_the_data_directory_and_keeps_one_key(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = _env(data_dir)

    first = _cli(["shell", "-c", PRINT_KEY], env, cwd=tmp_path)
    key_file = data_dir / "secret_key"
    assert key_file.read_text().strip() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert (data_dir / "static").is_dir()
    assert sorted(path.name for path in data_dir.iterdir()) == ["secret_key", "static"]

    assert _cli(["shell", "-c", PRINT_KEY], env, cwd=tmp_path) == first  # kept
    assert _python(PRINT_KEY, env, cwd=tmp_path) == first  # and read by processes started otherwise


def test_a_configured_key_is_used_and_never_written(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = _env(data_dir, SCRIPTORIUM_SECRET_KEY="configured-" + "k" * 50)

    assert _cli(["shell", "-c", PRINT_KEY], env, cwd=tmp_path) == "configured-" + "k" * 50
    assert not (data_dir / "secret_key").exists()


def test_the_data_directory_may_be_named_in_dot_env(tmp_path: Path) -> None:
    env = _env(tmp_path / "unused")
    del env["SCRIPTORIUM_DATA_DIR"]
    (tmp_path / ".env").write_text(f"SCRIPTORIUM_DATA_DIR={tmp_path / 'from-dotenv'}\n")

    key = _cli(["shell", "-c", PRINT_KEY], env, cwd=tmp_path)

    assert (tmp_path / "from-dotenv" / "secret_key").read_text().strip() == key
    assert not (tmp_path / "unused").exists()
