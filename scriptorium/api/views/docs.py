"""The API's front door (``/api/v1/``: where each endpoint is, as JSON) and its documentation page, written on
the server (the usual Swagger and Redoc pages load scripts from elsewhere, which the site's CSP refuses)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

#: (method, path, what it answers) for the documentation page.
ENDPOINTS = [
    ("GET", "/api/v1/works/", "Works listed for you, with the search page's filters, a page at a time."),
    ("GET", "/api/v1/works/{work_id}/", "A work: creators, tags by type, counts, series."),
    ("GET", "/api/v1/works/{work_id}/chapters/", "The work's chapters, in order, without their texts."),
    ("GET", "/api/v1/works/{work_id}/chapters/{chapter_id}/", "One chapter with its text (HTML)."),
    ("GET", "/api/v1/tags/{name}/", "A tag with its canonical tag, synonyms, parents and children."),
    ("GET", "/api/v1/series/{series_id}/", "A series and its works in order."),
    ("GET", "/api/v1/works/{work_id}/kudos/", "The work's kudos, as its page shows them."),
    ("POST", "/api/v1/works/{work_id}/kudos/", "Leave kudos on the work (or, with chapter, on one chapter)."),
    ("GET", "/api/v1/works/{work_id}/comments/", "Every chapter's comment threads, as the page shows them."),
    ("GET", "/api/v1/works/{work_id}/chapters/{chapter_id}/comments/", "One chapter's comment threads."),
    ("POST", "/api/v1/works/{work_id}/chapters/{chapter_id}/comments/", "Comment on the chapter, or reply (parent)."),
    ("GET", "/api/v1/comments/{comment_id}/", "A comment."),
    ("PATCH", "/api/v1/comments/{comment_id}/", "Edit your comment."),
    ("DELETE", "/api/v1/comments/{comment_id}/", "Delete your comment (or one on your work)."),
    ("GET", "/api/v1/bookmarks/", "Your bookmarks, private ones too."),
    ("POST", "/api/v1/bookmarks/", "Bookmark a work or a series: notes, tags, rec, private."),
    ("GET", "/api/v1/bookmarks/{bookmark_id}/", "One of your bookmarks."),
    ("PATCH", "/api/v1/bookmarks/{bookmark_id}/", "Change a bookmark (only the fields you send)."),
    ("DELETE", "/api/v1/bookmarks/{bookmark_id}/", "Delete a bookmark."),
    ("GET", "/api/v1/subscriptions/", "What you are subscribed to."),
    ("POST", "/api/v1/subscriptions/", "Subscribe to a work, a creator, a series, a tag or a saved search."),
    ("DELETE", "/api/v1/subscriptions/{kind}/{target_id}/", "Unsubscribe."),
    ("GET", "/api/v1/marked-for-later/", "Works you marked for later."),
    ("POST", "/api/v1/marked-for-later/", "Mark a work for later."),
    ("DELETE", "/api/v1/marked-for-later/{work_id}/", "Unmark it."),
    ("GET", "/api/v1/history/", "Your reading history, and whether it is on."),
    ("DELETE", "/api/v1/history/", "Clear your history (marks for later stay)."),
    ("DELETE", "/api/v1/history/entries/{reading_id}/", "Forget one entry."),
    ("GET", "/api/v1/history/settings/", "Whether your history is on."),
    ("PUT", "/api/v1/history/settings/", "Turn your history on or off."),
]


@extend_schema(
    responses=inline_serializer("ApiIndex", {"schema": serializers.URLField(), "docs": serializers.URLField()})
)
@api_view(["GET"])
def index(request) -> Response:
    """Where the schema and the documentation are."""
    if request.query_params:
        return Response({name: ["Unknown query parameter."] for name in request.query_params}, status=400)
    return Response(
        {
            "schema": request.build_absolute_uri(reverse("api:schema")),
            "docs": request.build_absolute_uri(reverse("api:docs")),
        }
    )


@require_safe
def docs(request: HttpRequest) -> HttpResponse:
    # A long path may break after each "/" (a phone's width is narrower than the longest).
    endpoints = [
        (m, format_html_join(mark_safe("/<wbr>"), "{}", ((p,) for p in path.split("/"))), a) for m, path, a in ENDPOINTS
    ]
    return render(request, "api/docs.html", {"endpoints": endpoints})
