"""``scriptorium serve``: the archive behind granian, a production WSGI server (static files via whitenoise),
with the background worker (``scriptorium db_worker``: imports, downloads, search index, notifications) beside
it unless ``--no-worker`` (or SCRIPTORIUM_SERVE_WORKER=false) says another process runs it.

Static files are collected first (quickly, when nothing changed), so an archive served straight after ``migrate``
answers its pages instead of a 500. Stopping ``serve`` by its PID (SIGTERM, as systemd does, or SIGINT) stops the
server with every process it started: each child runs in a process group of its own; the signal is passed on,
and whatever of a group is still running 15 seconds later (a granian worker that outlived its master) is
killed, so nothing is left listening on the port."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from scriptorium.core.datadir import served_address_record
from scriptorium.core.env import env_bool, env_int, env_str


class Command(BaseCommand):
    help = "Serve the archive with granian (not Django's development server)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default=env_str("SCRIPTORIUM_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=env_int("SCRIPTORIUM_PORT", 8000))
        parser.add_argument("--workers", type=int, default=env_int("SCRIPTORIUM_WORKERS", 2))
        parser.add_argument(
            "--threads", type=int, default=env_int("SCRIPTORIUM_THREADS", 4), help="Blocking threads per worker."
        )
        parser.add_argument(
            "--no-worker",
            dest="worker",
            action="store_false",
            default=env_bool("SCRIPTORIUM_SERVE_WORKER", True),
            help="Do not start the background task worker (run `scriptorium db_worker` yourself).",
        )

    def handle(self, *args: object, **options: object) -> None:
        host, port = options["host"], options["port"]
        self.stdout.write("Collecting static files…")
        call_command("collectstatic", interactive=False, verbosity=0)
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
        shown = f"[{shown}]" if ":" in shown else shown
        self.stdout.write(self.style.SUCCESS(f"Scriptorium is serving at http://{shown}:{port}/"))
        if not env_str("SCRIPTORIUM_BASE_URL", ""):
            # Links made away from a request (downloads, the command line, emails) name this address: the server
            # and worker started below read it from the environment, later commands from the data directory.
            address = f"http://{shown}:{port}"
            served_address_record(Path(settings.DATA_DIR), address)
            os.environ["SCRIPTORIUM_BASE_URL"] = address
            settings.SCRIPTORIUM_BASE_URL = address
        password_file = Path(settings.DATA_DIR) / "demo-admin-password"
        if password_file.exists():
            self.stdout.write(
                f"Demo admin: log in at http://{shown}:{port}/login as “admin” with the password "
                f"{password_file.read_text().strip()} (kept in {password_file})."
            )
        if options["worker"]:
            from scriptorium.core.periodic import periodic_start

            periodic_start()
            self.stdout.write("The background worker runs beside the server (imports, downloads, search index).")
        self.stdout.write("Stop with Ctrl+C.")
        sys.stdout.flush()
        argv = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            str(host),
            "--port",
            str(port),
            "--workers",
            str(options["workers"]),
            "--blocking-threads",
            str(options["threads"]),
            "--no-ws",
            "scriptorium.wsgi:application",
        ]
        if not options["worker"]:
            os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with the server
        raise SystemExit(_run_together(argv, [sys.executable, "-m", "scriptorium.cli", "db_worker", "-v", "1"]))


def _start(argv: list[str]) -> subprocess.Popen:
    """A child in a process group of its own (granian's workers join it), so it can be stopped whole."""
    return subprocess.Popen(argv, start_new_session=True)  # noqa: S603 - our own interpreter and arguments


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)


def _run_together(server_argv: list[str], worker_argv: list[str]) -> int:
    """Run the server with the worker beside it until the server stops or we are told to stop; a worker that
    dies is started again (after a pause, so a worker that cannot start does not spin)."""
    stopping = False
    children: list[subprocess.Popen] = []

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for process in children:  # granian stops its own workers; what is left is killed below
            if process.poll() is None:
                process.send_signal(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server = _start(server_argv)
    worker = _start(worker_argv)
    children[:] = [server, worker]
    restart_at = None
    while server.poll() is None and not stopping:
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=1)
        if stopping or worker.poll() is None:
            continue
        if restart_at is None:
            sys.stderr.write(f"The background worker stopped (exit {worker.returncode}); restarting it in 5 s.\n")
            restart_at = time.monotonic() + 5
        elif time.monotonic() >= restart_at:
            worker = _start(worker_argv)
            children[:] = [server, worker]
            restart_at = None
    if not stopping:  # the server stopped by itself: the worker follows
        for process in (server, worker):
            if process.poll() is None:
                process.terminate()
    for process in (server, worker):
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
        _signal_group(process, signal.SIGKILL)  # whatever of its group still runs: no worker keeps the port
    return 0 if stopping else (server.returncode or 0)
