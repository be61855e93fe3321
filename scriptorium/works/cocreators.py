"""Co-creators by consent: writes for who is credited on a work or series.

Naming one's own pseuds credits them at once; naming another account's pseud sends it an invitation
(``CreatorInvitation``, announced by ``creator_invited``) and credits it only when that account accepts. Any
credited creator may edit and invite; only the owner (the account that created the work or series) may remove
other creators or cancel invitations; a co-creator may remove themselves while someone else stays credited.
Someone who blocked you cannot be invited by you (``core.consent``: the rule lives in interactions).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scriptorium.accounts.models import Pseud, User
from scriptorium.core.consent import invite_refused
from scriptorium.works import events
from scriptorium.works.models import CreatorInvitation, Creatorship, InvitationState, Series, Work
from scriptorium.works.revisions import works_revise

#: What the inviter reads when the invitee will not be asked (never why: a block stays private).
CANNOT_INVITE = "“{name}” cannot be invited."
OWNER_ONLY = "Only the account that created this {what} can remove other creators or cancel invitations."


def _invitable_check(*, actor: User, pseuds: Sequence[Pseud], field: str = "co_creators") -> None:
    refused = [p for p in pseuds if p.user_id != actor.pk and invite_refused(actor.pk, p.user_id)]
    if refused:
        raise ValidationError({field: [CANNOT_INVITE.format(name=p.name) for p in refused]})


def _invite(
    *, actor: User, pseud: Pseud, work: Work | None = None, series: Series | None = None
) -> CreatorInvitation | None:
    """The pending invitation for ``pseud`` (the one already sent, if any: never two), or None when it is
    already credited."""
    target = {"work": work} if work is not None else {"series": series}
    if work is not None and Creatorship.objects.filter(work=work, pseud=pseud).exists():
        return None
    if series is not None and series.creators.filter(pk=pseud.pk).exists():
        return None
    pending = CreatorInvitation.objects.filter(pseud=pseud, state=InvitationState.PENDING, **target).first()
    if pending is not None:
        return pending
    invitation = CreatorInvitation.objects.create(pseud=pseud, invited_by=actor, **target)
    events.creator_invited.announce(invitation_id=invitation.pk)
    return invitation


@transaction.atomic
def work_creator_invite(*, actor: User, work: Work, pseud: Pseud) -> CreatorInvitation | None:
    """Invite ``pseud`` to share the credit for ``work`` (any credited creator may). Answers the pending
    invitation, or None when the pseud is already credited."""
    if not Work.objects.editable_by(actor).filter(pk=work.pk).exists():
        raise PermissionDenied("Only the work's creators can invite co-creators.")
    if pseud.user_id == actor.pk:
        raise ValidationError({"co_creators": ["Your own pseuds are credited from the work's form."]})
    _invitable_check(actor=actor, pseuds=[pseud])
    return _invite(actor=actor, pseud=pseud, work=work)


def work_credits_set(*, actor: User, work: Work, pseuds: Sequence[Pseud], new: bool) -> None:
    """Credit the actor's own pseuds among ``pseuds`` (in that order) and invite the others. On an existing
    work, others' credits and invitations left out of ``pseuds`` are removed, which only the owner may do.
    Runs inside the caller's transaction (``work_create``/``work_update``)."""
    own = [p for p in pseuds if p.user_id == actor.pk]
    others = [p for p in pseuds if p.user_id != actor.pk]
    if new:
        _invitable_check(actor=actor, pseuds=others)
    else:
        asked = CreatorInvitation.objects.filter(work=work, state=InvitationState.PENDING).values("pseud_id")
        known = set(work.creators.values_list("pk", flat=True)) | {row["pseud_id"] for row in asked}
        _invitable_check(actor=actor, pseuds=[p for p in others if p.pk not in known])
    if new:
        Creatorship.objects.bulk_create([Creatorship(work=work, pseud=p, position=i) for i, p in enumerate(own)])
    else:
        current = list(Creatorship.objects.filter(work=work).select_related("pseud").order_by("position", "id"))
        pending = list(CreatorInvitation.objects.filter(work=work, state=InvitationState.PENDING))
        named = {p.pk for p in others}
        dropped = [c for c in current if c.pseud.user_id != actor.pk and c.pseud_id not in named]
        cancelled = [i for i in pending if i.pseud_id not in named]
        if (dropped or cancelled) and work.owner_id != actor.pk:
            raise ValidationError({"co_creators": [OWNER_ONLY.format(what="work")]})
        keep = {p.pk for p in own} | {c.pseud_id for c in current if c.pseud_id in named}
        Creatorship.objects.filter(work=work).exclude(pseud_id__in=keep).delete()
        CreatorInvitation.objects.filter(pk__in=[i.pk for i in cancelled]).delete()
        # The byline keeps its order (whoever edits); newly credited own pseuds come after it.
        order = [c.pseud_id for c in current if c.pseud_id in keep]
        order += [p.pk for p in own if p.pk not in order]
        for i, pseud_id in enumerate(order):
            Creatorship.objects.update_or_create(work=work, pseud_id=pseud_id, defaults={"position": i})
    for pseud in others:
        _invite(actor=actor, pseud=pseud, work=work)


