"""core.dblocks: a step the database refused as locked is tried again after a pause, a few times."""

from __future__ import annotations

import pytest
from django.db import OperationalError, transaction

from scriptorium.core.dblocks import is_lock_error, retry_when_locked


class Flaky:
    """Refuses ``failures`` times with ``error``, then answers "done"."""

    def __init__(self, failures: int, error: str = "database is locked") -> None:
        self.failures = failures
        self.error = error
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise OperationalError(self.error)
        return "done"


def test_a_locked_step_is_tried_again_after_longer_and_longer_pauses() -> None:
    pauses: list[float] = []
    step = Flaky(failures=3)
    assert retry_when_locked(step, attempts=4, first_pause=1.0, sleep=pauses.append) == "done"
    assert step.calls == 4
    assert len(pauses) == 3 and pauses[0] < pauses[1] < pauses[2]
    assert 0.75 <= pauses[0] <= 1.25 and 3.0 <= pauses[2] <= 5.0


def test_the_last_lock_error_goes_up_when_the_database_stays_locked() -> None:
    step = Flaky(failures=10)
    with pytest.raises(OperationalError, match="locked"):
        retry_when_locked(step, attempts=3, sleep=lambda _: None)
    assert step.calls == 3


def test_other_database_errors_are_not_retried() -> None:
    step = Flaky(failures=1, error="no such table: works_work")
    with pytest.raises(OperationalError):
        retry_when_locked(step, sleep=lambda _: None)
    assert step.calls == 1
    assert not is_lock_error(OperationalError("no such table: works_work"))
    assert is_lock_error(OperationalError("database is locked"))


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_the_error_goes_up_at_once() -> None:
    step = Flaky(failures=1)
    with transaction.atomic(), pytest.raises(OperationalError):
        retry_when_locked(step, sleep=lambda _: None)
    assert step.calls == 1
