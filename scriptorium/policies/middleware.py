"""Accounts accept new terms at their next visit (as AO3 asks): when the Terms of Service in force ask for
acceptance and a logged-in account has not accepted them, a page visit leads to the accept page first.

Still reachable meanwhile: the accept page and every policy page (read the terms before accepting, read the
privacy policy, and staff can correct a version), logging out, static and uploaded files. A POST, or a request
asking for JSON, is not redirected (a form's text or an API client would be lost on the way): it answers 403
with a message saying what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from scriptorium.policies import selectors

#: Session key: the id of the required terms version this session's account is known to have accepted.
SESSION_KEY = "policies_terms_ok"
EXEMPT_VIEWS = frozenset({"accounts:logout", "admin:logout"})
MESSAGE = "The Terms of Service have changed. Please read and accept them to go on using your account."


def _exempt(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is not None and ("policies" in match.namespaces or match.view_name in EXEMPT_VIEWS):
        return True
    prefixes = [p for p in (settings.STATIC_URL, getattr(settings, "MEDIA_URL", "")) if p and p != "/"]
    return any(request.path.startswith("/" + p.lstrip("/")) for p in prefixes)


def _wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("accept", "")
    return (
        request.content_type == "application/json"
        or request.path.endswith(".json")
        or ("application/json" in accept and "text/html" not in accept)
    )


class TermsAcceptanceMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: object, args: object, kwargs: object) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or _exempt(request):
            return None
        required = selectors.terms_required()
        if required is None or request.session.get(SESSION_KEY) == required.id:
            return None
        if selectors.terms_accepted(user, required):
            request.session[SESSION_KEY] = required.id
            return None
        accept_url = reverse("policies:accept")
        if _wants_json(request):
            return JsonResponse(
                {"error": "terms_not_accepted", "message": MESSAGE, "accept_url": accept_url}, status=403
            )
        if request.method not in ("GET", "HEAD"):
            context = {"message": MESSAGE, "accept_url": accept_url}
            return render(request, "policies/accept_required.html", context, status=403)
        return HttpResponseRedirect(f"{accept_url}?{urlencode({'next': request.get_full_path()})}")
