"""Telling people what the moderators did: the accounts an action concerns (inbox and email, straight away,
not in the digest: they may want to answer) and the reporters who asked for the outcome of their report (an
account in its inbox, a guest by email). The tasks call these with ids once the moderation event committed."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from scriptorium.core.mail import message_send
from scriptorium.moderation.models import ActionKind, CaseState, TargetKind
from scriptorium.moderation.selectors import action_with_subjects, reporters_to_tell
from scriptorium.notifications.models import Notification, NotificationKind

REASON_FIELD_MAX = 300

_TOLD = {
    ActionKind.WORK_HIDE: "A moderator hid your work {label}",
    ActionKind.WORK_SPAM: "A moderator marked your work {label} as spam and hid it",
    ActionKind.WORK_UNHIDE: "A moderator made your work {label} visible again",
    ActionKind.COMMENT_HIDE: "A moderator hid your comment ({label})",
    ActionKind.COMMENT_SPAM: "A moderator marked your comment ({label}) as spam and hid it",
    ActionKind.COMMENT_DELETE: "A moderator deleted your comment ({label})",
    ActionKind.ACCOUNT_SUSPEND: "A moderator suspended your account {detail}",
    ActionKind.ACCOUNT_BAN: "A moderator banned your account",
}


def action_notify(*, action_id: int) -> int:
    """Tell each account an action concerns what was done and why, with a link to answer it once."""
    found = action_with_subjects(action_id)
    if found is None:
        return 0
    action, subjects = found
    template = _TOLD.get(action.kind)
    if template is None:
        return 0
    label = action.target_label.removeprefix("The account ").removeprefix("A comment by ")
    what = template.format(label=label, detail=action.detail).strip()
    link = reverse("moderation:decision", kwargs={"action_id": action.pk})
    work_id = action.target_id if action.target_kind == TargetKind.WORK else None
    now = timezone.now()
    told = 0
    for user in subjects:
        if user.is_active:
            Notification.objects.create(
                recipient=user,
                kind=NotificationKind.MODERATION,
                work_id=work_id,
                reason=Truncator(f"{what}. Reason: {action.reason}").chars(REASON_FIELD_MAX),
                link=link,
                updated_at=now,
            )
        message_send(
            to=user.email,
            template="notifications/email/moderation_action",
            context={
                "what": what,
                "reason": action.reason,
                "link": link,
                "may_answer": action.kind != ActionKind.WORK_UNHIDE,
            },
        )
        told += 1
    return told


def outcome_notify(*, case_id: int) -> int:
    """Tell the reporters who asked what became of their report."""
    found = reporters_to_tell(case_id)
    if found is None:
        return 0
    case, reports = found
    verdict = "acted on" if case.state == CaseState.RESOLVED else "looked at, and no action was needed"
    link = reverse("moderation:my_reports")
    now = timezone.now()
    told = 0
    for report in reports:
        text = f"Your report {report.reference} about {case.target_label} was {verdict}: {case.outcome}"
        if report.reporter_id:
            if not report.reporter.is_active:
                continue
            Notification.objects.create(
                recipient=report.reporter,
                kind=NotificationKind.MODERATION,
                reason=Truncator(text).chars(REASON_FIELD_MAX),
                link=link,
                updated_at=now,
            )
        else:
            message_send(
                to=report.email,
                template="notifications/email/report_outcome",
                context={"reference": report.reference, "text": text},
            )
        told += 1
    return told
