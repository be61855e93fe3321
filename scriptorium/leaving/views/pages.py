"""The account deletion page and the goodbye page after it."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from scriptorium.leaving import selectors, services
from scriptorium.leaving.inputs import WorkChoice


def _choices(request: HttpRequest, rows: list[selectors.WorkToHandOver]) -> dict[int, str]:
    """{work id: choice} from the form's radio groups named ``work-<id>``; the "every work" choice fills in the
    works listed without one of their own."""
    found = {}
    for key, value in request.POST.items():
        prefix, _, work_id = key.partition("-")
        if prefix == "work" and work_id.isdigit():
            found[int(work_id)] = value
    every = request.POST.get("every", "")
    if every in WorkChoice.values:
        for row in rows:
            if row.choosable:
                found.setdefault(row.work.pk, every)
    return found


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    user = request.user
    errors: dict[str, list[str]] = {}
    chosen: dict[int, str] = {}
    rows = selectors.works_to_hand_over(user)
    if request.method == "POST":
        chosen = _choices(request, rows)
        try:
            services.account_delete(
                actor=user,
                password=request.POST.get("password", ""),
                code=request.POST.get("code", ""),
                choices=chosen,
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        else:
            logout(request)
            return redirect("leaving:goodbye")
    context = {
        "rows": [(row, chosen.get(row.work.pk, "")) for row in rows],
        "choosable": sum(row.choosable for row in rows),
        "every": request.POST.get("every", "") if request.method == "POST" else "",
        "work_choices": WorkChoice.choices,
        "two_factor": selectors.has_second_factor(user),
        "errors": errors,
        "general_errors": [m for k, ms in errors.items() if k not in ("password", "code") for m in ms],
    }
    return render(request, "leaving/account_delete.html", context, status=400 if errors else 200)


def goodbye(request: HttpRequest) -> HttpResponse:
    """Shown after the deletion, logged out; an account still logged in has not left, so it goes home."""
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "leaving/goodbye.html")
