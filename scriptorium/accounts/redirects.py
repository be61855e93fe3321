"""Old addresses of a renamed account: a page under ``/users/OLDNAME/`` that finds nobody (404) answers a
permanent redirect to the same page under the new name, while the old name is reserved
(SCRIPTORIUM_USERNAME_REDIRECT_DAYS). Only 404s are looked at, so other pages cost nothing."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, reverse

from scriptorium.accounts import selectors


class FormerUsernameRedirectMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        match = getattr(request, "resolver_match", None)
        if match is None or "username" not in match.kwargs:
            return response
        old = match.kwargs["username"]
        user = selectors.user_by_former_username(old)
        if user is None:
            return response
        kwargs = {**match.kwargs, "username": user.username}
        if str(kwargs.get("pseud", "")).lower() == old.lower():  # the default pseud was renamed with it
            kwargs["pseud"] = user.username
        try:
            url = reverse(match.view_name, args=match.args, kwargs=kwargs)
        except NoReverseMatch:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
