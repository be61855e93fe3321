"""Deleting an account: the one write of this app.

``account_delete`` checks the password (and the second factor, when the account has one) and the choice made
for each work, then in one transaction hands the works over (``works.orphaning``), keeps the account's comments
as from "a deleted account", ends its sessions, writes the audit line and deletes the account row, whose
cascade takes the rest (bookmarks, reading history, subscriptions, saved searches, excluded tags, kudos, blocks
and mutes, notifications, import files, data exports, former usernames, email addresses, authenticators); the
addresses the invitation queue and codes kept are removed. Anything refused changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from scriptorium.accounts.models import FormerUsername, User
from scriptorium.core.ratelimit import RateLimited, rate_limit_hit
from scriptorium.interactions.models import Comment
from scriptorium.invitations.models import Invitation, InvitationRequest
from scriptorium.leaving import events
from scriptorium.leaving.inputs import WorkChoice
from scriptorium.leaving.models import AccountDeletion
from scriptorium.leaving.reference import account_reference
from scriptorium.leaving.selectors import has_second_factor, works_to_hand_over
from scriptorium.notifications.models import Notification, NotificationKind
from scriptorium.works.orphaning import (
    Released,
    creator_invitations_withdraw,
    external_creators_hand_over,
    series_release,
    works_delete_or_uncredit,
    works_orphan,
)

#: How the archive names an account that deleted itself (``interactions.Comment.author_name`` says the same).
DELETED_NAME = "A deleted account"

#: The throttle scope (``core.ratelimit``): every attempt counts, so wrong passwords and codes run it out.
THROTTLE_SCOPE = "account_delete"


def _throttle(actor: User) -> None:
    try:
        rate_limit_hit(THROTTLE_SCOPE, str(actor.pk))
    except RateLimited as exc:
        minutes = max(1, math.ceil(exc.retry_after / 60))
        raise ValidationError(
            f"Too many attempts. Please try again in {minutes} minute{'s' if minutes != 1 else ''}; nothing was "
            "deleted.",
            code="throttled",
        ) from None


def _second_factor_check(actor: User, code: str) -> bool:
    """Validate ``code`` with allauth's own authenticators (a TOTP code, or an unused recovery code, which is
    then used up). Answers whether it was right."""
    from allauth.mfa.models import Authenticator

    code = code.strip()
    if not code:
        return False
    for authenticator in Authenticator.objects.filter(user=actor).exclude(type=Authenticator.Type.WEBAUTHN):
        if authenticator.wrap().validate_code(code):
            return True
    return False


def _plan(actor: User, choices: Mapping[int, str]) -> dict[str, list[int]]:
    """Sort the account's works by what happens to them. Each posted work of the account's alone needs a valid
    choice; a draft is deleted (nobody could read it orphaned) and a work shared with other accounts loses only
    this account's credit, whatever was chosen."""
    rows = works_to_hand_over(actor)
    ids = {row.work.pk for row in rows}
    if set(choices) - ids:
        raise ValidationError({"works": ["Some of the works chosen are not yours, or no longer exist."]})
    plan: dict[str, list[int]] = {WorkChoice.DELETE: [], WorkChoice.ORPHAN: [], WorkChoice.ORPHAN_KEEP_NAME: []}
    missing = []
    for row in rows:
        choice = choices.get(row.work.pk)
        if row.draft or row.shared:
            if row.draft and not row.shared and choice not in (None, WorkChoice.DELETE):
                raise ValidationError({"works": [f"“{row.work.title}” is a draft: it can only be deleted."]})
            plan[WorkChoice.DELETE].append(row.work.pk)  # deleted, or only uncredited when shared
        elif choice in WorkChoice.values:
            plan[WorkChoice(choice)].append(row.work.pk)
        else:
            missing.append(row.work.title)
    if missing:
        titles = ", ".join(f"“{t}”" for t in missing)
        raise ValidationError({"works": [f"Choose what happens to each work: {titles}."]})
    return plan


