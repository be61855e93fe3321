"""Reads for claims: an invitation by its token, the works it is about, an archivist's external creators."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet

from scriptorium.accounts.models import Pseud, User
from scriptorium.claims import tokens
from scriptorium.claims.models import ClaimInvitation, ClaimState
from scriptorium.works.models import ExternalCreator, Work

#: The kind of sign-up pass a claim link gives (``invitations.signup``): the invitation's id, while it is pending.
SIGNUP_PASS_KIND = "claim"  # noqa: S105 (a name, no secret)


def claim_pending_exists(invitation_id: str) -> bool:
    return (
        invitation_id.isdigit()
        and ClaimInvitation.objects.filter(pk=int(invitation_id), state=ClaimState.PENDING).exists()
    )


def claim_by_token(token: str) -> ClaimInvitation | None:
    """The invitation the token opens (in any state), or None for a token that opens none."""
    parts = tokens.token_split(token)
    if parts is None:
        tokens.verifier_matches(None, "")
        return None
    selector, verifier = parts
    invitation = (
        ClaimInvitation.objects.select_related("external_creator__archivist", "external_creator__claimed_by__user")
        .filter(selector=selector)
        .first()
    )
    if not tokens.verifier_matches(invitation.verifier_hash if invitation else None, verifier):
        return None
    return invitation


@dataclass(frozen=True)
class ClaimWork:
    work: Work
    #: Whether the viewer may open the work's page (a draft or a hidden one shows its title only).
    openable: bool


def claim_works(invitation: ClaimInvitation, viewer: User | AnonymousUser) -> list[ClaimWork]:
    """The works credited to the invitation's external creator, by title, with whether ``viewer`` may open each."""
    works = list(
        Work.objects.filter(external_creatorships__external_creator_id=invitation.external_creator_id)
        .order_by("title", "pk")
        .distinct()
    )
    openable = set(Work.objects.visible_to(viewer).filter(pk__in=[w.pk for w in works]).values_list("pk", flat=True))
    return [ClaimWork(work=w, openable=w.pk in openable) for w in works]


def work_titles(external_creator: ExternalCreator) -> list[str]:
    return list(
        Work.objects.filter(external_creatorships__external_creator=external_creator)
        .order_by("title", "pk")
        .values_list("title", flat=True)
    )


def pseuds_of(user: User) -> QuerySet[Pseud]:
    return Pseud.objects.filter(user=user).order_by("-is_default", "name")


@dataclass(frozen=True)
class ArchivedCreator:
    creator: ExternalCreator
    work_count: int
    #: The newest invitation (None when none was sent).
    invitation: ClaimInvitation | None

    @property
    def status(self) -> str:
        creator, invitation = self.creator, self.invitation
        if creator.is_claimed:
            return "Claimed"
        if creator.removal_requested_at:
            return "Removal requested"
        if invitation is None:
            return "Not invited" if creator.email else "No email address"
        if invitation.state == ClaimState.PENDING:
            return "Invited, no answer yet"
        return invitation.get_state_display()


def archived_creators_of(user: User) -> QuerySet[ExternalCreator]:
    """The external creators ``user`` archived works for, by name, with their work counts."""
    return (
        ExternalCreator.objects.filter(archivist=user)
        .select_related("claimed_by__user")
        .annotate(work_count=Count("creatorships", distinct=True))
        .order_by("name", "pk")
    )


def archived_creators_page(creators: list[ExternalCreator]) -> list[ArchivedCreator]:
    """The rows of the archivist's page for these creators (one query for their newest invitations)."""
    newest: dict[int, ClaimInvitation] = {}
    for invitation in ClaimInvitation.objects.filter(external_creator__in=creators).order_by("sent_at", "pk"):
        newest[invitation.external_creator_id] = invitation
    return [ArchivedCreator(creator=c, work_count=c.work_count, invitation=newest.get(c.pk)) for c in creators]


def external_creators_named(*, archivist: User | None, names: list[str]) -> tuple[list[ExternalCreator], list[str]]:
    """The external creators of these names (case-insensitive; of ``archivist`` when given), and the names that
    matched none."""
    found: list[ExternalCreator] = []
    missing: list[str] = []
    for name in names:
        qs = ExternalCreator.objects.filter(name__iexact=" ".join(name.split()))
        if archivist is not None:
            qs = qs.filter(archivist=archivist)
        matched = list(qs.order_by("pk"))
        if matched:
            found.extend(c for c in matched if c not in found)
        else:
            missing.append(name)
    return found, missing


def external_creators_unanswered(*, archivist: User | None, again: bool = False) -> list[ExternalCreator]:
    """Every unclaimed external creator (of ``archivist`` when given) whose author has not answered; without
    ``again``, those with a pending invitation are left out (they were sent one)."""
    qs = ExternalCreator.objects.filter(claimed_by__isnull=True, removal_requested_at__isnull=True)
    if archivist is not None:
        qs = qs.filter(archivist=archivist)
    qs = qs.exclude(claim_invitations__state=ClaimState.DECLINED)
    if not again:
        qs = qs.exclude(claim_invitations__state=ClaimState.PENDING)
    return list(qs.order_by("archivist_id", "name", "pk").distinct())


def archived_creators_by_ids(*, archivist: User, ids: list[int]) -> list[ExternalCreator]:
    return list(ExternalCreator.objects.filter(archivist=archivist, pk__in=ids).order_by("name", "pk"))
