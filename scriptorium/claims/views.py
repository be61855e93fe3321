"""The claim page (``/claims/<token>``: the author sees the works and answers) and the archivist's page of
external creators (``/account/archived-creators``: who was invited, who answered; send invitations)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from scriptorium.claims import selectors, services
from scriptorium.claims.forms import ClaimAnswerForm, SendForm
from scriptorium.claims.models import ClaimInvitation
from scriptorium.core.forms import add_service_errors, form_data
from scriptorium.invitations import signup as invitation_signup

PER_PAGE = 50
#: Names listed in one "not sent" message (the rest are counted).
SHOWN_NAMES = 10


def _unlogged(response: HttpResponse) -> HttpResponse:
    """Keep the address (which holds the token) out of Django's request log: it logs every 4xx answer's path
    unless the answer says it was logged already."""
    response._has_been_logged = True
    return response


def _closed(request: HttpRequest, invitation: ClaimInvitation | None) -> HttpResponse:
    """An unknown token (404), or an invitation answered already or replaced by a newer one (410): words, no
    change."""
    context = {"invitation": invitation}
    if invitation is not None:
        context["mine"] = request.user.is_authenticated and invitation.answered_by_id == request.user.pk
    return _unlogged(render(request, "claims/closed.html", context, status=404 if invitation is None else 410))


@never_cache
def claim(request: HttpRequest, token: str) -> HttpResponse:
    """The works and the three answers. The answers are posted to ``claims:answer`` with the token in the form's
    body, so the token is never in an address a POST goes to (a refused POST's address is logged)."""
    if request.method not in ("GET", "HEAD"):
        return _unlogged(HttpResponseNotAllowed(["GET", "HEAD"]))
    return _claim_page(request, token)


@never_cache
@require_http_methods(["POST"])
def answer(request: HttpRequest) -> HttpResponse:
    return _claim_page(request, request.POST.get("token", ""))


def _claim_page(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.claim_by_token(token)
    if invitation is None:
        return _closed(request, None)
    here = reverse("claims:claim", kwargs={"token": token})
    user = request.user
    pseuds = list(selectors.pseuds_of(user)) if user.is_authenticated else []
    form = ClaimAnswerForm(form_data(request), pseuds=pseuds, initial={"pseud": pseuds[0].pk if pseuds else None})
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["answer"]
        if choice == "accept" and not user.is_authenticated:
            return redirect_to_login(here)
        try:
            if choice == "accept":
                outcome = services.claim_accept(actor=user, token=token, pseud_id=form.cleaned_data["pseud"])
            elif choice == "remove":
                outcome = services.claim_removal_request(token=token)
            else:
                outcome = services.claim_decline(token=token)
        except services.ClaimUnknown:
            return _closed(request, None)
        except services.ClaimAnswered as exc:
            return _closed(request, exc.invitation)
        except PermissionDenied:
            return redirect_to_login(here)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _answered(request, choice, outcome)
    elif not invitation.is_pending and request.method == "GET":
        return _closed(request, invitation)
    if invitation.is_pending and not user.is_authenticated:
        # The link counts as an invitation: its holder may sign up even where sign-up asks for a code.
        invitation_signup.signup_pass_grant(request, kind=selectors.SIGNUP_PASS_KIND, value=str(invitation.pk))
    context = {
        "invitation": invitation,
        "creator": invitation.external_creator,
        "works": selectors.claim_works(invitation, user),
        "form": form,
        "pseuds": pseuds,
        "next": here,
        "token": token,
        "signup_open": invitation_signup.signup_mode() != "closed",
    }
    status = 400 if form.is_bound and form.errors else 200
    response = render(request, "claims/claim.html", context, status=status)
    return _unlogged(response) if status >= 400 else response


def _answered(request: HttpRequest, answer: str, outcome: services.ClaimOutcome) -> HttpResponse:
    invitation = outcome.invitation
    if answer == "accept":
        pseud = invitation.pseud
        if outcome.changed:
            count = len(outcome.work_ids)
            messages.success(request, f"{count} work{'s are' if count != 1 else ' is'} now credited to {pseud.name}.")
        else:
            messages.info(request, "These works are on your account already: nothing changed.")
        return redirect("accounts:pseud", username=pseud.user.username, pseud=pseud.name)
    if answer == "remove":
        messages.success(
            request,
            "The works have been taken down and the archivist told. Thank you for letting us know."
            if outcome.changed
            else "You asked for these works to be taken down already: nothing changed.",
        )
    else:
        messages.success(
            request,
            "Thank you: the archivist has been told that these works are not yours."
            if outcome.changed
            else "You answered already that these works are not yours: nothing changed.",
        )
    return redirect("home")


@login_required
@require_http_methods(["GET", "POST"])
def archived_creators(request: HttpRequest) -> HttpResponse:
    creators = selectors.archived_creators_of(request.user)
    form = SendForm(form_data(request), creator_ids=list(creators.values_list("pk", flat=True)))
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["every"]:
            chosen = selectors.external_creators_unanswered(archivist=request.user)
        else:
            chosen = selectors.archived_creators_by_ids(archivist=request.user, ids=form.cleaned_data["creators"])
        try:
            report = services.claim_invitations_send(actor=request.user, external_creators=chosen)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            _report_messages(request, report)
            return redirect(request.get_full_path())
    page = Paginator(creators, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": selectors.archived_creators_page(list(page.object_list)),
        "form": form,
        "selected": set(form.cleaned_data.get("creators") or []) if form.is_bound else set(),
        "action": reverse("claims:archived_creators"),
    }
    return render(request, "claims/archived_creators.html", context, status=400 if form.errors else 200)


def _report_messages(request: HttpRequest, report: services.SendReport) -> None:
    sent = len(report.sent)
    if sent:
        messages.success(request, f"{sent} claim invitation{'s' if sent != 1 else ''} sent.")
    elif not report.skipped:
        messages.info(request, "Nobody was left to invite.")
    by_reason: dict[str, list[str]] = {}
    for creator, reason in report.skipped:
        by_reason.setdefault(reason, []).append(creator.name)
    for reason, names in by_reason.items():
        shown = ", ".join(names[:SHOWN_NAMES]) + (
            f" and {len(names) - SHOWN_NAMES} more" if len(names) > SHOWN_NAMES else ""
        )
        messages.warning(request, f"Not sent to {shown}: {reason}.")
