"""The fixture archive of the permission matrix: one work in each state, each carrying its own marker strings,
and the roles that read and write it.

Every marker is a lowercase word of its own ("zq" + what + "zq"), so finding one in a response means that thing
was shown. Who may see each marker is written here from the archive's rules (issue 14 and docs/architecture.md),
never asked of the code under test:

- a posted work: everyone; a restricted one: accounts; a draft: its creators; hidden by a moderator: its creators,
  the moderators and admins; a deleted work: nobody;
- an adult work is listed for everyone, but its text waits behind the adult notice for everyone except its
  creators (no role here chose "show adult works without asking");
- a tag is known to those who may see a work carrying it, and to wranglers and admins (who see every tag);
- a series is known to those who may see one of its works, and to its creators;
- a held comment: the work's creators and staff (and its own author, who is no role here); a private bookmark:
  its owner; a comment: those who may see the work it belongs to.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.utils import timezone

from scriptorium.accounts.models import User
from scriptorium.accounts.moderators import moderators_group
from scriptorium.blocklists.models import RuleKind
from scriptorium.blocklists.services import RuleInput, rule_add
from scriptorium.interactions.inputs import BookmarkInput, CommentInput
from scriptorium.interactions.services.bookmarks import bookmark_create
from scriptorium.interactions.services.comments import comment_create
from scriptorium.moderation.inputs import ReportInput
from scriptorium.moderation.services import account_moderate, report_create, work_moderate
from scriptorium.notifications.models import Notification, NotificationKind
from scriptorium.search.backends import get_search_backend
from scriptorium.search.services import excluded_tag_add, saved_search_create
from scriptorium.skins.services import SkinInput, skin_create
from scriptorium.tags.models import Tag
from scriptorium.tags.vocabulary import EXPLICIT, GENERAL, NO_WARNINGS_APPLY
from scriptorium.tags.wranglers import wranglers_group
from scriptorium.transfer.inputs import Upload
from scriptorium.transfer.services.jobs import import_job_create
from scriptorium.works.cocreators import work_creator_remove
from scriptorium.works.external import external_creator_get_or_create, work_external_creators_set
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.models import Series, Work
from scriptorium.works.services import work_create, work_delete
from tests.factories import UserFactory, credit_co_creator

#: The roles that read: a guest and six kinds of account.
ROLES = ("guest", "account", "creator", "co_creator", "wrangler", "moderator", "admin")
ACCOUNTS = frozenset(ROLES) - {"guest"}
CREATORS = frozenset({"creator", "co_creator"})
MODERATORS = frozenset({"moderator", "admin"})
STAFF = frozenset({"admin"})
WRANGLERS = frozenset({"wrangler", "admin"})  # an admin holds every permission, wrangling too

#: The states of a work, each a work of its own by the creator and the co-creator.
STATES = ("posted", "draft", "restricted", "hidden", "adult", "deleted")

#: Who may open a work in each state (its page, chapters, downloads, comments, series, bookmarks).
SEES_WORK: dict[str, frozenset[str]] = {
    "posted": frozenset(ROLES),
    "draft": CREATORS,
    "restricted": ACCOUNTS,
    "hidden": CREATORS | MODERATORS,
    "adult": frozenset(ROLES),
    "deleted": frozenset(),
}
#: Who may read a work's text (the adult notice stands before an adult work's for everyone but its creators).
READS_TEXT: dict[str, frozenset[str]] = {**SEES_WORK, "adult": CREATORS}
#: Who finds a work on listings, tag pages and counts: posted, not hidden, restricted ones for accounts only.
LISTS_WORK: dict[str, frozenset[str]] = {
    "posted": frozenset(ROLES),
    "draft": frozenset(),
    "restricted": ACCOUNTS,
    "hidden": frozenset(),
    "adult": frozenset(ROLES),
    "deleted": frozenset(),
}


def marker(*parts: str) -> str:
    return "zq" + "".join(parts) + "zq"


@dataclass
class Archive:
    users: dict[str, User]
    works: dict[str, int]  # state → work id (the deleted one's id answers for a missing work)
    chapters: dict[str, int]  # state → first chapter id
    series: dict[str, int]
    tags: dict[str, int]  # state → id of the tag only that work carries
    shared_tag: str
    held_comment: int
    comments: dict[str, int]  # state → a published comment on it
    private_bookmark: int
    public_bookmarks: dict[str, int]
    suspended_work: int
    cases: dict[str, int]  # "hidden" → the hidden work's case, "suspended" → the suspended account's
    actions: dict[str, int]
    saved_search: int
    excluded_tag: int
    block_rule: int
    reading: int
    notification: int
    job: int
    restricted_bookmark_notes: str = marker("restricted", "bm")
    #: A claim link's token (issue 15), for an author the creator archived (no work credited to them).
    claim_token: str = ""
    #: state → an external creator (archived by the creator) credited on that work only
    external_authors: dict[str, int] = field(default_factory=dict)
    #: The creator's private work skin (issue 18), used by no work: its title and CSS are theirs alone.
    skin: int = 0
    #: marker → the roles that may see it
    markers: dict[str, frozenset[str]] = field(default_factory=dict)

    def user(self, role: str) -> User | AnonymousUser:
        return AnonymousUser() if role == "guest" else self.users[role]

    def hidden_from(self, role: str) -> list[str]:
        return [m for m, seers in self.markers.items() if role not in seers]


def _fresh() -> None:
    """Forget the rate limits' counts (kept in the cache): the archive is made faster than anyone may write."""
    for cache in caches.all():
        cache.clear()


