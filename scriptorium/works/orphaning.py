"""Works and series an account leaves behind: orphaned to the orphan account, deleted, or, when other accounts
share the credit, left with them.

The orphan account (``orphan_account``, AO3's name) is a real account of the archive's own: inactive, with an
unusable password, so nobody can log in as it; its default pseud is called ``orphan_account`` too. A work
orphaned "keeping the pseud name" is credited to a pseud of the same name under the orphan account (the byline
reads "Name (orphan_account)"); otherwise to the orphan account's own pseud.

Called by ``scriptorium.leaving`` inside the transaction that deletes the account, in this order: deletions and
orphans without a name first, orphans keeping a name next (a pseud whose works all go keeps its name by moving to
the orphan account: pseud names are unique in the archive), then :func:`series_release`. Each change of credit
bumps the work's revision (``work_revised``), so bylines, search and downloads follow. Ownership (who may remove
creators) passes to the orphan account with an orphaned work, and to the next creator on a shared one; pending
co-creator invitations from or to the account are withdrawn first (:func:`creator_invitations_withdraw`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from scriptorium.accounts.models import Pseud, User
from scriptorium.accounts.services import user_create
from scriptorium.works import events
from scriptorium.works.models import CreatorInvitation, Creatorship, ExternalCreator, InvitationState, Series, Work
from scriptorium.works.revisions import works_revise as _revise

#: The orphan account's username and its default pseud's name.
ORPHAN_USERNAME = "orphan_account"


@dataclass
class Released:
    """What happened to the works handed over: orphaned, deleted, or only uncredited (others stay credited)."""

    orphaned: int = 0
    deleted: int = 0
    uncredited: int = 0


def _orphan_lookup() -> User | None:
    return User.objects.filter(username=ORPHAN_USERNAME).first()


def orphan_account_get() -> User:
    """The orphan account, created on first use. Safe when two requests create it at once: the loser of the
    race (the username is unique) takes the winner's account."""
    user = _orphan_lookup()
    if user is None:
        try:
            with transaction.atomic():
                user = user_create(username=ORPHAN_USERNAME, email="", password=None, is_system=True)
                user.is_active = False
                user.save(update_fields=["is_active"])
        except (IntegrityError, ValidationError):  # made meanwhile: the unique username refused this one
            user = _orphan_lookup()
    if user is None or not user.is_system:
        # Someone signed up with the name before the archive needed it: never give works to a person.
        raise ValidationError(f"The account “{ORPHAN_USERNAME}” is not the archive's own; an admin must rename it.")
    return user


def _others_credited(work_id: int, *, actor: User, orphan: User | None) -> bool:
    """Whether an account other than ``actor`` (and other than the orphan account) is credited on the work."""
    qs = Creatorship.objects.filter(work_id=work_id).exclude(pseud__user=actor)
    if orphan is not None:
        qs = qs.exclude(pseud__user=orphan)
    return qs.exists()


def _own_works(*, actor: User, work_ids: Sequence[int]) -> list[Work]:
    works = list(Work.objects.created_by(actor).filter(pk__in=work_ids).order_by("pk"))
    if len(works) != len(set(work_ids)):
        raise ValidationError("Some of those works are not yours.")
    return works


def _uncredit(work: Work, *, actor: User) -> None:
    """Take the actor's credits off a work others share; the work's ownership (who may remove creators) passes
    to the next creator on its byline."""
    for creatorship in Creatorship.objects.filter(work=work, pseud__user=actor):
        creatorship.delete()  # one by one: the search index hears of each
    if work.owner_id == actor.pk:
        heir = Creatorship.objects.filter(work=work).order_by("position", "id").values_list("pseud__user", flat=True)
        Work.objects.filter(pk=work.pk).update(owner_id=heir.first())


def _credit(work: Work, *, actor: User, pseud: Pseud) -> None:
    """Move the actor's credits on ``work`` to ``pseud`` (one credit, where the first of the actor's stood)."""
    mine = list(Creatorship.objects.filter(work=work, pseud__user=actor).order_by("position", "id"))
    if not Creatorship.objects.filter(work=work, pseud=pseud).exists() and mine:
        first = mine.pop(0)
        first.pseud = pseud
        first.save(update_fields=["pseud"])
    for creatorship in mine:
        creatorship.delete()


