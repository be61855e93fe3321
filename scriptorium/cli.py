"""The ``scriptorium`` command: every Django management command plus the archive's own."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scriptorium.settings")
    from scriptorium.core.datadir import prepare
    from scriptorium.core.env import load_dotenv

    # Before the settings are read: the data directory and its secret key (the settings only read them).
    load_dotenv(Path.cwd() / ".env")
    prepare()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["scriptorium", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
