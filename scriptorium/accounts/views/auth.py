"""Signing up, logging in and out, preferences and pseuds: forms check, ``accounts.services`` writes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from scriptorium.accounts import selectors, services
from scriptorium.accounts.forms import LoginForm, PreferencesForm, PseudForm, SignupForm
from scriptorium.accounts.models import Pseud
from scriptorium.core.forms import add_service_errors, form_data
from scriptorium.policies import signup as policy_signup
from scriptorium.works import services as works_services


class LoginView(auth_views.LoginView):
    """Django's login (``next`` is only followed to this site), on the archive's page."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Django's logout: POST only, then home with a note."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You are logged out.")
        return response


def _status(request: HttpRequest, form: object) -> int:
    return 400 if request.method == "POST" and form.errors else 200


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if not settings.SCRIPTORIUM_OPEN_SIGNUP:
        return render(request, "accounts/signup.html", {"closed": True}, status=404)
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(form_data(request), extra_fields=policy_signup.signup_fields())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # The account and its acceptance of the terms in force, together (policies.services.account_sign_up).
            user = policy_signup.account_sign_up(
                username=data["username"],
                email=data["email"],
                password=data["password1"],
                terms=data.get(policy_signup.FIELD_NAME),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome, {user.username}! Your account is ready.")
            return redirect("home")
    return render(request, "accounts/signup.html", {"form": form, "closed": False}, status=_status(request, form))


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
