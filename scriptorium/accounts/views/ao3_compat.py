"""Addresses tools written for AO3 use (FanFicFare and others): its log-in request and its author links.

- ``GET /token_dispenser.json`` answers ``{"token": …}``, the CSRF token, and sets the CSRF cookie.
- ``POST /users/login`` takes ``user[login]``, ``user[password]``, ``user[remember_me]`` and the token as
  ``authenticity_token``, and logs in through allauth's own log-in (the same throttle and messages). An account
  with two-factor sign-in gets the second step, as on the page; a tool that cannot answer it stays logged out.
  A GET shows the ordinary log-in page.
- ``GET /users/logout`` asks to log out (its form posts to ``/logout``), where AO3 tools look for the link.
- ``/users/NAME/pseuds/PSEUD`` (no trailing slash, as AO3 writes it; bylines link it) leads to the pseud's page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse, QueryDict
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from scriptorium.accounts.views import auth

#: AO3's log-in field names → allauth's.
_FIELDS = {"user[login]": "login", "user[password]": "password"}


@never_cache
@require_GET
def token_dispenser(request: HttpRequest) -> JsonResponse:
    """The CSRF token for a client that logs in without reading the log-in page (the cookie comes with it)."""
    return JsonResponse({"token": get_token(request)})


def _csrf_failure(request: HttpRequest) -> HttpResponse | None:
    """Django's own CSRF check, with the token taken from ``authenticity_token``; None when it passes."""
    request.META["HTTP_X_CSRFTOKEN"] = request.POST.get("authenticity_token", "")
    return CsrfViewMiddleware(lambda _request: HttpResponse()).process_view(request, None, (), {})


@csrf_exempt  # checked below, against the AO3 field name
@never_cache
def login(request: HttpRequest) -> HttpResponse:
    """The log-in under AO3's address and field names, handed to the archive's (allauth's) log-in."""
    if request.method != "POST":
        return auth.login(request)
    failure = _csrf_failure(request)
    if failure is not None:
        return failure
    data = QueryDict(mutable=True)
    for key, value in request.POST.lists():
        data.setlist(_FIELDS.get(key, key), value)
    if request.POST.get("user[remember_me]") in {"1", "true", "on"}:
        data["remember"] = "on"
    data["csrfmiddlewaretoken"] = request.POST.get("authenticity_token", "")
    request.POST = data
    response = auth.login(request)
    if response.status_code == 400:
        response.status_code = 200  # AO3 answers a refused log-in 200 with the form; its tools read the page
    return response


@require_GET
def logout(request: HttpRequest) -> HttpResponse:
    """The log-out page where AO3 tools look for it (``href="/users/logout"`` tells them they are logged in): it
    asks, and its form posts to the archive's own log-out; this address itself never logs anyone out."""
    return auth.logout(request)


def pseud_redirect(request: HttpRequest, username: str, pseud: str) -> HttpResponse:
    """AO3's form of a pseud's address (no trailing slash) → the pseud's page."""
    return HttpResponsePermanentRedirect(reverse("accounts:pseud", kwargs={"username": username, "pseud": pseud}))
