"""Signing up, logging in and out, preferences and pseuds: forms check, ``accounts.services`` writes."""

from __future__ import annotations

from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from scriptorium.accounts import selectors, services
from scriptorium.accounts.adapter import verification_next_keep
from scriptorium.accounts.forms import PreferencesForm, PseudForm
from scriptorium.accounts.models import Pseud
from scriptorium.core.forms import add_service_errors, form_data
from scriptorium.invitations import signup as invitation_signup
from scriptorium.works import services as works_services


def _with_status(response: HttpResponse) -> HttpResponse:
    """allauth answers a form with problems 200; the archive's forms answer 400, as its tests and tools expect."""
    form = (getattr(response, "context_data", None) or {}).get("form")
    if response.status_code == 200 and form is not None and form.is_bound and form.errors:
        response.status_code = 400
    return response


def login(request: HttpRequest) -> HttpResponse:
    """allauth's log-in (by username or email address, throttled) on the archive's page."""
    return _with_status(allauth_views.login(request))


def logout(request: HttpRequest) -> HttpResponse:
    """allauth's log-out: a POST logs out; a GET only asks (a link cannot log anyone out)."""
    return allauth_views.logout(request)


class _SignupView(allauth_views.SignupView):
    """allauth's sign-up view; ``?invitation=CODE`` fills in the code, and a code taken by another sign-up
    between the check and the save is refused on the form (the account was rolled back with it). A browser holding
    a good sign-up pass (``invitations.signup``: a claim link) is asked no code, and its pass is spent by the
    account it creates."""

    def get_form(self, form_class: type | None = None) -> object:
        form = super().get_form(form_class)
        if invitation_signup.FIELD_NAME in form.fields and invitation_signup.signup_pass_valid(self.request):
            del form.fields[invitation_signup.FIELD_NAME]
        return form

    def get_initial(self) -> dict[str, object]:
        return {**super().get_initial(), invitation_signup.FIELD_NAME: self.request.GET.get("invitation", "")}

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        context["signup_mode"] = invitation_signup.signup_mode()
        # Sign-up asks for a code, but this browser's pass (a claim link) stands in for it.
        context["signup_pass"] = invitation_signup.code_required() and invitation_signup.FIELD_NAME not in (
            context["form"].fields
        )
        return context

    def form_valid(self, form: object) -> HttpResponse:
        try:
            response = super().form_valid(form)
            if invitation_signup.FIELD_NAME not in form.fields:
                invitation_signup.signup_pass_clear(self.request)
            if not self.request.user.is_authenticated:  # the address is confirmed first: keep where to go then
                verification_next_keep(self.request)
            return response
        except ValidationError as exc:
            about_code = getattr(exc, "code", None) in ("used", "expired", "unknown", "missing")
            form.add_error(
                invitation_signup.FIELD_NAME if about_code and invitation_signup.FIELD_NAME in form.fields else None,
                exc,
            )
            return self.form_invalid(form)


_signup_view = _SignupView.as_view()


def signup(request: HttpRequest) -> HttpResponse:
    """allauth's sign-up with the terms box, the honeypot and the invitation code when sign-up asks for one
    (``forms.SignupExtraForm``); closed: 404."""
    mode = invitation_signup.signup_mode()
    if mode == "closed":
        return render(request, "account/signup_closed.html", status=404)
    response = _with_status(_signup_view(request))
    if request.method == "POST" and response.status_code == 302 and request.user.is_authenticated:
        messages.success(request, f"Welcome, {request.user.username}! Your account is ready.")
    return response


def _status(request: HttpRequest, form: object) -> int:
    return 400 if request.method == "POST" and form.errors else 200


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(form_data(request), initial={"view_adult": request.user.view_adult})
    if request.method == "POST" and form.is_valid():
        services.user_set_view_adult(user=request.user, value=form.cleaned_data["view_adult"])
        messages.success(request, "Your preferences are saved.")
        return redirect("accounts:preferences")
    return render(request, "accounts/preferences.html", {"form": form}, status=_status(request, form))


@require_POST
def adult_consent(request: HttpRequest) -> HttpResponse:
    """ "Yes, and don't ask again" on the adult-content notice: remember it, then go back to the work."""
    next_url = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not safe:
        next_url = reverse("home")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    services.user_set_view_adult(user=request.user, value=True)
    messages.info(request, "Adult content will show without asking. You can change this in your preferences.")
    return redirect(next_url)


def _own_pseud(request: HttpRequest, pseud_id: int) -> Pseud:
    return selectors.own_pseud_or_404(request.user, pseud_id)


@login_required
@require_http_methods(["GET", "POST"])
def pseud_manage(request: HttpRequest) -> HttpResponse:
    """Your pseuds; a POST with ``make_default`` makes that one the default."""
    if request.method == "POST":
        pseud = _own_pseud(request, _int(request.POST.get("make_default")))
        services.pseud_make_default(actor=request.user, pseud=pseud)
        messages.success(request, f"“{pseud.name}” is now your default pseud.")
        return redirect("accounts:pseuds")
    pseuds = request.user.pseuds.order_by("-is_default", "name")
    return render(request, "accounts/pseuds.html", {"pseuds": pseuds})


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


@login_required
@require_http_methods(["GET", "POST"])
def pseud_new(request: HttpRequest) -> HttpResponse:
    form = PseudForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            pseud = services.pseud_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Your new pseud “{pseud.name}” is ready.")
            return redirect("accounts:pseuds")
    return render(request, "accounts/pseud_form.html", {"form": form, "pseud": None}, status=_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def pseud_edit(request: HttpRequest, pseud_id: int) -> HttpResponse:
    pseud = _own_pseud(request, pseud_id)
    form = PseudForm(form_data(request), initial={"name": pseud.name, "description": pseud.description})
    if request.method == "POST" and form.is_valid():
        try:
            services.pseud_update(actor=request.user, pseud=pseud, **form.cleaned_data)
        except ValidationError as exc:
            pseud.refresh_from_db()
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Your pseud “{pseud.name}” is saved.")
            return redirect("accounts:pseuds")
    return render(request, "accounts/pseud_form.html", {"form": form, "pseud": pseud}, status=_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def pseud_delete(request: HttpRequest, pseud_id: int) -> HttpResponse:
    pseud = _own_pseud(request, pseud_id)
    error = ""
    if request.method == "POST":
        try:
            works_services.pseud_delete(actor=request.user, pseud=pseud)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"The pseud “{pseud.name}” is deleted.")
            return redirect("accounts:pseuds")
    context = {"pseud": pseud, "error": error, "work_count": pseud.works.count()}
    return render(request, "accounts/pseud_confirm_delete.html", context, status=400 if error else 200)
