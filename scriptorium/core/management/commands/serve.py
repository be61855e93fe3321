"""``scriptorium serve``: the archive behind granian, a production WSGI server (static files via whitenoise)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the archive with granian (not Django's development server)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--host", default=os.environ.get("SCRIPTORIUM_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("SCRIPTORIUM_PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("SCRIPTORIUM_WORKERS", "2")))
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("SCRIPTORIUM_THREADS", "4")),
            help="Blocking threads per worker.",
        )

    def handle(self, *args: object, **options: object) -> None:
        host, port = options["host"], options["port"]
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
        self.stdout.write(self.style.SUCCESS(f"Scriptorium is serving at http://{shown}:{port}/"))
        password_file = Path(settings.DATA_DIR) / "demo-admin-password"
        if password_file.exists():
            self.stdout.write(
                f"Demo admin: log in at http://{shown}:{port}/login as “admin” with the password "
                f"{password_file.read_text().strip()} (kept in {password_file})."
            )
        self.stdout.write("Stop with Ctrl+C.")
        sys.stdout.flush()
        argv = [
            sys.executable, "-m", "granian", "--interface", "wsgi",
            "--host", str(host), "--port", str(port),
            "--workers", str(options["workers"]), "--blocking-threads", str(options["threads"]),
            "--no-ws", "scriptorium.wsgi:application",
        ]
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with the server
