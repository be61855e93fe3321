"""Thin views: parse the request, call a selector or a service, render. The moderators' pages answer 404 to
everyone else; report pages are for everyone, guests included."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from scriptorium.accounts.moderators import is_moderator
from scriptorium.interactions.guests import client_ip, transient_guest_key
from scriptorium.moderation import selectors, services
from scriptorium.moderation.forms import ActionForm, AppealForm, ReportForm
from scriptorium.moderation.models import ActionKind, CaseState, Category
from scriptorium.moderation.targets import target_find


def _problems(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def _form_problems(form) -> list[str]:
    return [str(e) for errors in form.errors.values() for e in errors]


# --- Reports ------------------------------------------------------------------------------------------------


def report_new(request: HttpRequest, kind: str, target_id: int) -> HttpResponse:
    """The report form for one thing; sending it answers with the report's reference."""
    target = target_find(request.user, kind, target_id)
    guest = not request.user.is_authenticated
    if request.method == "POST":
        form = ReportForm(request.POST, guest=guest)
        if form.is_valid():
            origin = transient_guest_key(client_ip(request)) if guest else ""
            try:
                report = services.report_create(
                    actor=request.user, kind=kind, target_id=target_id, data=form.report_input(), origin=origin
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc.messages)
            else:
                return render(request, "moderation/report_sent.html", {"report": report, "target": target})
    else:
        form = ReportForm(initial={"link": request.build_absolute_uri(target.url)}, guest=guest)
    return render(request, "moderation/report_form.html", {"form": form, "target": target}, status=200)


@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    """An account's own reports, with what became of them."""
    return render(request, "moderation/my_reports.html", {"reports": selectors.reports_by(request.user)})


# --- The queue and cases ------------------------------------------------------------------------------------


def queue(request: HttpRequest) -> HttpResponse:
    selectors.moderator_or_404(request.user)
    filters = selectors.QueueFilters.from_query(request.GET)
    page = selectors.queue_page(request.user, filters, page=request.GET.get("page"))
    rows = [(case, selectors.case_categories(case)) for case in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "filters": filters,
        "categories": Category.choices,
        "states": [("active", "Open or assigned"), *CaseState.choices, ("all", "All")],
        "ages": [(k, v[0]) for k, v in selectors.AGES.items()],
    }
    return render(request, "moderation/queue.html", context)


def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    selectors.moderator_or_404(request.user)
    view = selectors.case_view(selectors.case_or_404(case_id))
    context = {
        "view": view,
        "case": view.case,
        "work_hide": [("hide", "Hide it (hidden by a moderator)"), ("spam", "Mark it as spam (hides it)")],
        "work_unhide": [("unhide", "Show it again")],
        "comment_choices": [
            ("hide", "Hide it (a placeholder stays; it can be shown again)"),
            ("spam", "Mark it as spam (hides it)"),
            ("delete", "Delete it for good"),
        ]
        if view.comment and not view.comment.deleted
        else [("unhide", "Show it again")],
        "account_choices": [
            ("suspend", "Suspend it (can read; cannot post, comment, leave kudos or bookmark publicly)"),
            ("unsuspend", "Lift its suspension"),
            ("ban", "Ban it (cannot log in)"),
        ],
    }
    return render(request, "moderation/case.html", context)


def _back(case_id: int) -> HttpResponse:
    return redirect("moderation:case", case_id=case_id)


def _run(request: HttpRequest, case_id: int, done: str, call) -> HttpResponse:
    try:
        call()
    except ValidationError as exc:
        for problem in _problems(exc):
            messages.error(request, problem)
    else:
        messages.success(request, done)
    return _back(case_id)


@require_POST
def case_assign(request: HttpRequest, case_id: int) -> HttpResponse:
    selectors.moderator_or_404(request.user)
    raw = request.POST.get("assignee", "")
    assignee_id = int(raw) if raw.isdigit() else None
    return _run(
        request,
        case_id,
        "Assignment saved.",
        lambda: services.case_assign(actor=request.user, case_id=case_id, assignee_id=assignee_id),
    )


