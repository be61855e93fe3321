"""Work skins: a creator's list, the form (which lists what the sanitizer left out), the stylesheet readers'
browsers fetch, and the reader's "hide creators' styles" switch (guests too: a cookie)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from scriptorium.core.forms import add_service_errors, form_data
from scriptorium.skins import selectors, services
from scriptorium.skins.forms import SkinForm
from scriptorium.skins.preference import COOKIE, COOKIE_AGE
from scriptorium.skins.sanitize import css_sanitize


@require_GET
def skin_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "mine": list(selectors.skins_owned_by(user)) if user.is_authenticated else [],
        "public": list(selectors.skins_public()),
        "hidden": selectors.skins_hidden_by_choice(request),
    }
    return render(request, "skins/list.html", context)


def _form_page(request: HttpRequest, form: SkinForm, skin: object | None) -> HttpResponse:
    dropped = css_sanitize(skin.css).dropped if skin is not None and not form.is_bound else ()
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "skins/form.html", {"form": form, "skin": skin, "dropped": dropped}, status=status)


def _saved(request: HttpRequest, dropped: tuple) -> None:
    if dropped:
        count = len(dropped)
        messages.warning(
            request,
            f"Skin saved. {count} part{'s' if count != 1 else ''} of its CSS {'were' if count != 1 else 'was'} "
            "left out: see the list below.",
        )
    else:
        messages.success(request, "Skin saved. All of its CSS is kept.")


@login_required
@require_http_methods(["GET", "POST"])
def skin_new(request: HttpRequest) -> HttpResponse:
    form = SkinForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            skin, kept = services.skin_create(owner=request.user, data=form.skin_input())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _saved(request, kept.dropped)
            return redirect("skins:edit", skin_id=skin.pk)
    return _form_page(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def skin_edit(request: HttpRequest, skin_id: int) -> HttpResponse:
    skin = selectors.skin_owned_or_404(user=request.user, skin_id=skin_id)
    form = SkinForm(form_data(request), initial=SkinForm.initial_for(skin))
    if request.method == "POST" and form.is_valid():
        try:
            kept = services.skin_update(actor=request.user, skin=skin, data=form.skin_input())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _saved(request, kept.dropped)
            return redirect("skins:edit", skin_id=skin.pk)
    return _form_page(request, form, skin)


@login_required
@require_POST
def skin_delete(request: HttpRequest, skin_id: int) -> HttpResponse:
    skin = selectors.skin_owned_or_404(user=request.user, skin_id=skin_id)
    services.skin_delete(actor=request.user, skin=skin)
    messages.success(request, f"The skin “{skin.title}” is deleted; works that used it have the archive’s style.")
    return redirect("skins:list")


@require_GET
def skin_css(request: HttpRequest, skin_id: int) -> HttpResponse:
    """The skin's kept CSS. Pages link it with its fingerprint (``?v=``): that address never changes content, so
    browsers and proxies keep it for good; any other address is kept briefly."""
    skin = selectors.skin_served_or_404(user=request.user, skin_id=skin_id)
    etag = f'"{skin.fingerprint}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(skin.css_sanitized, content_type="text/css; charset=utf-8")
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    if not skin.public and request.user.is_authenticated and request.user.pk == skin.owner_id:
        response["Cache-Control"] = "private, no-cache"  # the owner trying a skin no work uses yet
    elif request.GET.get("v") == skin.fingerprint:
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = "public, max-age=300"
    return response


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@require_POST
def skins_hidden(request: HttpRequest) -> HttpResponse:
    """Hide (``hide=1``) or show creators' styles on every work, for the account or, for a guest, in a cookie."""
    hidden = request.POST.get("hide") == "1"
    response = redirect(_back(request) or "skins:list")
    if request.user.is_authenticated:
        services.skins_hidden_set(user=request.user, hidden=hidden)
    elif hidden:
        response.set_cookie(COOKIE, "1", max_age=COOKIE_AGE, samesite="Lax", httponly=True, secure=request.is_secure())
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    messages.success(
        request, "Creators’ styles are hidden on every work." if hidden else "Creators’ styles are shown again."
    )
    return response
