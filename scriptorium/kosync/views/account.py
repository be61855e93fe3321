"""``/account/kosync``: the account's sync key for KOReader (made, shown once, replaced or removed) and the
devices waiting to be paired, with how to set KOReader up."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from scriptorium.kosync import selectors, services


def _page(request: HttpRequest, *, key: str = "") -> HttpResponse:
    keys = selectors.keys_of(request.user)
    context = {
        "key": key,
        "active": [k for k in keys if k.confirmed],
        "pending": [k for k in keys if not k.confirmed],
        "server": request.build_absolute_uri(reverse("kosync:healthcheck")).removesuffix("/healthcheck"),
        "registration": settings.SCRIPTORIUM_KOSYNC_REGISTRATION,
    }
    response = render(request, "kosync/account.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _id(raw: str) -> int:
    return int(raw) if raw.isdigit() else 0


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def sync_key(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    if "make" in request.POST:
        return _page(request, key=services.sync_key_make(actor=request.user))
    if "revoke" in request.POST:
        services.sync_key_revoke(actor=request.user)
        messages.success(request, "Your sync key is removed: no device syncs until you make a new one.")
    elif "confirm" in request.POST:
        try:
            services.sync_key_confirm(actor=request.user, key_id=_id(request.POST["confirm"]))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The device is paired: it syncs with the password it registered with.")
    elif "refuse" in request.POST:
        services.sync_key_refuse(actor=request.user, key_id=_id(request.POST["refuse"]))
        messages.success(request, "The request is refused.")
    return redirect("kosync_account:key")
