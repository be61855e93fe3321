"""Counts are the matrix's too: a tag's work count and a user's or a tag's listing count equal the works that role
may find, computed from the rules (``LISTS_WORK``), not from the code under test (issue 14)."""

from __future__ import annotations

import pytest

from tests.security.archive import LISTS_WORK, ROLES, STATES, marker
from tests.security.test_read_matrix import client_for

pytestmark = pytest.mark.django_db


def listed(role: str, states=STATES) -> int:
    return sum(1 for state in states if role in LISTS_WORK[state])


@pytest.mark.parametrize("role", ROLES)
def test_counts_equal_what_the_role_may_find(archive, role) -> None:
    client = client_for(archive, role)
    creator = archive.users["creator"].username
    assert client.get(f"/users/{creator}/").context["page"].paginator.count == listed(role)
    suspended_work = 1  # the suspended account's work stays listed for everyone
    shared = client.get(f"/tags/{archive.shared_tag}")
    assert shared.context["work_count"] == listed(role) + suspended_work
    assert client.get(f"/tags/{archive.shared_tag}/works").context["page"].paginator.count == listed(role) + 1
    assert client.get("/works/").context["page"].paginator.count == listed(role) + 1
    for state in STATES:
        page = client.get(f"/tags/{marker(state, 'tag')}")
        count = page.context["work_count"] if page.status_code == 200 else 0
        assert count == listed(role, (state,)), (state, page.status_code)
