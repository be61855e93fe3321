"""Changing one's username (``/account/username``): the form checks, ``services.user_rename`` writes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from scriptorium.accounts import selectors, services
from scriptorium.accounts.forms import UsernameChangeForm
from scriptorium.core.forms import add_service_errors, form_data


@login_required
@require_http_methods(["GET", "POST"])
def username_change(request: HttpRequest) -> HttpResponse:
    form = UsernameChangeForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        old = request.user.username
        try:
            services.user_rename(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            request.user.refresh_from_db()
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Your username is now {request.user.username}. Links to your old name, {old}, lead here for "
                f"{settings.SCRIPTORIUM_USERNAME_REDIRECT_DAYS} days.",
            )
            return redirect("accounts:username")
    context = {
        "form": form,
        "next_change_at": selectors.username_next_change_at(request.user),
        "change_days": settings.SCRIPTORIUM_USERNAME_CHANGE_DAYS,
        "redirect_days": settings.SCRIPTORIUM_USERNAME_REDIRECT_DAYS,
    }
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "accounts/username.html", context, status=status)
