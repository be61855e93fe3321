"""The write matrix: every URL pattern, POSTed (the test client skips the CSRF check) by every role that may not
write there, changes nothing in the database and answers 403, 404, 405, a form error (400) or a redirect (to log
in; an account is sent back where it came from) (issue 14). Who may write where is written here from the rules,
by URL name; a pattern not named here is one nobody may change anything through, which the matrix then checks
for every role."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client

from tests.security.archive import CREATORS, ROLES, SEES_WORK, Archive
from tests.security.matrix import Target, urls_for

pytestmark = pytest.mark.django_db

WRITE_ROLES = (*ROLES, "suspended")
#: Tables a refused request may change: the session (log-in, messages).
UNWATCHED = frozenset({"django_session"})

Rule = Callable[[str, str], bool]  # (label, role) → may this role write here


def _sees(label: str, role: str) -> bool:
    """May ``role`` open the thing ``label`` names (a work's state; the suspended account's work: anyone)."""
    if label in ("suspended", "shared", "creator", ""):
        return True
    role = "account" if role == "suspended" else role
    return role in SEES_WORK.get(label, frozenset(ROLES))


def _may_know(label: str, role: str) -> bool:
    """May ``role`` learn that the thing ``label`` names exists (else it must answer like a missing one)."""
    if label == "held":
        return role in (*CREATORS, "admin")
    if label == "private":
        return role == "account"
    return _sees(label, role)


def anyone(label: str, role: str) -> bool:
    return True


def accounts(label: str, role: str) -> bool:
    return role != "guest"


def nobody(label: str, role: str) -> bool:
    return False


def owner(label: str, role: str) -> bool:
    """The account the label names owns the thing (``account``'s saved search, ``creator``'s pseud…)."""
    return role == label or (label == "private" and role == "account")


def work_creators(label: str, role: str) -> bool:
    return role in CREATORS if label != "suspended" else role == "suspended"


def public_write(guests: bool) -> Rule:
    """Kudos, comments, public bookmarks: those who may open the work; never a suspended account."""
    return lambda label, role: role != "suspended" and (guests or role != "guest") and _sees(label, role)


def private_write(label: str, role: str) -> bool:
    """Marked for later, the reading position, one's history, subscriptions: an account that may open it."""
    return role != "guest" and _sees(label, role)


def comment_moderators(label: str, role: str) -> bool:
    """Approve, freeze, delete: the work's creators and staff, on a comment they may see."""
    return _sees(label, role) and (role in CREATORS or role == "admin")


def moderators(label: str, role: str) -> bool:
    return role in ("moderator", "admin")


def wranglers(label: str, role: str) -> bool:
    return role in ("wrangler", "admin")


def decision_readers(label: str, role: str) -> bool:
    """The moderators, and whom the decision was about (they may answer it once)."""
    return moderators(label, role) or (role in CREATORS if label == "hidden" else role == "suspended")


def bookmark_owner(label: str, role: str) -> bool:
    return role == ("suspended" if label == "suspended" else "account")


def subscribers(label: str, role: str) -> bool:
    if label == "saved":
        return role == "account"
    return role != "guest" and (_sees(label, role) or role in ("wrangler", "admin"))


#: Pages for one role (wranglers, moderators): they answer 403 to everyone else before looking anything up, so
#: their 403 tells nothing about what was asked.
GATED = (wranglers, moderators)