@transaction.atomic
def works_delete_or_uncredit(*, actor: User, work_ids: Sequence[int]) -> Released:
    """Delete the actor's works; on a work other accounts are credited on, remove only the actor's credit."""
    released = Released()
    orphan = User.objects.filter(username=ORPHAN_USERNAME, is_system=True).first()
    uncredited = []
    for work in _own_works(actor=actor, work_ids=work_ids):
        if _others_credited(work.pk, actor=actor, orphan=orphan):
            _uncredit(work, actor=actor)
            uncredited.append(work.pk)
        else:
            # Deleted here rather than by ``work_delete``: a credit the orphan account holds (a co-creator who
            # left before) does not keep the last person credited from deleting it.
            work_id = work.pk
            work.delete()
            events.work_deleted.announce(work_id=work_id)
            released.deleted += 1
    released.uncredited = len(uncredited)
    _revise(uncredited)
    return released


@transaction.atomic
def works_orphan(*, actor: User, work_ids: Sequence[int], keep_pseud_name: bool) -> Released:
    """Credit the actor's works to the orphan account, under its own pseud or (``keep_pseud_name``) under a
    pseud of the same name as the actor's; a work other accounts share keeps them and only loses the actor.

    Keeping a name moves the actor's pseud itself to the orphan account, so every work still credited to that
    pseud must be in ``work_ids``: the caller orphans or deletes the others first. Drafts cannot be orphaned
    (nobody could ever read or post them)."""
    orphan = orphan_account_get()
    released = Released()
    works = _own_works(actor=actor, work_ids=work_ids)
    if any(not w.posted for w in works):
        raise ValidationError("A draft cannot be orphaned: nobody could read it. Delete it, or post it first.")
    changed, orphaned, moving = [], [], set()
    for work in works:
        changed.append(work.pk)
        if _others_credited(work.pk, actor=actor, orphan=orphan):
            _uncredit(work, actor=actor)
            released.uncredited += 1
            continue
        if keep_pseud_name:
            moving.update(Creatorship.objects.filter(work=work, pseud__user=actor).values_list("pseud_id", flat=True))
        else:
            _credit(work, actor=actor, pseud=orphan.default_pseud)
        orphaned.append(work.pk)
    released.orphaned = len(orphaned)
    Work.objects.filter(pk__in=orphaned).update(owner=orphan)
    for pseud in Pseud.objects.filter(pk__in=moving).order_by("pk"):
        if Creatorship.objects.filter(pseud=pseud).exclude(work_id__in=changed).exists():
            raise ValidationError(f"Other works are still credited to “{pseud.name}”: hand them over first.")
        pseud.user = orphan
        pseud.is_default = False
        pseud.description = ""
        pseud.save(update_fields=["user", "is_default", "description"])
    _revise(changed)
    return released


@dataclass
class SeriesReleased:
    orphaned: int = 0
    deleted: int = 0


@transaction.atomic
def series_release(*, actor: User) -> SeriesReleased:
    """The actor's series once their works are handed over: the actor's pseuds leave them (ownership passes to
    a creator who stays); one left with no creator is credited to the orphan account when works remain in it,
    deleted when none do. A pseud that moved to the orphan account (a kept name) stays on its series."""
    released = SeriesReleased()
    for series in Series.objects.filter(creators__user=actor).distinct().order_by("pk"):
        series.creators.remove(*Pseud.objects.filter(user=actor))
        remaining = series.creators.order_by("pk").first()
        if remaining is not None:  # others stay credited: it is theirs now
            if series.owner_id == actor.pk:
                Series.objects.filter(pk=series.pk).update(owner=remaining.user_id)
            continue
        if series.parts.exists():
            orphan = orphan_account_get()
            series.creators.add(orphan.default_pseud)
            Series.objects.filter(pk=series.pk).update(owner=orphan)
            released.orphaned += 1
        else:
            series.delete()
            released.deleted += 1
    return released


@transaction.atomic
def creator_invitations_withdraw(*, actor: User) -> int:
    """Before the actor leaves: the co-creator invitations it sent and has not had answered are withdrawn (nobody
    is asked to share a credit with an account that is gone), and every invitation to its pseuds goes (a pseud
    that moves to the orphan account must not take them along). Answers how many went."""
    sent = CreatorInvitation.objects.filter(invited_by=actor, state=InvitationState.PENDING)
    deleted, _ = sent.delete()
    received, _ = CreatorInvitation.objects.filter(pseud__user=actor).delete()
    return deleted + received


def external_creators_hand_over(*, actor: User) -> int:
    """The external creators ``actor`` archived pass to the orphan account, so their names, the works still
    credited to them and their claim invitations outlive the archivist's account (moderators may still send
    claims). Answers how many passed."""
    if not ExternalCreator.objects.filter(archivist=actor).exists():
        return 0
    return ExternalCreator.objects.filter(archivist=actor).update(archivist=orphan_account_get())