def _work(state: str, creator: User, co_creator: User) -> Work:
    _fresh()
    work = work_create(
        actor=creator,
        creators=[creator.default_pseud],
        data=WorkInput(
            title=f"Zq{state}titlezq",
            summary=f"The {marker(state, 'summary')} of it.",
            rating=EXPLICIT if state == "adult" else GENERAL,
            warnings=(NO_WARNINGS_APPLY,),
            fandoms=("Original Work",),
            additional_tags=(marker(state, "tag"), marker("shared", "tag")),
            restricted=state == "restricted",
            series_title=marker(state, "series"),
        ),
        chapters=[ChapterInput(text=f"Lamps and {marker(state, 'body')} then {marker(state, 'secret')} again.")],
        post=state != "draft",
    )
    credit_co_creator(work, co_creator)  # invited, and accepted
    return work


def build_archive() -> Archive:
    users = {
        "account": UserFactory(username="acct_ona"),
        "creator": UserFactory(username="author_ann"),
        "co_creator": UserFactory(username="coauthor_cy"),
        "wrangler": UserFactory(username="wrangler_wes"),
        "moderator": UserFactory(username="mod_mara"),
        "admin": UserFactory(username="admin_ada", is_superuser=True, is_staff=True),
        "suspended": UserFactory(username="paused_pam"),
    }
    users["wrangler"].groups.add(wranglers_group())
    users["moderator"].groups.add(moderators_group())
    voice = UserFactory(username="voice_vic")  # writes the comments; no role of the matrix
    creator, co_creator, moderator = users["creator"], users["co_creator"], users["moderator"]

    works = {state: _work(state, creator, co_creator) for state in STATES}
    external_authors = {}
    for state, work in works.items():  # each work also archived for an author of its own (issue 15)
        author = external_creator_get_or_create(archivist=creator, name=marker(state, "extname"))
        work_external_creators_set(work=work, external_creators=[author])
        external_authors[state] = author.pk
    chapters = {state: work.chapters.first().pk for state, work in works.items()}
    series = {state: Series.objects.get(title=marker(state, "series")).pk for state in STATES}
    tags = {state: Tag.objects.get(name=marker(state, "tag")).pk for state in STATES}

    comments: dict[str, int] = {}
    for state in ("posted", "restricted", "hidden", "deleted"):
        chapter = works[state].chapters.first()
        _fresh()
        comments[state] = comment_create(
            actor=voice, chapter=chapter, data=CommentInput(text=f"Said {marker(state, 'comment')} here.")
        ).pk
    Work.objects.filter(pk=works["posted"].pk).update(moderate_comments=True)
    works["posted"].refresh_from_db()
    _fresh()
    held = comment_create(
        actor=voice, chapter=works["posted"].chapters.first(), data=CommentInput(text=f"Wait {marker('held')}.")
    )
    assert held.state == "held"

    account = users["account"]
    private = bookmark_create(
        actor=account,
        work=works["posted"],
        data=BookmarkInput(notes=f"Mine {marker('private', 'notes')}.", tags=marker("private", "bmtag"), private=True),
    )
    public_bookmarks = {
        "restricted": bookmark_create(
            actor=account, work=works["restricted"], data=BookmarkInput(notes=f"Ours {marker('restricted', 'bm')}.")
        ).pk
    }

    suspended = users["suspended"]
    _fresh()
    suspended_work = work_create(
        actor=suspended,
        creators=[suspended.default_pseud],
        data=WorkInput(
            title="Zqsuspendedtitlezq",
            rating=GENERAL,
            warnings=(NO_WARNINGS_APPLY,),
            fandoms=("Original Work",),
            additional_tags=(marker("shared", "tag"),),
        ),
        chapters=[ChapterInput(text=f"Still {marker('suspended', 'body')} here.")],
        post=True,
    )
    public_bookmarks["suspended"] = bookmark_create(
        actor=suspended, work=works["posted"], data=BookmarkInput(notes=f"Kept {marker('suspended', 'bm')}.")
    ).pk

    reason = "Matrix reasons."
    hidden_case = _report("work", works["hidden"].pk)
    hide = work_moderate(actor=moderator, case_id=hidden_case, work_id=works["hidden"].pk, action="hide", reason=reason)
    suspended_case = _report("user", suspended.pk)
    suspend = account_moderate(
        actor=moderator, case_id=suspended_case, user_id=suspended.pk, action="suspend", reason=reason, days=7
    )
    users["suspended"] = User.objects.get(pk=suspended.pk)
    assert users["suspended"].suspended_until > timezone.now() + datetime.timedelta(days=6)

    deleted_id = works["deleted"].pk
    # A work others are credited on cannot be deleted: its owner removes the co-creator first.
    work_creator_remove(actor=creator, work=works["deleted"], pseud_id=users["co_creator"].default_pseud.pk)
    work_delete(actor=creator, work=works["deleted"])

    saved = saved_search_create(user=account, name="Lamps", query_string="q=lamps")
    excluded = excluded_tag_add(user=account, name="Major Character Death")
    # A blocklist rule that matches none of the archive's works (what the account sees stays the same).
    block_rule = rule_add(user=account, rule=RuleInput(kind=RuleKind.WORDS, text="no such words anywhere"))
    from scriptorium.interactions.services import history_flush
    from scriptorium.interactions.services.reading import work_read_record

    work_read_record(actor=account, work=works["posted"], shown=list(works["posted"].chapters.all()))
    history_flush()  # the reading waits in the buffer until a flush
    reading = account.readings.get(work=works["posted"]).pk
    notification = Notification.objects.create(
        recipient=account,
        kind=NotificationKind.NEW_CHAPTER,
        work=works["posted"],
        chapter=works["posted"].chapters.first(),
        updated_at=timezone.now(),
    )
    job = import_job_create(owner=creator, uploads=[Upload(name="lamps.txt", data=b"Lamps on the quay.\n")], draft=True)

    claim_token = _claim_token(creator)
    skin, _ = skin_create(
        owner=creator, data=SkinInput(title=marker("skin", "title"), css=f".{marker('skin', 'css')} {{ color: #123 }}")
    )
    get_search_backend().index_works([w.pk for w in Work.objects.all()])

    ids = {state: work.pk for state, work in works.items()} | {"deleted": deleted_id}
    archive = Archive(
        users={role: User.objects.get(pk=u.pk) for role, u in users.items()},
        works=ids,
        chapters=chapters,
        series=series,
        tags=tags,
        shared_tag=marker("shared", "tag"),
        held_comment=held.pk,
        comments=comments,
        private_bookmark=private.pk,
        public_bookmarks=public_bookmarks,
        suspended_work=suspended_work.pk,
        cases={"hidden": hidden_case, "suspended": suspended_case},
        actions={"hidden": hide.pk, "suspended": suspend.pk},
        saved_search=saved.pk,
        excluded_tag=excluded.pk,
        block_rule=block_rule.pk,
        reading=reading,
        notification=notification.pk,
        job=job.pk,
        claim_token=claim_token,
        external_authors=external_authors,
        skin=skin.pk,
    )
    for state in STATES:
        seers = SEES_WORK[state]
        archive.markers[marker(state, "title")] = seers
        archive.markers[marker(state, "summary")] = seers
        archive.markers[marker(state, "series")] = seers | CREATORS  # their own series, even emptied
        archive.markers[marker(state, "body")] = READS_TEXT[state]
        archive.markers[marker(state, "secret")] = READS_TEXT[state]
        archive.markers[marker(state, "tag")] = seers | WRANGLERS
        archive.markers[marker(state, "extname")] = seers | {"creator"}  # the archivist knows the name
    for state in comments:
        archive.markers[marker(state, "comment")] = SEES_WORK[state]
    archive.markers[marker("skin", "title")] = frozenset({"creator"})
    archive.markers[marker("skin", "css")] = frozenset({"creator"})
    archive.markers[marker("held")] = (CREATORS | STAFF) & SEES_WORK["posted"]
    archive.markers[marker("private", "notes")] = frozenset({"account"})
    archive.markers[marker("private", "bmtag")] = frozenset({"account"})
    # The notes of a public bookmark of a restricted work: not in ``markers`` (the bookmark list shows them to
    # guests, under "This work is not available"); test_read_matrix asks about them on their own.
    return archive


def _claim_token(archivist: User) -> str:
    """A pending claim invitation's token, read from the email it was sent in (only a hash of it is kept)."""
    from django.core import mail

    from scriptorium.claims.services import claim_invitations_send
    from scriptorium.works.external import external_creator_get_or_create

    author = external_creator_get_or_create(archivist=archivist, name="Claimable Author", email="claim@example.org")
    claim_invitations_send(actor=archivist, external_creators=[author])
    return mail.outbox[-1].body.split("/claims/")[1].split()[0]


def _report(kind: str, target_id: int) -> int:
    report = report_create(
        actor=AnonymousUser(),
        kind=kind,
        target_id=target_id,
        data=ReportInput(category="other", description="Please look.", email="guest@example.org"),
        origin="matrix",
    )
    return report.case_id