def _pending_for(actor: User, invitation_id: int) -> CreatorInvitation:
    invitation = (
        CreatorInvitation.objects.select_for_update(of=("self",))
        .select_related("pseud", "work", "series")
        .filter(pk=invitation_id, pseud__user=actor)
        .first()
    )
    if invitation is None:
        raise PermissionDenied("That invitation is not yours.")
    if not invitation.pending:
        raise ValidationError(f"You have already answered this invitation ({invitation.get_state_display()}).")
    return invitation


@transaction.atomic
def creator_invitation_accept(*, actor: User, invitation_id: int) -> CreatorInvitation:
    """Accept: the pseud is credited (a work's next place; the work's revision bumped so its pages and
    downloads show the new byline)."""
    invitation = _pending_for(actor, invitation_id)
    if invitation.work_id:
        work = invitation.work
        if not Creatorship.objects.filter(work=work, pseud=invitation.pseud).exists():
            position = (Creatorship.objects.filter(work=work).aggregate(m=Max("position"))["m"] or 0) + 1
            Creatorship.objects.create(work=work, pseud=invitation.pseud, position=position)
        works_revise([work.pk])
    else:
        invitation.series.creators.add(invitation.pseud)
    invitation.state = InvitationState.ACCEPTED
    invitation.decided_at = timezone.now()
    invitation.save(update_fields=["state", "decided_at"])
    events.creator_invitation_answered.announce(invitation_id=invitation.pk, accepted=True)
    return invitation


@transaction.atomic
def creator_invitation_decline(*, actor: User, invitation_id: int) -> CreatorInvitation:
    """Decline: never credited (a later invitation may ask again)."""
    invitation = _pending_for(actor, invitation_id)
    invitation.state = InvitationState.DECLINED
    invitation.decided_at = timezone.now()
    invitation.save(update_fields=["state", "decided_at"])
    events.creator_invitation_answered.announce(invitation_id=invitation.pk, accepted=False)
    return invitation


def _owner_check(*, actor: User, target: Work | Series) -> None:
    if target.owner_id != actor.pk:
        raise PermissionDenied(OWNER_ONLY.format(what="work" if isinstance(target, Work) else "series"))


@transaction.atomic
def creator_invitation_cancel(*, actor: User, target: Work | Series, invitation_id: int) -> None:
    """The owner takes back a pending invitation to ``target``."""
    _owner_check(actor=actor, target=target)
    field = "work" if isinstance(target, Work) else "series"
    found = CreatorInvitation.objects.filter(pk=invitation_id, state=InvitationState.PENDING, **{field: target})
    if not found.delete()[0]:
        raise ValidationError("That invitation has already been answered or cancelled.")


def _removal_check(*, actor: User, target: Work | Series, credited: list[Pseud], pseud: Pseud) -> None:
    what = "work" if isinstance(target, Work) else "series"
    if pseud not in credited:
        raise ValidationError(f"That pseud is not credited on this {what}.")
    if pseud.user_id != actor.pk:
        _owner_check(actor=actor, target=target)
    elif target.owner_id == actor.pk and not any(p.user_id == actor.pk and p != pseud for p in credited):
        raise ValidationError(
            f"You created this {what}, so one of your pseuds stays credited. Remove the other creators first if "
            f"you want to delete it."
        )
    if len(credited) <= 1:
        raise ValidationError(f"A {what} needs at least one creator.")


@transaction.atomic
def work_creator_remove(*, actor: User, work: Work, pseud_id: int) -> None:
    """Take a credit off a work: one's own (a co-creator leaving, while someone else stays credited), or, for
    the owner only, another creator's. The work's revision is bumped (new byline)."""
    if not Work.objects.editable_by(actor).filter(pk=work.pk).exists():
        raise PermissionDenied("Only the work's creators can change its credits.")
    credited = [c.pseud for c in Creatorship.objects.filter(work=work).select_related("pseud")]
    pseud = next((p for p in credited if p.pk == pseud_id), None)
    if pseud is None:
        raise ValidationError("That pseud is not credited on this work.")
    _removal_check(actor=actor, target=work, credited=credited, pseud=pseud)
    Creatorship.objects.filter(work=work, pseud=pseud).delete()
    works_revise([work.pk])


def _series_creator_check(*, actor: User, series: Series) -> None:
    if not series.creators.filter(user=actor).exists():
        raise PermissionDenied("Only the series' creators can change its credits.")


@transaction.atomic
def series_creator_invite(*, actor: User, series: Series, name: str) -> Pseud:
    """Invite the pseud called ``name`` to share the credit for ``series`` (one's own pseud is credited)."""
    _series_creator_check(actor=actor, series=series)
    pseud = Pseud.objects.filter(name__iexact=name.strip()).first() if name.strip() else None
    if pseud is None:
        raise ValidationError({"name": [f"There is no pseud called “{name.strip()}”."]})
    if pseud.user_id == actor.pk:
        series.creators.add(pseud)
        return pseud
    _invitable_check(actor=actor, pseuds=[pseud], field="name")
    _invite(actor=actor, pseud=pseud, series=series)
    return pseud


@transaction.atomic
def series_creator_remove(*, actor: User, series: Series, pseud_id: int) -> None:
    """Take a credit off a series: one's own while someone else stays credited, or (the owner) another's."""
    _series_creator_check(actor=actor, series=series)
    credited = list(series.creators.order_by("pk"))
    pseud = next((p for p in credited if p.pk == pseud_id), None)
    if pseud is None:
        raise ValidationError("That pseud is not credited on this series.")
    _removal_check(actor=actor, target=series, credited=credited, pseud=pseud)
    series.creators.remove(pseud)
