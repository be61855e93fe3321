"""The reading settings page (guests and accounts alike) and the stylesheet it makes."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from scriptorium.comfort import selectors, services
from scriptorium.comfort.forms import ReadingStyleForm
from scriptorium.comfort.styles import COOKIE, COOKIE_AGE, DEFAULT


def _back(request: HttpRequest) -> str:
    """Where to go after saving: the page the reader came from (the form keeps it), on this site only. Taken from
    the Referer rather than a ?next= in every page's footer link, so pages do not echo their own address."""
    if request.method == "POST":
        target = request.POST.get("next", "")
    else:
        target = request.GET.get("next") or request.headers.get("Referer", "")
    if target.startswith(("http://", "https://")):
        parsed = urlsplit(target)
        if parsed.netloc != request.get_host():
            return ""
        target = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    if target.startswith("/reading-settings"):
        return ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    current = selectors.style_for(request)
    if request.method == "POST":
        reset = "reset" in request.POST
        form = ReadingStyleForm(request.POST)
        if reset or form.is_valid():
            style = DEFAULT if reset else form.style()
            response = redirect(_back(request) or "comfort:settings")
            if request.user.is_authenticated:
                services.reading_style_set(user=request.user, style=style)
            elif style.is_default:
                response.delete_cookie(COOKIE, samesite="Lax")
            else:
                response.set_cookie(
                    COOKIE, style.as_cookie(), max_age=COOKIE_AGE, samesite="Lax", httponly=True,
                    secure=request.is_secure(),
                )  # fmt: skip
            messages.success(
                request,
                "Your reading settings are back to the defaults." if reset else "Your reading settings are saved.",
            )
            return response
        status = 400
    else:
        form = ReadingStyleForm(initial=ReadingStyleForm.initial_for(current))
        status = 200
    context = {
        "form": form,
        "next": _back(request),
        "kept_where": "account" if request.user.is_authenticated else "cookie",
    }
    return render(request, "comfort/settings.html", context, status=status)


@require_GET
def stylesheet(request: HttpRequest) -> HttpResponse:
    """This reader's stylesheet. Pages link it with the style's fingerprint (``?v=``): that address is kept by the
    browser for good (a changed style gets a new one); any other address is never stored."""
    style = selectors.style_for(request)
    etag = style.etag()
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(style.stylesheet(), content_type="text/css; charset=utf-8")
    response["ETag"] = etag
    if request.GET.get("v") == etag.strip('"'):
        response["Cache-Control"] = "private, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = "private, no-store"
    patch_vary_headers(response, ["Cookie"])
    return response
