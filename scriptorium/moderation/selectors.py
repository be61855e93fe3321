"""Reads for the moderation pages: the queue, a case with everything about it, the audit log, an account's
decisions and reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from scriptorium.accounts.models import User
from scriptorium.accounts.moderators import is_moderator
from scriptorium.interactions.models import Comment
from scriptorium.moderation.models import Action, Appeal, Case, CaseState, Category, Report, TargetKind
from scriptorium.works.models import Work

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    Viewer = User | AnonymousUser

QUEUE_PER_PAGE = 30
LOG_PER_PAGE = 50
#: The queue's age filter: name → (label, older than, newer than) in days.
AGES = {
    "day": ("Under a day old", None, 1),
    "week": ("Under a week old", None, 7),
    "older": ("Older than a week", 7, None),
}


def moderator_or_404(user: Viewer) -> None:
    """The moderation pages answer 404 to everyone who is not a moderator (nothing says they exist)."""
    if not is_moderator(user):
        raise Http404("No such page.")


@dataclass(frozen=True)
class QueueFilters:
    category: str = ""
    state: str = "active"
    age: str = ""
    mine: bool = False

    @classmethod
    def from_query(cls, query: dict) -> QueueFilters:
        category = query.get("category", "")
        state = query.get("state", "active")
        age = query.get("age", "")
        return cls(
            category=category if category in Category.values else "",
            state=state if state in (*CaseState.values, "active", "all") else "active",
            age=age if age in AGES else "",
            mine=query.get("mine") == "1",
        )


def queue_page(user: User, filters: QueueFilters, *, page: int | str | None) -> Page:
    """Cases matching ``filters``, oldest first (the longest waiting on top), each with its report count, its
    categories and whether an answer from a creator waits."""
    cases = Case.objects.all()
    if filters.state == "active":
        cases = cases.filter(state__in=(CaseState.OPEN, CaseState.ASSIGNED))
    elif filters.state != "all":
        cases = cases.filter(state=filters.state)
    if filters.category:
        cases = cases.filter(Exists(Report.objects.filter(case=OuterRef("pk"), category=filters.category)))
    if filters.age:
        _, older, newer = AGES[filters.age]
        now = timezone.now()
        if older is not None:
            cases = cases.filter(created_at__lt=now - datetime.timedelta(days=older))
        if newer is not None:
            cases = cases.filter(created_at__gte=now - datetime.timedelta(days=newer))
    if filters.mine:
        cases = cases.filter(assignee=user)
    cases = (
        cases.select_related("assignee")
        .annotate(
            report_count=Count("reports", distinct=True),
            has_appeal=Exists(Appeal.objects.filter(action__case=OuterRef("pk"))),
        )
        .prefetch_related(Prefetch("reports", queryset=Report.objects.only("id", "case_id", "category")))
        .order_by("created_at", "id")
    )
    return Paginator(cases, QUEUE_PER_PAGE).get_page(page)


def case_categories(case: Case) -> list[str]:
    """The categories its reports name, most named first (from the prefetched reports)."""
    counts: dict[str, int] = {}
    for report in case.reports.all():
        counts[report.category] = counts.get(report.category, 0) + 1
    return [Category(c).label for c, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


@dataclass
class CaseView:
    case: Case
    reports: list[Report]
    notes: list
    actions: list[Action]
    work: Work | None
    comment: Comment | None
    account: User | None
    target_exists: bool
    moderators: list[User]


def case_or_404(case_id: int) -> Case:
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        raise Http404("No such case.")
    return case


def case_view(case: Case) -> CaseView:
    """Everything the case page shows: reports, notes, the actions taken with any answers, and the thing itself
    as it is now (None once deleted)."""
    from scriptorium.accounts.moderators import moderators

    reports = list(case.reports.select_related("reporter"))
    notes = list(case.notes.all())
    actions = list(case.actions.select_related("appeal").order_by("created_at", "id"))
    work = Work.objects.filter(pk=case.work_id).first() if case.work_id else None
    comment = account = None
    if case.target_kind == TargetKind.COMMENT:
        comment = Comment.objects.select_related("user").filter(pk=case.target_id).first()
    elif case.target_kind == TargetKind.USER:
        account = User.objects.filter(pk=case.target_id).first()
    elif case.target_kind == TargetKind.BOOKMARK:
        from scriptorium.interactions.models import Bookmark

        bookmark = Bookmark.objects.select_related("user").filter(pk=case.target_id).first()
        account = bookmark.user if bookmark else None
    exists = {
        TargetKind.WORK: work is not None,
        TargetKind.CHAPTER: work is not None,
        TargetKind.COMMENT: comment is not None and not (comment.deleted and not comment.text),
        TargetKind.USER: account is not None,
    }.get(case.target_kind, True)
    return CaseView(
        case=case,
        reports=reports,
        notes=notes,
        actions=actions,
        work=work,
        comment=comment,
        account=account,
        target_exists=exists,
        moderators=moderators(),
    )


def audit_log_page(*, page: int | str | None, moderator: str = "", kind: str = "") -> Page:
    """Every moderator action, newest first."""
    rows = Action.objects.select_related("case", "appeal")
    if moderator:
        rows = rows.filter(moderator_name=moderator)
    if kind:
        rows = rows.filter(kind=kind)
    return Paginator(rows.order_by("-created_at", "-id"), LOG_PER_PAGE).get_page(page)


def decision_for_or_404(user: Viewer, action_id: int) -> Action:
    """A decision as its subject (or a moderator) may read it; anyone else gets 404."""
    action = Action.objects.select_related("appeal", "case").filter(pk=action_id).first()
    if action is None or not user.is_authenticated:
        raise Http404("No such decision.")
    if not is_moderator(user) and not action.subjects.filter(pk=user.pk).exists():
        raise Http404("No such decision.")
    return action


def decisions_about(user: User) -> QuerySet[Action]:
    """Decisions the account was told of, newest first."""
    return Action.objects.filter(subjects=user).select_related("appeal").order_by("-created_at", "-id")


def reports_by(user: User) -> QuerySet[Report]:
    """The account's own reports with their cases' states, newest first."""
    return Report.objects.filter(reporter=user).select_related("case").order_by("-created_at", "-id")


def action_with_subjects(action_id: int) -> tuple[Action, list[User]] | None:
    """An action and the accounts to tell (for notifications)."""
    action = Action.objects.filter(pk=action_id).first()
    if action is None:
        return None
    return action, list(action.subjects.order_by("pk"))


def reporters_to_tell(case_id: int) -> tuple[Case, list[Report]] | None:
    """A closed case and its reports whose reporters asked for the outcome (for notifications)."""
    case = Case.objects.filter(pk=case_id).first()
    if case is None or case.is_active:
        return None
    return case, list(case.reports.filter(wants_outcome=True).select_related("reporter").order_by("pk"))
