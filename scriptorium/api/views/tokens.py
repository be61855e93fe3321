"""The account's personal access tokens (``/account/api-tokens``): the list, a new one (its secret shown on
this one answer only) and revoking one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from scriptorium.api import selectors, services
from scriptorium.api.forms import TokenForm


def _page(request: HttpRequest, form: TokenForm, *, secret: str = "", status: int = 200) -> HttpResponse:
    context = {"form": form, "tokens": selectors.tokens_of(request.user), "secret": secret}
    response = render(request, "api/tokens.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, TokenForm())
    if "revoke" in request.POST:
        return _revoke(request, request.POST["revoke"])
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        _, secret = services.api_token_create(user=request.user, **form.cleaned_data)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return _page(request, form, status=400)
    return _page(request, TokenForm(), secret=secret)


def _revoke(request: HttpRequest, raw_id: str) -> HttpResponse:
    try:
        token = services.api_token_revoke(user=request.user, token_id=int(raw_id) if raw_id.isdigit() else 0)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
    return redirect("api_tokens:list")
