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
    link = reverse("cocreators:invitations")
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
            "url": f"{base_url()}{link}",
        },
    )
    return 1
