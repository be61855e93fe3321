"""Every URL pattern of the site, from the resolver, filled from the fixture archive.

A new page is covered without a change here, unless it takes a parameter this file does not know how to fill:
then ``urls_for`` fails and says which (add a row to ``FILLS``, or, with a reason, to ``SKIPPED``). Each filled
URL carries a label (which thing of the archive filled it), which the write matrix uses to decide who may write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.archive import STATES, Archive, marker

#: Formats a download is asked in (those needing calibre answer "unavailable" where it is missing: still asked).
FORMATS = ("epub", "azw3", "mobi", "pdf", "html", "txt", "md")
EXTENSIONS = ("epub", "html", "txt", "md")

#: Patterns left out of the matrix, with the reason.
SKIPPED: dict[str, str] = {
    "admin": "Django's admin: staff only by Django's own check (is_staff), outside the site's pages",
    "logout": "ends the session the rest of the matrix runs in; it reads nothing",
    "account_logout": "the same, by django-allauth",
}


@dataclass(frozen=True)
class Target:
    name: str  # "namespace:name" (or the route, for unnamed redirects)
    url: str
    label: str  # which thing of the archive filled it ("" for a page without parameters)
    echo: str = ""  # a marker the request itself carries (a search query): the page may repeat it


@dataclass(frozen=True)
class Pattern:
    name: str
    route: str
    params: frozenset[str]
    named: bool


def patterns() -> list[Pattern]:
    """Every URL pattern, named as ``reverse`` knows it."""
    found: list[Pattern] = []

    def walk(resolver: URLResolver, namespaces: tuple[str, ...], prefix: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                spaces = (*namespaces, entry.namespace) if entry.namespace else namespaces
                walk(entry, spaces, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                name = ":".join((*namespaces, entry.name)) if entry.name else route
                found.append(Pattern(name, route, frozenset(entry.pattern.regex.groupindex), bool(entry.name)))

    walk(get_resolver(), (), "")
    return found


def _works(a: Archive, states=(*STATES, "suspended")) -> list[tuple[str, dict]]:
    ids = {**a.works, "suspended": a.suspended_work}
    return [(s, {"work_id": ids[s]}) for s in states]


def _chapters(a: Archive) -> list[tuple[str, dict]]:
    return [(s, {"work_id": a.works[s], "chapter_id": a.chapters[s]}) for s in STATES]


def _tags(a: Archive) -> list[tuple[str, dict]]:
    names = [(s, marker(s, "tag")) for s in STATES]
    return [*((s, {"name": n}) for s, n in names), ("shared", {"name": a.shared_tag})]


def _usernames(a: Archive) -> list[tuple[str, dict]]:
    return [(role, {"username": user.username}) for role, user in a.users.items()]


def _comments(a: Archive) -> list[tuple[str, dict]]:
    return [("held", {"comment_id": a.held_comment}), *((s, {"comment_id": c}) for s, c in a.comments.items())]


def _bookmarks(a: Archive) -> list[tuple[str, dict]]:
    return [
        ("private", {"bookmark_id": a.private_bookmark}),
        *((s, {"bookmark_id": b}) for s, b in a.public_bookmarks.items()),
    ]


def _report_targets(a: Archive) -> list[tuple[str, dict]]:
    rows = [(s, {"kind": "work", "target_id": a.works[s]}) for s in STATES]
    rows += [(s, {"kind": "chapter", "target_id": a.chapters[s]}) for s in STATES]
    rows += [(s, {"kind": "comment", "target_id": c}) for s, c in a.comments.items()]
    rows += [("held", {"kind": "comment", "target_id": a.held_comment})]
    rows += [("private", {"kind": "bookmark", "target_id": a.private_bookmark})]
    rows += [(s, {"kind": "tag", "target_id": a.tags[s]}) for s in STATES]
    rows += [("suspended", {"kind": "user", "target_id": a.users["suspended"].pk})]
    return rows


def _subscription_targets(a: Archive) -> list[tuple[str, dict]]:
    rows = [(s, {"kind": "work", "target_id": a.works[s]}) for s in STATES]
    rows += [(s, {"kind": "series", "target_id": a.series[s]}) for s in STATES]
    rows += [(s, {"kind": "tag", "target_id": a.tags[s]}) for s in STATES]
    rows += [("creator", {"kind": "creator", "target_id": a.users["creator"].pk})]
    rows += [("saved", {"kind": "search", "target_id": a.saved_search})]
    return rows


Fill = Callable[[Archive], list[tuple[str, dict]]]

#: How each set of parameters is filled (by parameter names; a pattern name wins where names alone are not enough).
FILLS: dict[frozenset[str] | str, Fill] = {
    frozenset(): lambda a: [("", {})],
    frozenset({"work_id"}): _works,
    frozenset({"work_id", "chapter_id"}): _chapters,
    frozenset({"work_id", "format_name"}): lambda a: [
        (s, {**kw, "format_name": f}) for s, kw in _works(a) for f in FORMATS
    ],
    frozenset({"work_id", "slug", "extension"}): lambda a: [
        (s, {**kw, "slug": "Any_Name", "extension": e}) for s, kw in _works(a) for e in EXTENSIONS
    ],
    frozenset({"external_author_id"}): lambda a: [
        (s, {"external_author_id": i}) for s, i in a.external_authors.items()
    ],
    frozenset({"series_id"}): lambda a: [(s, {"series_id": i}) for s, i in a.series.items()],
    frozenset({"name"}): _tags,
    frozenset({"tag_type"}): lambda a: [
        ("", {"tag_type": t}) for t in ("fandom", "character", "relationship", "additional", "all")
    ],
    frozenset({"username"}): _usernames,
    frozenset({"username", "pseud"}): lambda a: [
        (role, {"username": a.users[role].username, "pseud": a.users[role].username})
        for role in ("creator", "suspended")
    ],
    frozenset({"pseud_id"}): lambda a: [("creator", {"pseud_id": a.users["creator"].default_pseud.pk})],
    frozenset({"slug"}): lambda a: [("", {"slug": s}) for s in ("terms", "privacy", "content-policy", "faq")],
    frozenset({"slug", "number"}): lambda a: [("", {"slug": "terms", "number": "1"})],
    frozenset({"comment_id"}): _comments,
    frozenset({"bookmark_id"}): _bookmarks,
    frozenset({"saved_id"}): lambda a: [("account", {"saved_id": a.saved_search})],
    frozenset({"skin_id"}): lambda a: [("creator", {"skin_id": a.skin})],  # the creator's private work skin
    frozenset({"excluded_id"}): lambda a: [("account", {"excluded_id": a.excluded_tag})],
    frozenset({"rule_id"}): lambda a: [("account", {"rule_id": a.block_rule})],
    frozenset({"reading_id"}): lambda a: [("account", {"reading_id": a.reading})],
    # A reader's own shelves (/account/shelf/<status>): every status, and one that is none.
    frozenset({"status"}): lambda a: [
        ("account", {"status": s}) for s in ("reading", "to-read", "finished", "dropped", "no-such-shelf")
    ],
    frozenset({"notification_id"}): lambda a: [("account", {"notification_id": a.notification})],
    frozenset({"user_id"}): lambda a: [("suspended", {"user_id": a.users["suspended"].pk})],
    frozenset({"job_id"}): lambda a: [("creator", {"job_id": a.job})],
    frozenset({"case_id"}): lambda a: [(k, {"case_id": c}) for k, c in a.cases.items()],
    frozenset({"action_id"}): lambda a: [(k, {"action_id": i}) for k, i in a.actions.items()],
    frozenset({"case_id", "subject", "subject_id"}): lambda a: [
        ("hidden", {"case_id": a.cases["hidden"], "subject": "work", "subject_id": a.works["hidden"]}),
        ("suspended", {"case_id": a.cases["suspended"], "subject": "account", "subject_id": a.users["suspended"].pk}),
        ("held", {"case_id": a.cases["hidden"], "subject": "comment", "subject_id": a.held_comment}),
    ],
    # Tokens mailed to one account (django-allauth): a wrong token is all another role can ask with.
    frozenset({"key"}): lambda a: [("", {"key": "not-a-real-key"})],
    frozenset({"uidb36", "key"}): lambda a: [("", {"uidb36": "1", "key": "not-a-real-key"})],
    # An invitation code is a secret its holder was sent: a wrong code is all a role can ask with.
    frozenset({"code"}): lambda a: [("", {"code": "not-a-real-code"})],
    # A saved search's private feed: its address holds the owner's feed token; a wrong one is all a role has.
    frozenset({"saved_id", "token"}): lambda a: [("account", {"saved_id": a.saved_search, "token": "not-a-token"})],
    # A personal OPDS catalog (/opds/personal/<token>…): the same token; a wrong one is all a role has.
    frozenset({"token"}): lambda a: [("account", {"token": "not-a-token"})],
    frozenset({"token", "name"}): lambda a: [("account", {**kw, "token": "not-a-token"}) for _, kw in _tags(a)],
    frozenset({"token", "work_id"}): lambda a: [(s, {**kw, "token": "not-a-token"}) for s, kw in _works(a)],
    frozenset({"token", "work_id", "slug", "extension"}): lambda a: [
        (s, {**kw, "token": "not-a-token", "slug": "Any_Name", "extension": "epub"}) for s, kw in _works(a)
    ],
    # KOReader's progress for a document digest (/kosync/syncs/progress/<document>): a digest no one has.
    frozenset({"document"}): lambda a: [("", {"document": "0123456789abcdef0123456789abcdef"})],
    # A claim link (issue 15): a wrong token, and a real one (its author's works, which anyone may open).
    "claims:claim": lambda a: [("", {"token": "not-a-token"}), ("posted", {"token": a.claim_token})],
    "moderation:report": _report_targets,
    "notifications:change": _subscription_targets,
    "api:subscription": _subscription_targets,  # unsubscribing through the API
}

#: Query strings asked of a page besides its bare URL: (label, query, the marker the query carries).
QUERIES: dict[str, Callable[[Archive], list[tuple[str, str, str]]]] = {
    "search:works": lambda a: (
        [(s, f"q={marker(s, 'body')}", marker(s, "body")) for s in STATES]
        + [(s, f"q={marker(s, 'tag')[:-2]}*", "") for s in STATES]
    ),
    "tags:autocomplete": lambda a: [(s, f"q={marker(s, 'tag')[:-4]}", "") for s in STATES],
    "works:index": lambda a: [("", "sort=title", "")],
    # Discovery: a tag's name in tag search, a work's title and private notes in bookmark search (the form shows
    # what was typed, so that is the query's own marker).
    "discovery:tags": lambda a: [(s, f"name={marker(s, 'tag')}", marker(s, "tag")) for s in STATES],
    "discovery:bookmarks": lambda a: (
        [(s, f"q={marker(s, 'title')}", marker(s, "title")) for s in STATES]
        + [("private", f"q={marker('private', 'notes')}", marker("private", "notes"))]
    ),
    "discovery:people": lambda a: [(s, f"name=writer&fandom={marker(s, 'tag')}", marker(s, "tag")) for s in STATES],
}


def urls_for(archive: Archive) -> list[Target]:
    """Every pattern, filled in every way the archive allows. Fails on a pattern nobody taught it to fill."""
    targets: list[Target] = []
    unknown: list[str] = []
    for pattern in patterns():
        if pattern.route.startswith("admin/") or pattern.name.split(":")[-1] in SKIPPED:
            continue
        fill = FILLS.get(pattern.name) or FILLS.get(pattern.params)
        if fill is None:
            unknown.append(f"{pattern.name} ({pattern.route}: {sorted(pattern.params)})")
            continue
        for label, kwargs in fill(archive):
            url = reverse(pattern.name, kwargs=kwargs) if pattern.named else "/" + pattern.route
            targets.append(Target(pattern.name, url, label))
            for query_label, query, echo in QUERIES.get(pattern.name, lambda a: [])(archive):
                targets.append(Target(pattern.name, f"{url}?{query}", query_label, echo))
    assert not unknown, f"URL patterns the matrix cannot fill (add them to FILLS or SKIPPED): {unknown}"
    return targets