WRITERS: dict[str, Rule] = {
    # accounts, policies, allauth: one's own account; a guest signs up, logs in, agrees to the adult notice
    "signup": anyone,
    "login": anyone,
    "adult_consent": anyone,
    "preferences": accounts,
    "pseuds": accounts,
    "pseud_new": accounts,
    "pseud_edit": owner,
    "pseud_delete": owner,
    "policies:accept": accounts,
    "dataexport:export": accounts,  # asks for a copy of one's own data
    "accounts:username": accounts,  # changes one's own username
    "leaving:delete": accounts,  # deletes one's own account (its password and second factor asked)
    "invitations:mine": accounts,  # makes one's own invitation codes
    "api_tokens:list": accounts,  # makes or revokes one's own API tokens
    "cocreators:invitations": accounts,  # accepts or declines invitations to one's own pseuds
    "claims:archived_creators": accounts,  # sends claim invitations to one's own archived creators
    "skins:new": accounts,  # makes one's own work skin
    "skins:edit": owner,
    "skins:delete": owner,
    "skins:hide": anyone,  # hides creators' styles: an account's choice, or a guest's cookie
    "policies:edit": lambda label, role: role == "admin",
    # works and what hangs on them
    "works:new": accounts,
    "works:detail": _sees,  # reading a work records it in an account's own history
    "works:chapter": _sees,
    "works:drafts": accounts,
    "works:edit": work_creators,
    "works:post": work_creators,
    "works:delete": work_creators,
    "works:chapter_new": work_creators,
    "works:chapters_manage": work_creators,
    "works:chapter_edit": work_creators,
    "works:chapter_delete": work_creators,
    "suggest:decide": work_creators,
    "transfer:upload": accounts,
    "interactions:comment_settings": work_creators,
    "interactions:kudos": public_write(guests=True),
    "interactions:chapter_kudos": public_write(guests=True),
    "interactions:comment_new": public_write(guests=True),
    "interactions:comment_edit": nobody,  # only its author, who is no role here
    "interactions:comment_delete": comment_moderators,
    "interactions:comment_approve": comment_moderators,
    "interactions:thread_freeze": comment_moderators,
    "interactions:bookmark_work": public_write(guests=False),
    "interactions:bookmark_series": public_write(guests=False),
    "interactions:bookmark_external": lambda label, role: role not in ("guest", "suspended"),
    "interactions:bookmark_edit": bookmark_owner,
    "interactions:bookmark_delete": bookmark_owner,
    "interactions:later_mark": private_write,
    "interactions:later_unmark": private_write,
    "interactions:shelf_set": private_write,
    "interactions:reading_position": private_write,
    "interactions:history_delete": private_write,
    "interactions:history_settings": accounts,
    "interactions:history_clear": accounts,
    "interactions:history_entry_delete": owner,
    "interactions:later_entry_remove": owner,
    "interactions:blocked": accounts,
    "interactions:muted": accounts,
    "interactions:unblock": accounts,
    "interactions:unmute": accounts,
    "notifications:read_all": accounts,
    "notifications:read": owner,
    "notifications:digest": accounts,
    "notifications:change": subscribers,
    "search:saved": accounts,
    "feeds:private": accounts,  # makes or renews one's own private feed token
    "kosync_account:key": accounts,  # makes, removes or confirms one's own KOReader sync key
    "search:saved_rename": owner,
    "search:saved_delete": owner,
    "search:excluded": accounts,
    "search:excluded_remove": owner,
    "blocklists:settings": accounts,  # one's own blocklist rules
    "blocklists:import": accounts,
    "blocklists:remove": owner,
    # staff
    "tags:wrangle": wranglers,
    "wrangling:fandom": wranglers,
    "wrangling:bulk": wranglers,
    "moderation:report": lambda label, role: (
        comment_moderators("posted", role)
        if label == "held"
        else owner(label, role)
        if label == "private"
        else _sees(label, role)
    ),
    "moderation:decision": decision_readers,
    "moderation:case_assign": moderators,
    "moderation:case_note": moderators,
    "moderation:case_close": moderators,
    "moderation:case_reopen": moderators,
    "moderation:case_act": moderators,
    # the API (/api/v1/): each endpoint is asked with every method it may write with, its payload as JSON
    "api:kudos": public_write(guests=False),
    "api:chapter_comments": public_write(guests=False),
    "api:comment": comment_moderators,  # a PATCH is its author's only (no role here): refused to the rest
    "api:bookmarks": accounts,  # the payload names no target: refused anyway, nothing written
    "api:bookmark": bookmark_owner,
    "api:subscriptions": accounts,
    "api:subscription": subscribers,
    "api:later": accounts,
    "api:later_work": private_write,
    "api:history": accounts,  # DELETE clears one's own history
    "api:history_entry": owner,
    "api:history_settings_api": accounts,
}

#: What each write is sent, so that a missing permission check would write something.
PAYLOADS: dict[str, dict[str, str]] = {
    "interactions:comment_new": {"text": "A matrix comment.", "guest_name": "Guest", "guest_email": "g@example.org"},
    "interactions:comment_edit": {"text": "A changed comment."},
    "interactions:bookmark_work": {"notes": "A matrix bookmark."},
    "interactions:bookmark_series": {"notes": "A matrix bookmark."},
    "interactions:bookmark_edit": {"notes": "Changed notes."},
    "interactions:comment_settings": {"permission": "accounts", "moderate": ""},
    "interactions:reading_position": {"chapter": "1", "position": "1"},
    "interactions:shelf_set": {"status": "reading"},
    "moderation:report": {"category": "spam", "description": "Matrix.", "email": "g@example.org"},
    "moderation:case_note": {"text": "A matrix note."},
    "moderation:case_close": {"state": "dismissed", "outcome": "Matrix."},
    "moderation:case_reopen": {"reason": "Matrix."},
    "moderation:decision": {"text": "A matrix answer."},
    "notifications:digest": {"frequency": "weekly"},
    "policies:edit": {"title": "Terms", "body": "Matrix terms.", "summary": "Matrix."},
    "tags:wrangle": {"canonical": "on", "type": "fandom"},
    "search:saved_rename": {"name": "Renamed"},
    "works:chapters_manage": {"order": "1"},
    "works:edit": {"title": "Changed Title", "rating": "General Audiences", "warnings": "No Archive Warnings Apply"},
    "api:chapter_comments": {"text": "A matrix comment."},
    "api:comment": {"text": "A changed comment."},
    "api:bookmark": {"notes": "Changed notes.", "private": False},
    "api:history_settings_api": {"enabled": False},
}
#: The methods an API endpoint is asked to write with (its payload sent as JSON).
API_METHODS = ("post", "put", "patch", "delete")
CASE_ACTIONS = {"hidden": "unhide", "suspended": "unsuspend", "held": "delete"}


