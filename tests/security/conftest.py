"""One fixture archive per test module, built once inside a transaction that is rolled back at the module's end
(each test's own changes are rolled back to a savepoint, as usual)."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.security.archive import Archive, build_archive


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker) -> Archive:
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_archive()
        yield built
        transaction.set_rollback(True)
