"""What `make run` does, end to end: migrate, load the demo archive, collect static files, serve with granian."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

# Starts processes and waits for them (scheduled first); the archive is a SQLite file of its own, as `make run` has.
pytestmark = [pytest.mark.slow, pytest.mark.own_sqlite]

BIN = Path(sys.executable).parent
SCRIPTORIUM = BIN / "scriptorium"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status, response.read().decode(), {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), {k.lower(): v for k, v in error.headers.items()}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    if not SCRIPTORIUM.exists():
        pytest.skip("the scriptorium command is not installed in this environment")
    data_dir = tmp_path_factory.mktemp("served")
    env = {
        **os.environ,
        "SCRIPTORIUM_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'archive.sqlite3'}",
        # Calibre's conversions of the demo works would keep the worker busy for a minute before our job.
        "SCRIPTORIUM_DOWNLOAD_PREBUILD": "epub,html",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for args in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["canon", "load"], ["demo"]):
        subprocess.run([str(SCRIPTORIUM), *args], env=env, check=True, capture_output=True, timeout=120)
    port = _free_port()
    server = subprocess.Popen(
        [str(SCRIPTORIUM), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            _get(base + "/")
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("the server did not start: " + (server.stdout.read() if server.stdout else ""))
    yield base, data_dir
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


def test_home_lists_demo_works_with_security_headers(served) -> None:
    base, _ = served
    status, body, headers = _get(base + "/")
    assert status == 200
    assert "An Inventory of Small Kindnesses" in body
    assert "content-security-policy" in headers
    assert headers.get("x-content-type-options") == "nosniff"


def test_static_files_are_served_by_whitenoise(served) -> None:
    base, _ = served
    status, body, _ = _get(base + "/")
    href = body.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert ".css" in href
    status, css, headers = _get(base + href)
    assert status == 200
    assert "max-age" in headers.get("cache-control", "")


def test_every_reader_page_answers(served) -> None:
    base, _ = served
    for path in (
        "/works/",
        "/works/1",
        "/works/1?view_full_work=true",
        "/tags/Sherlock (TV)/works",
        "/login",
        "/signup",
    ):
        status, _, _ = _get(base + urllib.request.quote(path, safe="/?=&"))
        assert status == 200, path


def test_demo_admin_password_is_kept_in_the_data_directory(served) -> None:
    _, data_dir = served
    password = (data_dir / "demo-admin-password").read_text().strip()
    assert len(password) >= 12


def test_the_background_worker_runs_beside_the_server(served) -> None:
    """`make run` needs no second terminal: an import job enqueued now is finished by the worker `serve` started."""
    _, data_dir = served
    env = {
        **os.environ,
        "SCRIPTORIUM_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'archive.sqlite3'}",
        "SCRIPTORIUM_DOWNLOAD_PREBUILD": "epub,html",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    create = (
        "from scriptorium.accounts.models import User; from scriptorium.transfer.inputs import Upload;"
        "from scriptorium.transfer.services import import_job_create;"
        "job = import_job_create(owner=User.objects.get(username='admin'), uploads=["
        "Upload('a.md', b'# Worker Check\\n\\nThe lamp was lit before anyone asked.'),"
        "Upload('b.md', b'# Second Check\\n\\nThe door stayed open all night.')]); print(job.pk)"
    )
    made = subprocess.run(
        [str(SCRIPTORIUM), "shell", "-c", create], env=env, check=True, capture_output=True, text=True, timeout=60
    )
    job_id = int(made.stdout.strip().splitlines()[-1])
    check = (
        "from scriptorium.transfer.models import ImportJob;"
        f"j = ImportJob.objects.get(pk={job_id}); print(j.status, j.imported)"
    )
    deadline = time.monotonic() + 120
    state = ""
    while time.monotonic() < deadline:
        state = (
            subprocess.run(
                [str(SCRIPTORIUM), "shell", "-c", check],
                env=env,
                check=True,
                capture_output=True,
                text=True,
                timeout=60,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        if state.startswith("done"):
            break
        time.sleep(1)
    assert state == "done 2", state


def _descendants(pid: int) -> set[int]:
    """Every process started under ``pid``, from /proc (children of children too)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has stopped (its parent has not reaped it yet)


@pytest.fixture(scope="module")
def migrated_only(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An archive straight after `migrate`: static files never collected."""
    if not SCRIPTORIUM.exists():
        pytest.skip("the scriptorium command is not installed in this environment")
    data_dir = tmp_path_factory.mktemp("migrated")
    env = {
        **os.environ,
        "SCRIPTORIUM_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'archive.sqlite3'}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([str(SCRIPTORIUM), "migrate", "--noinput", "-v0"], env=env, check=True, capture_output=True)
    return env


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_served_straight_after_migrate_and_stopped_by_its_pid_with_every_child(migrated_only, signum) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [str(SCRIPTORIUM), "serve", "--port", str(port), "--workers", "2"],
        env=migrated_only,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _, _ = _get(base + "/")
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the server did not start")
        assert status == 200
        assert _get(base + "/works/")[0] == 200
        assert _get(base + "/static/scriptorium/site.css")[0] == 200
        children = _descendants(server.pid)
        assert len(children) >= 4  # granian's master, its two workers, the task worker

        server.send_signal(signum)
        server.wait(timeout=30)

        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(pid) for pid in children):
            time.sleep(0.2)
        assert not [pid for pid in children if _alive(pid)]
        with pytest.raises(OSError):
            _get(base + "/")
    finally:
        if server.poll() is None:
            server.kill()


def test_links_made_away_from_a_request_name_the_served_address(served) -> None:
    """Served on a port of its own (not 8000) with SCRIPTORIUM_BASE_URL unset: the downloads the worker builds and
    the commands run beside it name the address the archive is served on (issue 18)."""
    base, data_dir = served
    if os.environ.get("SCRIPTORIUM_BASE_URL"):
        pytest.skip("SCRIPTORIUM_BASE_URL is set here, and wins")
    assert (data_dir / "served-at").read_text().strip() == base
    env = {
        **os.environ,
        "SCRIPTORIUM_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'archive.sqlite3'}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    shown = subprocess.run(
        [str(SCRIPTORIUM), "shell", "-c", "from django.conf import settings; print(settings.SCRIPTORIUM_BASE_URL)"],
        env=env, check=True, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert shown.stdout.strip().splitlines()[-1] == base
    deadline = time.monotonic() + 120
    status, body = 0, ""
    while time.monotonic() < deadline:
        status, body, _ = _get(base + "/works/1/download/html")
        if status == 200:
            break
        time.sleep(1)
    assert status == 200, body[:500]
    assert f'href="{base}/works/1"' in body and ":8000" not in body
