"""Telling an account that another writer named one of its pseuds as co-creator: an inbox entry leading to the
invitations page, and an email (text and HTML, through ``core.mail``). The task calls this with the invitation's
id once ``creator_invited`` committed; an invitation answered or withdrawn meanwhile tells nobody."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from scriptorium.core.mail import base_url, message_send
from scriptorium.notifications.models import Notification, NotificationKind
from scriptorium.works.models import CreatorInvitation, InvitationState

REASON_MAX = 300


def _entry_link(invitation_id: int) -> str:
    """The invitee's inbox entry leads to the invitation on the invitations page (and so names it)."""
    return f"{reverse('cocreators:invitations')}#invitation-{invitation_id}"


def invitation_notify(*, invitation_id: int) -> int:
    """Tell the invited account (inbox and email); answers how many were told (0 or 1)."""
    invitation = (
        CreatorInvitation.objects.select_related("pseud__user", "work", "series", "invited_by")
        .filter(pk=invitation_id, state=InvitationState.PENDING)
        .first()
    )
    if invitation is None:
        return 0
    invitee = invitation.pseud.user
    if not invitee.is_active:
        return 0
    inviter = invitation.invited_by.username if invitation.invited_by else "Another writer"
    what = "work" if invitation.work_id else "series"
    title = invitation.target.title
    reason = (
        f"{inviter} invited your pseud {invitation.pseud.name} to be credited as a co-creator of the {what} "
        f"“{title}”: accept or decline."
    )
    link = _entry_link(invitation.pk)
    Notification.objects.create(
        recipient=invitee,
        kind=NotificationKind.CO_CREATOR,
        actor=invitation.invited_by,
        actor_name=inviter,
        work=invitation.work,
        reason=Truncator(reason).chars(REASON_MAX),
        link=link,
        updated_at=timezone.now(),
    )
    message_send(
        to=invitee.email,
        template="notifications/email/co_creator_invitation",
        context={
            "inviter": inviter,
            "pseud": invitation.pseud.name,
            "what": what,
            "title": title,
            "url": f"{base_url()}{reverse('cocreators:invitations')}",
        },
    )
    return 1


def answer_notify(*, invitation_id: int) -> int:
    """Once an invitation is answered: the invitee's inbox entry about it is marked read (it asks nothing more),
    and the account that invited hears the answer in its inbox. Answers how many accounts were told (0 or 1)."""
    invitation = (
        CreatorInvitation.objects.select_related("pseud__user", "work", "series", "invited_by")
        .filter(pk=invitation_id)
        .exclude(state=InvitationState.PENDING)
        .first()
    )
    if invitation is None:
        return 0
    now = timezone.now()
    Notification.objects.filter(
        recipient_id=invitation.pseud.user_id,
        kind=NotificationKind.CO_CREATOR,
        link=_entry_link(invitation.pk),
        read_at__isnull=True,
    ).update(read_at=now)
    inviter = invitation.invited_by
    if inviter is None or not inviter.is_active or inviter.pk == invitation.pseud.user_id:
        return 0
    accepted = invitation.state == InvitationState.ACCEPTED
    what = "work" if invitation.work_id else "series"
    answer = "accepted" if accepted else "declined"
    reason = (
        f"{invitation.pseud.name} {answer} your invitation to be credited on the {what} “{invitation.target.title}”."
    )
    if invitation.work_id:
        link = reverse("works:creators", kwargs={"work_id": invitation.work_id})
    else:
        link = reverse("series:creators", kwargs={"series_id": invitation.series_id})
    Notification.objects.create(
        recipient=inviter,
        kind=NotificationKind.CO_CREATOR,
        actor=invitation.pseud.user,
        actor_name=invitation.pseud.name,
        work=invitation.work,
        reason=Truncator(reason).chars(REASON_MAX),
        link=link,
        updated_at=now,
    )
    return 1
