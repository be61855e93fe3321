"""The account's own pages are in both matrices: the read matrix asks every pattern the resolver has, and the
write matrix lets only accounts write there (a guest's POST must be refused and change nothing)."""

from __future__ import annotations

import pytest
from django.urls import resolve

from tests.security.matrix import SKIPPED, patterns
from tests.security.test_write_matrix import _rule, accounts

#: Pages where an account changes its own things, by address and the URL name the matrices know them by.
ACCOUNT_PAGES = {
    "/account/delete": "leaving:delete",
    "/account/username": "accounts:username",
    "/account/invitations": "invitations:mine",
    "/account/api-tokens": "api_tokens:list",
    "/account/feeds": "feeds:private",
    "/account/export": "dataexport:export",
    "/account/co-creator-invitations": "cocreators:invitations",
    "/account/archived-creators": "claims:archived_creators",
    "/account/blocklist": "blocklists:settings",
}


@pytest.mark.parametrize(("path", "name"), ACCOUNT_PAGES.items())
def test_the_page_is_asked_by_the_matrices(path: str, name: str) -> None:
    assert resolve(path).view_name == name
    assert name in {p.name for p in patterns()}  # the read matrix asks every pattern (none of these skipped)
    assert name.split(":")[-1] not in SKIPPED
    assert _rule(name) is accounts  # the write matrix: accounts write there; a guest's POST is refused
