"""The queue's pages: ask for an invitation (``/invite_requests``) and look up one's place (``.../status``)."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from scriptorium.core.clients import client_ip
from scriptorium.core.forms import add_service_errors, form_data
from scriptorium.invitations import selectors, services
from scriptorium.invitations.forms import InvitationRequestForm, QueueStatusForm


def _client(request: HttpRequest) -> str:
    return hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]


@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    mode = selectors.signup_mode()
    if mode != "queue":
        return render(request, "invitations/queue_off.html", {"mode": mode}, status=404)
    form = InvitationRequestForm(form_data(request))
    place = None
    if request.method == "POST" and form.is_valid():
        try:
            place = services.invitation_request_create(email=form.cleaned_data["email"], client=_client(request))
        except ValidationError as exc:
            add_service_errors(form, exc)
    context = {
        "form": form,
        "place": place,
        "email": selectors.normalise_email(form.cleaned_data["email"]) if place else "",
        "waiting": selectors.queue_length(),
        "per_day": selectors.per_day(),
    }
    return render(request, "invitations/request.html", context, status=400 if form.errors else 200)


def request_status(request: HttpRequest) -> HttpResponse:
    """Anyone may ask about an address: the answer is only a place or "not in the queue", whatever the address."""
    mode = selectors.signup_mode()
    if mode != "queue":
        return render(request, "invitations/queue_off.html", {"mode": mode}, status=404)
    form = QueueStatusForm(request.GET if "email" in request.GET else None)
    asked = form.is_bound and form.is_valid()
    context = {
        "form": form,
        "asked": asked,
        "place": selectors.queue_place(form.cleaned_data["email"]) if asked else None,
        "per_day": selectors.per_day(),
    }
    return render(request, "invitations/status.html", context, status=400 if form.errors else 200)