@require_POST
def case_note(request: HttpRequest, case_id: int) -> HttpResponse:
    selectors.moderator_or_404(request.user)
    text = request.POST.get("text", "")
    return _run(
        request, case_id, "Note added.", lambda: services.case_note_add(actor=request.user, case_id=case_id, text=text)
    )


@require_POST
def case_close(request: HttpRequest, case_id: int) -> HttpResponse:
    selectors.moderator_or_404(request.user)
    state, outcome = request.POST.get("state", ""), request.POST.get("outcome", "")
    return _run(
        request,
        case_id,
        "Case closed.",
        lambda: services.case_close(actor=request.user, case_id=case_id, state=state, outcome=outcome),
    )


@require_POST
def case_reopen(request: HttpRequest, case_id: int) -> HttpResponse:
    selectors.moderator_or_404(request.user)
    reason = request.POST.get("reason", "")
    return _run(
        request,
        case_id,
        "Case reopened.",
        lambda: services.case_reopen(actor=request.user, case_id=case_id, reason=reason),
    )


_DONE = {
    ("work", "hide"): "The work is hidden; its creators are told why.",
    ("work", "spam"): "The work is marked as spam and hidden; its creators are told why.",
    ("work", "unhide"): "The work is shown again; its creators are told.",
    ("comment", "hide"): "The comment is hidden.",
    ("comment", "spam"): "The comment is marked as spam and hidden.",
    ("comment", "delete"): "The comment is deleted.",
    ("comment", "unhide"): "The comment is shown again.",
    ("account", "suspend"): "The account is suspended.",
    ("account", "unsuspend"): "The suspension is lifted.",
    ("account", "ban"): "The account is banned.",
}


@require_POST
def case_act(request: HttpRequest, case_id: int, subject: str, subject_id: int) -> HttpResponse:
    """One action on the case's work, comment or account (the form names it)."""
    selectors.moderator_or_404(request.user)
    form = ActionForm(request.POST)
    action = request.POST.get("action", "")
    if (subject, action) not in _DONE:
        messages.error(request, "That is not an action moderators can take here.")
        return _back(case_id)
    if not form.is_valid():
        for problem in _form_problems(form):
            messages.error(request, problem)
        return _back(case_id)
    reason, days = form.cleaned_data["reason"], form.cleaned_data.get("days")
    calls = {
        "work": lambda: services.work_moderate(
            actor=request.user, case_id=case_id, work_id=subject_id, action=action, reason=reason
        ),
        "comment": lambda: services.comment_moderate(
            actor=request.user, case_id=case_id, comment_id=subject_id, action=action, reason=reason
        ),
        "account": lambda: services.account_moderate(
            actor=request.user, case_id=case_id, user_id=subject_id, action=action, reason=reason, days=days
        ),
    }
    return _run(request, case_id, _DONE[(subject, action)], calls[subject])


def audit_log(request: HttpRequest) -> HttpResponse:
    selectors.moderator_or_404(request.user)
    moderator = request.GET.get("moderator", "")
    kind = request.GET.get("kind", "")
    kind = kind if kind in ActionKind.values else ""
    page = selectors.audit_log_page(page=request.GET.get("page"), moderator=moderator, kind=kind)
    return render(
        request,
        "moderation/audit_log.html",
        {"page": page, "kinds": ActionKind.choices, "kind": kind, "moderator": moderator},
    )


# --- Decisions and answers ----------------------------------------------------------------------------------


def decision(request: HttpRequest, action_id: int) -> HttpResponse:
    """A decision as the account it concerns reads it, with the one answer it may give."""
    action = selectors.decision_for_or_404(request.user, action_id)
    subject = not is_moderator(request.user) or action.subjects.filter(pk=request.user.pk).exists()
    form = AppealForm()
    if request.method == "POST":
        form = AppealForm(request.POST)
        if form.is_valid():
            try:
                services.appeal_create(actor=request.user, action_id=action.pk, text=form.cleaned_data["text"])
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, "Your answer is sent to the moderators.")
                return redirect("moderation:decision", action_id=action.pk)
        action = selectors.decision_for_or_404(request.user, action_id)
    answered = hasattr(action, "appeal")
    context = {"action": action, "form": form, "answered": answered, "may_answer": subject and action.told}
    return render(request, "moderation/decision.html", context)
