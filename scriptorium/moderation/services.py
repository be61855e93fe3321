"""Writes for reports, cases and moderators' actions.

Each service checks first (the moderator role, then input), then acts inside one transaction that also writes
the audit log line, so an action is either done and logged or not done at all. Something deleted meanwhile
answers a clear ``ValidationError`` and nothing changes.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from scriptorium.accounts.models import User
from scriptorium.accounts.moderators import is_moderator
from scriptorium.accounts.services import account_ban, account_suspend
from scriptorium.interactions.models import Comment
from scriptorium.interactions.ratelimit import RateLimited, rate_limit_hit
from scriptorium.interactions.services import comment_hidden_set
from scriptorium.moderation import events
from scriptorium.moderation.inputs import ReportInput
from scriptorium.moderation.models import (
    ACTIVE_STATES,
    Action,
    ActionKind,
    Appeal,
    Case,
    CaseState,
    Category,
    Note,
    Report,
    TargetKind,
)
from scriptorium.moderation.models.action import APPEAL_MAX, NOTE_MAX
from scriptorium.moderation.targets import target_find
from scriptorium.works.models import Work
from scriptorium.works.selectors import creator_user_ids
from scriptorium.works.services import work_hidden_set

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    Actor = User | AnonymousUser

#: The longest suspension a moderator may give (longer is a ban).
SUSPENSION_DAYS_MAX = 365
REASON_MAX = 2000


def _check_moderator(actor: Actor) -> None:
    if not is_moderator(actor):
        raise PermissionDenied("Only moderators can do this.")


def _check_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ["Say why: the audit log keeps it, and the people concerned are told."]})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": [f"Keep the reason under {REASON_MAX:,} characters."]})
    return reason


def _log(
    *,
    actor: User,
    kind: str,
    case: Case | None,
    target_kind: str,
    target_id: int,
    target_label: str,
    reason: str,
    detail: str = "",
    subjects: list[int] = (),
) -> Action:
    action = Action.objects.create(
        moderator=actor,
        moderator_name=actor.username,
        kind=kind,
        case=case,
        target_kind=target_kind,
        target_id=target_id,
        target_label=target_label[:300],
        reason=reason,
        detail=detail[:300],
    )
    if subjects:
        action.subjects.set([s for s in dict.fromkeys(subjects) if s is not None and s != actor.pk])
    if action.told:
        events.action_taken.announce(action_id=action.pk)
    return action


# --- Reports ------------------------------------------------------------------------------------------------


def report_create(*, actor: Actor, kind: str, target_id: int, data: ReportInput, origin: str = "") -> Report:
    """Report something the actor can see. ``origin``: a guest's hashed address (the rate limit's key).

    Something missing, deleted or not visible to the actor raises ``targets.TargetGone`` (a 404) and nothing is
    saved. A report joins the open case about the same thing, or opens one.
    """
    target = target_find(actor, kind, target_id)
    guest = not actor.is_authenticated
    data.validate(guest=guest)
    try:
        if guest:
            rate_limit_hit("report_guest", origin or "unknown")
        else:
            rate_limit_hit("report_account", str(actor.pk))
    except RateLimited as exc:
        minutes = max(1, round(exc.retry_after / 60))
        raise ValidationError(
            f"You have sent several reports in a short time: please wait about {minutes} minute"
            f"{'s' if minutes != 1 else ''} before sending another.",
            code="rate_limited",
        ) from None
    with transaction.atomic():
        case = (
            Case.objects.select_for_update()
            .filter(target_kind=target.kind, target_id=target.id, state__in=ACTIVE_STATES)
            .order_by("id")
            .first()
        )
        if case is None:
            case = Case.objects.create(
                target_kind=target.kind,
                target_id=target.id,
                target_label=target.label,
                target_url=target.url,
                work_id=target.work_id,
            )
        else:
            case.save(update_fields=["updated_at"])
        report = Report.objects.create(
            case=case,
            category=data.category,
            description=data.description.strip(),
            link=data.link.strip(),
            reporter=actor if not guest else None,
            email=data.email.strip() if guest else "",
            wants_outcome=data.wants_outcome,
        )
    return report


#: The description of the report the spam check files about a work it hid (the reasons are the work's).
SPAM_CHECK_REPORT = "Filed by the archive's spam check, which hid this work pending review. {reason}"


def work_spam_case_open(*, work_id: int) -> Report | None:
    """A work the spam check hid (``works.work_flagged_as_spam``) is put before the moderators: a spam report
    from the archive itself, joining the open case about the work or opening one. Nothing when the work is gone
    or no longer hidden as spam (a moderator was quicker)."""
    with transaction.atomic():
        work = Work.objects.filter(pk=work_id, hidden=True, hidden_as_spam=True).first()
        if work is None:
            return None
        case = (
            Case.objects.select_for_update()
            .filter(target_kind=TargetKind.WORK, target_id=work.pk, state__in=ACTIVE_STATES)
            .order_by("id")
            .first()
        )
        if case is None:
            case = Case.objects.create(
                target_kind=TargetKind.WORK,
                target_id=work.pk,
                target_label=f"“{work.title}”"[:300],
                target_url=work.get_absolute_url(),
                work_id=work.pk,
            )
        else:
            case.save(update_fields=["updated_at"])
        return Report.objects.create(
            case=case,
            category=Category.SPAM,
            description=SPAM_CHECK_REPORT.format(reason=work.hidden_reason)[:5000],
        )


# --- Cases --------------------------------------------------------------------------------------------------


def _case_locked(case_id: int) -> Case:
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise ValidationError("This case no longer exists.", code="gone")
    return case


def case_assign(*, actor: Actor, case_id: int, assignee_id: int | None) -> Case:
    """Give a case to a moderator (or take it back to the open queue: ``assignee_id`` None)."""
    _check_moderator(actor)
    assignee = None
    if assignee_id is not None:
        assignee = User.objects.filter(pk=assignee_id, is_active=True).first()
        if assignee is None or not is_moderator(assignee):
            raise ValidationError({"assignee": ["Cases can only be assigned to a moderator."]})
    with transaction.atomic():
        case = _case_locked(case_id)
        if not case.is_active:
            raise ValidationError("This case is closed: reopen it first.", code="closed")
        case.assignee = assignee
        case.state = CaseState.ASSIGNED if assignee else CaseState.OPEN
        case.save(update_fields=["assignee", "state", "updated_at"])
        _log(
            actor=actor,
            kind=ActionKind.CASE_ASSIGN,
            case=case,
            target_kind=case.target_kind,
            target_id=case.target_id,
            target_label=case.target_label,
            reason="",
            detail=f"to {assignee.username}" if assignee else "back to the open queue",
        )
    return case


def case_note_add(*, actor: Actor, case_id: int, text: str) -> Note:
    """An internal note on a case (moderators only ever see it)."""
    _check_moderator(actor)
    text = text.strip()
    if not text:
        raise ValidationError({"text": ["A note needs some text."]})
    if len(text) > NOTE_MAX:
        raise ValidationError({"text": [f"Keep notes under {NOTE_MAX:,} characters."]})
    with transaction.atomic():
        case = _case_locked(case_id)
        return Note.objects.create(case=case, author=actor, author_name=actor.username, text=text)


def case_close(*, actor: Actor, case_id: int, state: str, outcome: str) -> Case:
    """Resolve or dismiss a case, saying what was decided (reporters who asked are told)."""
    _check_moderator(actor)
    if state not in (CaseState.RESOLVED, CaseState.DISMISSED):
        raise ValidationError({"state": ["A case is closed as resolved or dismissed."]})
    outcome = outcome.strip()
    if not outcome:
        raise ValidationError({"outcome": ["Say what was decided: reporters who asked are told."]})
    with transaction.atomic():
        case = _case_locked(case_id)
        if not case.is_active:
            raise ValidationError("This case is already closed.", code="closed")
        case.state = state
        case.outcome = outcome[:REASON_MAX]
        case.closed_at = timezone.now()
        case.save(update_fields=["state", "outcome", "closed_at", "updated_at"])
        kind = ActionKind.CASE_RESOLVE if state == CaseState.RESOLVED else ActionKind.CASE_DISMISS
        _log(
            actor=actor,
            kind=kind,
            case=case,
            target_kind=case.target_kind,
            target_id=case.target_id,
            target_label=case.target_label,
            reason=case.outcome,
        )
        events.case_closed.announce(case_id=case.pk)
    return case


def case_reopen(*, actor: Actor, case_id: int, reason: str) -> Case:
    _check_moderator(actor)
    reason = _check_reason(reason)
    with transaction.atomic():
        case = _case_locked(case_id)
        if case.is_active:
            raise ValidationError("This case is still open.", code="open")
        case.state = CaseState.ASSIGNED if case.assignee_id else CaseState.OPEN
        case.closed_at = None
        case.save(update_fields=["state", "closed_at", "updated_at"])
        _log(
            actor=actor,
            kind=ActionKind.CASE_REOPEN,
            case=case,
            target_kind=case.target_kind,
            target_id=case.target_id,
            target_label=case.target_label,
            reason=reason,
        )
    return case


# --- Actions on works, comments and accounts ---------------------------------------------------------------

WORK_ACTIONS = {
    "hide": ActionKind.WORK_HIDE,
    "spam": ActionKind.WORK_SPAM,
    "unhide": ActionKind.WORK_UNHIDE,
}
COMMENT_ACTIONS = {
    "hide": ActionKind.COMMENT_HIDE,
    "spam": ActionKind.COMMENT_SPAM,
    "delete": ActionKind.COMMENT_DELETE,
    "unhide": ActionKind.COMMENT_UNHIDE,
}
GONE = "{what} has been deleted: nothing was done."


def work_moderate(*, actor: Actor, case_id: int, work_id: int, action: str, reason: str) -> Action:
    """Hide a work, mark it as spam (which hides it), or show it again. Its creators are told why."""
    _check_moderator(actor)
    if action not in WORK_ACTIONS:
        raise ValidationError({"action": ["Choose hide, spam or unhide."]})
    reason = _check_reason(reason)
    with transaction.atomic():
        case = _case_locked(case_id)
        current = Work.objects.filter(pk=work_id).values_list("hidden", flat=True).first()
        if current is None:
            raise ValidationError(GONE.format(what="This work"), code="gone")
        if action == "unhide" and not current:
            raise ValidationError("This work is not hidden.", code="not_hidden")
        try:
            work = work_hidden_set(
                actor=actor, work_id=work_id, hidden=action != "unhide", reason=reason, spam=action == "spam"
            )
        except Work.DoesNotExist:
            raise ValidationError(GONE.format(what="This work"), code="gone") from None
        return _log(
            actor=actor,
            kind=WORK_ACTIONS[action],
            case=case,
            target_kind=TargetKind.WORK,
            target_id=work.pk,
            target_label=f"“{work.title}”",
            reason=reason,
            subjects=creator_user_ids(work),
        )


def comment_moderate(*, actor: Actor, case_id: int, comment_id: int, action: str, reason: str) -> Action:
    """Hide a comment (a placeholder stays; it can be shown again), mark it as spam (hidden), delete it for good,
    or show a hidden one again. Its author, when an account, is told why."""
    _check_moderator(actor)
    if action not in COMMENT_ACTIONS:
        raise ValidationError({"action": ["Choose hide, spam, delete or unhide."]})
    reason = _check_reason(reason)
    with transaction.atomic():
        case = _case_locked(case_id)
        try:
            comment = comment_hidden_set(
                actor=actor, comment_id=comment_id, hidden=action != "unhide", erase=action == "delete"
            )
        except Comment.DoesNotExist:
            raise ValidationError(GONE.format(what="This comment"), code="gone") from None
        work_title = Work.objects.filter(pk=comment.work_id).values_list("title", flat=True).first() or ""
        return _log(
            actor=actor,
            kind=COMMENT_ACTIONS[action],
            case=case,
            target_kind=TargetKind.COMMENT,
            target_id=comment.pk,
            target_label=f"A comment by {comment.author_name} on “{work_title}”",
            reason=reason,
            subjects=[comment.user_id],
        )


def account_moderate(
    *, actor: Actor, case_id: int, user_id: int, action: str, reason: str, days: int | None = None
) -> Action:
    """Suspend an account for ``days`` days, lift a suspension, or ban it. The account is told why."""
    _check_moderator(actor)
    if action not in ("suspend", "unsuspend", "ban"):
        raise ValidationError({"action": ["Choose suspend, unsuspend or ban."]})
    reason = _check_reason(reason)
    until: datetime.datetime | None = None
    if action == "suspend":
        if days is None or not 1 <= days <= SUSPENSION_DAYS_MAX:
            raise ValidationError({"days": [f"A suspension lasts from 1 to {SUSPENSION_DAYS_MAX} days."]})
        until = timezone.now() + datetime.timedelta(days=days)
    with transaction.atomic():
        case = _case_locked(case_id)
        try:
            if action == "ban":
                user = account_ban(actor=actor, user_id=user_id, reason=reason)
            else:
                user = account_suspend(actor=actor, user_id=user_id, until=until, reason=reason)
        except User.DoesNotExist:
            raise ValidationError(GONE.format(what="This account"), code="gone") from None
        kind = {
            "suspend": ActionKind.ACCOUNT_SUSPEND,
            "unsuspend": ActionKind.ACCOUNT_UNSUSPEND,
            "ban": ActionKind.ACCOUNT_BAN,
        }[action]
        detail = f"until {timezone.localtime(until):%Y-%m-%d %H:%M}" if until else ""
        return _log(
            actor=actor,
            kind=kind,
            case=case,
            target_kind=TargetKind.USER,
            target_id=user.pk,
            target_label=f"The account {user.username}",
            reason=reason,
            detail=detail,
            subjects=[user.pk],
        )


def moderator_add(*, actor: Actor | None, user: User) -> User:
    """Put an account in the Moderators group (``actor`` None: the command line, which the admin runs)."""
    from scriptorium.accounts.moderators import moderators_group

    if actor is not None and not actor.is_superuser:
        raise PermissionDenied("Only admins can make moderators.")
    user.groups.add(moderators_group())
    return user


# --- Appeals ------------------------------------------------------------------------------------------------


def appeal_create(*, actor: Actor, action_id: int, text: str) -> Appeal:
    """The one answer an account told of an action may give (the moderators see it on the case)."""
    if not actor.is_authenticated:
        raise PermissionDenied("Log in to answer.")
    action = Action.objects.filter(pk=action_id, subjects=actor).first()
    if action is None or not action.told:
        raise ValidationError("There is no decision to answer here.", code="gone")
    text = text.strip()
    if not text:
        raise ValidationError({"text": ["Write your answer."]})
    if len(text) > APPEAL_MAX:
        raise ValidationError({"text": [f"Keep your answer under {APPEAL_MAX:,} characters."]})
    if Appeal.objects.filter(action=action).exists():
        raise ValidationError("You have already answered this decision: each can be answered once.", code="twice")
    try:
        with transaction.atomic():
            return Appeal.objects.create(action=action, author=actor, author_name=actor.username, text=text)
    except IntegrityError:
        raise ValidationError(
            "You have already answered this decision: each can be answered once.", code="twice"
        ) from None
