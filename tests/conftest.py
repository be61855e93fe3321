"""Shared fixtures, and the rule CI relies on: browser and PostgreSQL tests may not be silently skipped."""

from __future__ import annotations

import os

import pytest
from django.test import TestCase, TransactionTestCase
from pytest_django.fixtures import validate_django_db

from tests.factories import PASSWORD, UserFactory, make_work

REQUIRED_MARKERS = {
    "browser": "SCRIPTORIUM_REQUIRE_BROWSER",
    "postgres": "SCRIPTORIUM_REQUIRE_POSTGRES",
    "calibre": "SCRIPTORIUM_REQUIRE_CALIBRE",
    "validators": "SCRIPTORIUM_REQUIRE_VALIDATORS",
    "interop": "SCRIPTORIUM_REQUIRE_INTEROP",
}


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    # Downloads are built on demand in tests; the tests that check background builds turn this back on.
    settings.SCRIPTORIUM_DOWNLOAD_PREBUILD = ()
    # Factory accounts are brand new: the new-account limits are tested on their own (tests/core/test_new_accounts.py).
    settings.SCRIPTORIUM_NEW_ACCOUNT_DAYS = 0
    # A test's transaction never commits, so the events that move cached pages' keys never run: the guest page
    # cache is tested on its own (tests/pagecache/, with the events delivered) and off everywhere else, unless
    # SCRIPTORIUM_TEST_PAGE_CACHE=1 asks to see which pages other tests find changed by it.
    settings.SCRIPTORIUM_PAGE_CACHE = os.environ.get("SCRIPTORIUM_TEST_PAGE_CACHE") == "1"
    # Readings are written at once, as the history tests expect; the buffer is tested in tests/interactions/
    # test_history_buffer.py.
    settings.SCRIPTORIUM_HISTORY_BUFFER = False


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test's database is rolled back (and SQLite hands out its ids again), so nothing cached from one
    test may reach the next: a cached suggestion for work 1, revision 1 would answer for another test's work."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _search_index_before_each_request(monkeypatch):
    """A test runs in one transaction that never commits, so the search index updates a commit would start
    never run, and listings (read from the index) would miss what the test made. Before each test-client
    request, run the index updates still waiting for a commit, as if the writes before it had committed.
    Their queries are the background task's, not the request's: they are left out of query counts."""
    from django.db import connections
    from django.test import Client

    from scriptorium.search import signals

    original = Client.request

    def request(self, **kwargs):
        for alias in connections:
            connection = connections[alias]
            pending = getattr(connection, "_search_pending", None)
            if pending and any(pending.values()):
                logged = len(connection.queries_log)
                signals.flush_pending(alias)
                for _ in range(len(connection.queries_log) - logged):
                    connection.queries_log.pop()
        return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def writer_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def work(user):
    return make_work(creator=user)


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback receiving everything Django sends during the test (tests/smtp.py)."""
    from tests.smtp import SMTPServer

    with SMTPServer() as server:
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": server.host, "port": server.port, "timeout": 10},
            }
        }
        yield server


def pytest_configure(config: pytest.Config) -> None:
    # Importing the settings creates no directory, and nothing in the suite runs collectstatic: whitenoise's
    # notice that STATIC_ROOT is missing says nothing here (the live server serves static files by the finders).
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


#: Modules whose tests without a database fixture cannot reach any database: parsers, the sanitizer, the books
#: built in memory and their validators (EPUBCheck, the Nu checker, calibre). None starts a process that is given
#: the database (those tests, e.g. backups or the served archive, are not listed). CI's second run, on PostgreSQL,
#: is there for the database: with SCRIPTORIUM_DATABASE_ONLY=1 it leaves these tests out, as they gave their
#: answer in the SQLite run. Their tests that do use the database still run on both.
DATABASE_FREE_MODULES = frozenset(
    {
        "tests/core/test_sanitize.py",
        "tests/core/test_spam_checks.py",
        "tests/core/test_text.py",
        "tests/core/test_wordcount.py",
        "tests/kosync/test_mapping.py",
        "tests/search/test_textquery.py",
        "tests/search/test_widgets.py",
        "tests/tags/test_resolve.py",
        "tests/transfer/test_export_calibre.py",
        "tests/transfer/test_export_epubcheck.py",
        "tests/transfer/test_export_formats.py",
        "tests/transfer/test_export_html_validity.py",
        "tests/transfer/test_format_detect.py",
        "tests/transfer/test_format_docx.py",
        "tests/transfer/test_format_epub.py",
        "tests/transfer/test_format_html.py",
        "tests/transfer/test_format_markdown.py",
        "tests/transfer/test_parsing_decoding.py",
        "tests/transfer/test_parsing_fanficfare.py",
        "tests/transfer/test_parsing_ffnet.py",
        "tests/transfer/test_parsing_inkitt.py",
        "tests/transfer/test_parsing_plain.py",
        "tests/transfer/test_parsing_properties.py",
        "tests/transfer/test_parsing_ratings.py",
        "tests/transfer/test_roundtrip.py",
        "tests/transfer/test_safety.py",
        "tests/transfer/test_xmltree.py",
        "tests/works/test_inputs.py",
    }
)
_DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_reset_sequences", "live_server", "admin_user"})


def _reaches_no_database(item: pytest.Item) -> bool:
    """No database, or only a SQLite file of the test's own (marked own_sqlite), whatever DATABASE_URL says."""
    if item.get_closest_marker("own_sqlite") is not None:
        return True
    module = item.nodeid.split("::", 1)[0]
    if module not in DATABASE_FREE_MODULES or item.get_closest_marker("django_db") is not None:
        return False
    return not _DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(pytest.mark.django_db)
    if os.environ.get("SCRIPTORIUM_DATABASE_ONLY"):
        left_out = [item for item in items if _reaches_no_database(item)]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if not _reaches_no_database(item)]
    # The longest tests start first, so that no worker is left with one of them at the end while the other idles;
    # but every transactional test still comes after the tests in a transaction (pytest-django's order): its flush
    # empties the tables, and the rows the migrations wrote (the fixed tags) would be gone for the tests after it.
    items.sort(key=lambda item: (_transactional(item), item.get_closest_marker("slow") is None))


def _transactional(item: pytest.Item) -> bool:
    """Whether pytest-django runs ``item`` in a flushed database rather than in a rolled-back transaction."""
    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return not issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    return bool(
        {"transactional_db", "live_server", "django_db_reset_sequences"} & set(getattr(item, "fixturenames", ()))
    )


_skipped_required: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        for marker, env_name in REQUIRED_MARKERS.items():
            if os.environ.get(env_name) and marker in report.keywords:
                _skipped_required.append(f"{report.nodeid} ({marker})")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _skipped_required:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if _skipped_required:
        terminalreporter.write_line(
            "FAILED: tests that this run must execute were skipped: " + ", ".join(_skipped_required), red=True
        )
