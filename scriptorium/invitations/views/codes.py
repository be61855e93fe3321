"""An invitation's own page (``/invitations/CODE``: is it still good? then on to sign-up) and an account's
codes to give (``/account/invitations``, with "send to an email address")."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from scriptorium.core.forms import add_service_errors, form_data
from scriptorium.invitations import selectors, services
from scriptorium.invitations.forms import InvitationSendForm


def invitation_detail(request: HttpRequest, code: str) -> HttpResponse:
    invitation = selectors.invitation_by_code_or_404(code)
    problem = ""
    try:
        selectors.invitation_check(invitation.code)
    except ValidationError as exc:
        problem = exc.messages[0]
    context = {"invitation": invitation, "problem": problem, "mode": selectors.signup_mode()}
    return render(request, "invitations/invitation.html", context, status=410 if problem else 200)


@login_required
@require_http_methods(["GET", "POST"])
def account_invitations(request: HttpRequest) -> HttpResponse:
    form = InvitationSendForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_send(
                actor=request.user, invitation_id=form.cleaned_data["invitation"], email=form.cleaned_data["email"]
            )
        except PermissionDenied:
            form.add_error(None, "That invitation is not one of yours.")
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"The invitation is on its way to {invitation.sent_to}.")
            return redirect("invitations:mine")
    invitations = selectors.invitations_of(request.user)
    failed = form.cleaned_data.get("invitation") if form.is_bound and form.errors else None
    context = {"invitations": invitations, "form": form, "failed": failed, "mode": selectors.signup_mode()}
    return render(request, "invitations/account_invitations.html", context, status=400 if form.errors else 200)