def account_delete(*, actor: User, password: str, code: str = "", choices: Mapping[int, str]) -> AccountDeletion:
    """Delete ``actor``'s own account after checking its password (and second factor), each work deleted or
    orphaned as ``choices`` says ({work id: WorkChoice}). Answers the audit line."""
    if not actor.is_authenticated or actor.is_system:
        raise PermissionDenied("Only an account's owner can delete it.")
    _throttle(actor)
    if not password or not actor.check_password(password):
        raise ValidationError({"password": ["That is not your password. Nothing was deleted."]})
    two_factor = has_second_factor(actor)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        plan = _plan(user, choices)
        # A recovery code is used up inside this transaction: refused later, it stays unused.
        if two_factor and not _second_factor_check(user, code):
            raise ValidationError(
                {"code": ["That code is not right: type the code your app shows now, or an unused recovery code."]}
            )
        creator_invitations_withdraw(actor=user)
        released = Released()
        for part in (
            works_delete_or_uncredit(actor=user, work_ids=plan[WorkChoice.DELETE]),
            works_orphan(actor=user, work_ids=plan[WorkChoice.ORPHAN], keep_pseud_name=False),
            works_orphan(actor=user, work_ids=plan[WorkChoice.ORPHAN_KEEP_NAME], keep_pseud_name=True),
        ):
            released.orphaned += part.orphaned
            released.deleted += part.deleted
            released.uncredited += part.uncredited
        series = series_release(actor=user)
        external_creators_hand_over(actor=user)
        # Comments stay, from "a deleted account": no account, no pseud (a pseud kept by an orphaned work
        # must not name them).
        comments_kept = Comment.objects.filter(user=user).update(user=None, pseud=None)
        _invitation_traces_remove(user)
        _inbox_names_remove(user)
        _sessions_end(user)
        deletion = AccountDeletion.objects.create(
            reference=account_reference(user.pk),
            works_orphaned=released.orphaned,
            works_deleted=released.deleted,
            credits_removed=released.uncredited,
            series_orphaned=series.orphaned,
            series_deleted=series.deleted,
            comments_kept=comments_kept,
            had_two_factor=two_factor,
        )
        user_id = user.pk
        user.delete()
        events.account_deleted.announce(deletion_id=deletion.pk, user_id=user_id)
    return deletion


def _inbox_names_remove(user: User) -> None:
    """Other accounts' inboxes stop naming the account: a comment or reply from it reads as from "a deleted
    account" (like the comment itself), its name leaves the day's kudos summaries (still counted), and its
    co-creator invitations, withdrawn, leave no entry pointing at them."""
    Notification.objects.filter(actor=user, kind=NotificationKind.CO_CREATOR).delete()
    Notification.objects.filter(actor=user).update(actor_name=DELETED_NAME)
    own = {user.username, *FormerUsername.objects.filter(user=user).values_list("username", flat=True)}
    for username in own:
        kudos = Notification.objects.filter(kind=NotificationKind.KUDOS, account_names__icontains=username)
        for entry in kudos.only("pk", "account_names"):
            names = [name for name in entry.account_names if name not in own]
            if names != entry.account_names:
                Notification.objects.filter(pk=entry.pk).update(account_names=names)


def _invitation_traces_remove(user: User) -> None:
    """The invitations app keeps rows that outlive an account without naming it by key: the addresses it asked
    for an invitation with and was sent its code at go, and so do the codes it was given and never sent (a
    code sent to someone stays theirs to use)."""
    from allauth.account.models import EmailAddress

    addresses = {a.lower() for a in EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    addresses = {a for a in addresses | {user.email.lower()} if a}
    InvitationRequest.objects.filter(email__in=addresses).delete()
    Invitation.objects.filter(Q(redeemed_by=user) | Q(sent_to__in=addresses)).update(sent_to="")
    Invitation.objects.filter(creator=user, redeemed_at__isnull=True, sent_to="").delete()


def _sessions_end(user: User) -> None:
    """Log the account out everywhere (allauth's session list knows where it is logged in)."""
    from allauth.usersessions.models import UserSession

    for session in UserSession.objects.filter(user=user):
        session.end()