def _rule(name: str) -> Rule:
    if name in WRITERS:
        return WRITERS[name]
    short = name.split(":")[-1]
    if short in WRITERS:
        return WRITERS[short]
    if short.startswith("account_"):  # django-allauth: one's own e-mail addresses and password
        return anyone
    return nobody


def digest() -> dict[str, str]:
    """A hash of every table's rows."""
    hashes = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in UNWATCHED or table.startswith("search_fts_") or table.startswith("sqlite_"):
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from the database itself)
            rows = sorted(repr(row) for row in cursor.fetchall())
            hashes[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return hashes


def refused(response, role: str) -> bool:
    if response.status_code in (400, 403, 404, 405):
        return True
    if response.status_code == 401 and response.request["PATH_INFO"].startswith("/api/"):
        return True  # the API asks a guest to authenticate
    if response.status_code == 302 and role != "guest":
        # One's own history, marks, saved searches: an id that is not one's own finds nothing to change, and
        # the page one came from is shown again (nothing changed: the digest says so).
        return True
    if response.status_code == 204 and response.request["PATH_INFO"].endswith("/reading-position"):
        # The reading position is a beacon the page sends as it is read: it answers nothing, whatever it did.
        return True
    if response.status_code == 302 and "login" in response["Location"]:
        return True
    # A suspended account is told why on the page it came from (a message), or on the form again.
    return role == "suspended" and response.status_code in (200, 302, 400)


def _is_write(name: str) -> bool:
    """A write endpoint (its answer to a refused write is checked too); elsewhere a POST may show the page."""
    return _rule(name) is not nobody or name.split(":")[-1] in WRITERS


def _payload(target: Target) -> dict[str, str]:
    data = dict(PAYLOADS.get(target.name, {}))
    if target.name == "moderation:case_act":
        data |= {"action": CASE_ACTIONS[target.label], "reason": "Matrix.", "days": "1"}
    return data


def _writes(client: Client, target: Target):
    """The requests that would write there: a form POST for a page; every writing method for the API."""
    if not target.url.startswith("/api/"):
        yield "post", client.post(target.url, _payload(target))
        return
    body = json.dumps(_payload(target))
    for method in API_METHODS:
        yield method, client.generic(method.upper(), target.url, body, content_type="application/json")


@pytest.mark.parametrize("role", WRITE_ROLES)
def test_no_role_writes_where_it_may_not(archive: Archive, role: str, settings) -> None:
    # the API's rate limits would answer 429 before its rules are asked
    rates = {"anon": "100000/min", "user": "100000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    client = Client()
    if role != "guest":
        client.force_login(archive.users[role])
    client.get("/")  # runs what the archive's commit would have run (the search index's pending updates)
    before = digest()
    problems: list[str] = []
    for target in urls_for(archive):
        if "?" in target.url or _rule(target.name)(target.label, role):
            continue
        for method, response in _writes(client, target):
            after = digest()
            changed = sorted(table for table in after if after[table] != before.get(table))
            where = f"{method.upper()} {target.url}"
            if changed:
                problems.append(f"{where} ({response.status_code}) changed {changed}")
                before = after
            elif _is_write(target.name) and not refused(response, role):
                problems.append(f"{where} answered {response.status_code}")
            elif response.status_code == 403 and not _may_know(target.label, role) and _rule(target.name) not in GATED:
                problems.append(f"{where} answered 403: it exists, for something {role} may not see (404 expected)")
    assert not problems, f"{role}: " + "\n".join(problems)


def test_the_write_rules_name_real_patterns(archive) -> None:
    names = {t.name for t in urls_for(archive)} | {t.name.split(":")[-1] for t in urls_for(archive)}
    assert set(WRITERS) <= names, sorted(set(WRITERS) - names)
