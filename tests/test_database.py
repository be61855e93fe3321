"""The database the suite runs on is the one CI asked for, configured as the settings promise."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_database_is_the_requested_vendor() -> None:
    expected = "postgresql" if os.environ.get("SCRIPTORIUM_REQUIRE_POSTGRES") else None
    if expected:
        assert connection.vendor == expected
    else:
        assert connection.vendor in {"sqlite", "postgresql"}


@pytest.mark.postgres
def test_postgres_connection_is_real() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("runs on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        (version,) = cursor.fetchone()
    assert int(version) >= 140000


@pytest.mark.django_db
def test_sqlite_uses_wal_and_immediate_transactions() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("runs on SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (timeout,) = cursor.fetchone()
    assert timeout == 30000  # writers wait up to 30 s for the lock (docs/performance.md)
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
