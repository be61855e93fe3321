"""`scriptorium bench_interfaces` times every interface row beside its page, and says so when there is nothing to
time (the figures themselves go to docs/performance.md; nothing here asserts a speed)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_work

pytestmark = pytest.mark.django_db


def test_every_row_is_timed_and_the_api_rows_are_held_against_their_pages() -> None:
    for n in range(3):
        make_work(title=f"Harbour Lights {n}", fandoms=("Lighthouse Keepers",))
    make_work(title="Not Yet", post=False)
    out = StringIO()

    call_command("bench_interfaces", "--iterations", "4", "--json", stdout=out, stderr=StringIO())

    result = json.loads(out.getvalue())
    assert result["works_a_guest_sees"] == 3
    rows = result["rows"]
    assert set(rows) == {
        "work page",
        "API work",
        "works listing",
        "API works listing",
        "OPDS 1.2 root",
        "OPDS 2.0 root",
        "OPDS 1.2 fandom feed",
        "OPDS 2.0 fandom feed",
    }
    for row in rows.values():
        assert 0 < row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"]
    assert rows["API work"]["ratio_to_page_p50"] > 0
    assert rows["API works listing"]["ratio_to_page_p50"] > 0


def test_an_archive_without_a_readable_work_is_refused_with_a_reason() -> None:
    make_work(title="Only A Draft", post=False)
    with pytest.raises(CommandError, match="no work a guest may read"):
        call_command("bench_interfaces", "--iterations", "2", stdout=StringIO(), stderr=StringIO())
