"""Atom feeds (``…/feed.atom``) with conditional GET, and the page of an account's private feed addresses."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_GET, require_http_methods

from scriptorium.feeds import atom, selectors, services
from scriptorium.feeds.selectors import FeedSource

CONTENT_TYPE = "application/atom+xml; charset=utf-8"


def _respond(request: HttpRequest, source: FeedSource) -> HttpResponse:
    etag = atom.etag_of(source.key, source.works)
    modified = atom.last_modified_of(source.works)
    last_modified = int(modified.timestamp()) if modified else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        host = request.get_host().split(":")[0]
        body = atom.feed_document(
            title=f"{source.title} | {settings.SITE_NAME}",
            page_url=request.build_absolute_uri(source.page_path),
            feed_url=request.build_absolute_uri(request.path),
            feed_id=f"tag:{host},2026:feeds/{source.key}",
            host=host,
            works=source.works,
            absolute=request.build_absolute_uri,
            site=settings.SITE_NAME,
        )
        response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "private, max-age=300" if source.private else "public, max-age=300"
    if source.private:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def tag_feed(request: HttpRequest, name: str) -> HttpResponse:
    return _respond(request, selectors.tag_feed_or_404(name))


@require_GET
def user_feed(request: HttpRequest, username: str) -> HttpResponse:
    return _respond(request, selectors.user_feed_or_404(username))


@require_GET
def pseud_feed(request: HttpRequest, username: str, pseud: str) -> HttpResponse:
    return _respond(request, selectors.pseud_feed_or_404(username, pseud))


@require_GET
def series_feed(request: HttpRequest, series_id: int) -> HttpResponse:
    return _respond(request, selectors.series_feed_or_404(series_id))


@require_GET
def saved_search_feed(request: HttpRequest, saved_id: int, token: str) -> HttpResponse:
    return _respond(request, selectors.saved_search_feed_or_404(saved_id, token))


@login_required
@require_http_methods(["GET", "POST"])
def private_feeds(request: HttpRequest) -> HttpResponse:
    """The account's saved searches with their private feed addresses; a POST makes or renews the token."""
    if request.method == "POST":
        had = selectors.feed_token_of(request.user) is not None
        services.feed_token_renew(user=request.user)
        messages.success(
            request, "New feed addresses made: the old ones no longer work." if had else "Feed addresses made."
        )
        return HttpResponseRedirect(reverse("feeds:private"))
    token = selectors.feed_token_of(request.user)
    rows = []
    for saved in selectors.saved_searches_of(request.user):
        url = ""
        if token is not None:
            url = request.build_absolute_uri(
                reverse("feeds:saved_search", kwargs={"saved_id": saved.pk, "token": token.key})
            )
        rows.append((saved, url))
    return render(request, "feeds/private.html", {"token": token, "rows": rows})
