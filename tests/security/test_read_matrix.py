"""The read matrix: every page, download, search result and JSON endpoint of the site, asked by every role about
every thing of the fixture archive, shows no marker of a thing that role may not see (issue 14)."""

from __future__ import annotations

import pytest
from django.test import Client

from scriptorium.transfer.exports import converter_for
from tests.security.archive import ROLES, SEES_WORK, Archive
from tests.security.matrix import FORMATS, Target, urls_for
from tests.security.reading import shown_text

pytestmark = pytest.mark.django_db

#: Formats built by an outside program (calibre): seconds a build. Asked only by the roles that may not open the
#: work (who must get the missing-work answer or the adult notice before any build); the others would only
#: measure calibre. Their content is checked through the formats built from the same revision here (EPUB, HTML).
PROGRAM_FORMATS = frozenset(f for f in FORMATS if converter_for(f) is not None and converter_for(f).programs)


def client_for(archive: Archive, role: str) -> Client:
    client = Client()
    if role != "guest":
        client.force_login(archive.users[role])
    return client


def asked(target: Target, role: str) -> bool:
    if target.name == "transfer:download" and target.url.rsplit("/", 1)[-1] in PROGRAM_FORMATS:
        return role not in SEES_WORK.get(target.label, frozenset(ROLES))
    return True


@pytest.mark.parametrize("role", ROLES)
def test_no_page_shows_what_the_role_may_not_see(archive, role, settings) -> None:
    # the API's rate limits would answer 429 instead of what it shows
    rates = {"anon": "100000/min", "user": "100000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    client = client_for(archive, role)
    forbidden = archive.hidden_from(role)
    allowed = set(archive.markers) - set(forbidden)
    seen: set[str] = set()
    leaks: list[str] = []
    errors: list[str] = []
    for target in urls_for(archive):
        if not asked(target, role):
            continue
        response = client.get(target.url)
        if response.status_code >= 500:
            errors.append(f"{target.url} → {response.status_code}")
            continue
        text = shown_text(response)
        # The missing-page answer may repeat the address asked (a tag's name): the same for an unknown one.
        echoed = {target.echo} | ({m for m in forbidden if m in target.url} if response.status_code == 404 else set())
        seen.update(m for m in allowed if m in text)
        leaked = [m for m in forbidden if m in text and m not in echoed]
        if leaked:
            leaks.append(f"{target.url} ({response.status_code}) shows {leaked}")
    assert not errors, errors
    assert not leaks, f"{role} sees: " + "\n".join(leaks)
    # The matrix is not blind: everything the role may see shows up somewhere (a login that failed, or pages
    # that answer nothing, would pass every check above).
    # (An emptied series is its creators' to see, on their own forms: not a page every creator must have.)
    expected = {m for m in allowed if not m.startswith("zqdeleted")}
    assert expected <= seen, f"{role} never saw {sorted(expected - seen)}"


def test_a_bookmark_of_a_work_the_guest_may_not_open_shows_no_notes(archive, client) -> None:
    page = client.get(f"/users/{archive.users['account'].username}/bookmarks")
    assert page.status_code == 200
    assert archive.restricted_bookmark_notes not in shown_text(page)
    client.force_login(archive.users["account"])  # the bookmarker still reads their own notes
    assert archive.restricted_bookmark_notes in shown_text(
        client.get(f"/users/{archive.users['account'].username}/bookmarks")
    )
