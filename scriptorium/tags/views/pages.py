"""A tag's page, the works found under it, and tag autocomplete. A synonym's pages redirect to its canonical
tag's, which list its works too (through the filter table)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from scriptorium.search.listing import render_listing
from scriptorium.search.selectors import Scope, works_count_under_tag
from scriptorium.tags import selectors
from scriptorium.tags.filters import pending_refreshes
from scriptorium.tags.models import Tag
from scriptorium.tags.wrangling import can_wrangle
from scriptorium.works.selectors import works_visible


def _shown_with(request: HttpRequest) -> QuerySet | None:
    """The works whose tags this reader may learn of (None for wranglers, who see every tag)."""
    return None if can_wrangle(request.user) else works_visible(request.user)


def _tag_or_404(request: HttpRequest, name: str) -> Tag:
    """The tag, if the reader may learn of it: a tag only drafts or hidden works carry answers as unknown."""
    tag = selectors.tag_named(name, shown_with=_shown_with(request))
    if tag is None:
        raise Http404("No tag found.")
    return tag


def _to_canonical(request: HttpRequest, tag: Tag, view_name: str) -> HttpResponseRedirect | None:
    if tag.merger is None:
        return None
    url = reverse(view_name, kwargs={"name": tag.merger.name})
    query = request.GET.urlencode()
    return HttpResponseRedirect(f"{url}?{query}" if query else url)


@require_GET
def tag_detail(request: HttpRequest, name: str) -> HttpResponse:
    tag = _tag_or_404(request, name)
    if redirect := _to_canonical(request, tag, "tags:detail"):
        return redirect
    wrangler = can_wrangle(request.user)
    context = {
        "tag": tag,
        "page": selectors.tag_page(tag, shown_with=_shown_with(request)),
        "work_count": works_count_under_tag(request.user, tag),
        "wrangler": wrangler,
        "pending": pending_refreshes() if wrangler else [],
    }
    return render(request, "tags/detail.html", context)


@require_GET
def tag_works(request: HttpRequest, name: str) -> HttpResponse:
    tag = _tag_or_404(request, name)
    if redirect := _to_canonical(request, tag, "tags:works"):
        return redirect
    return render_listing(request, "tags/works.html", {"tag": tag}, scope=Scope(tag=tag))


@require_GET
def tag_autocomplete(request: HttpRequest, tag_type: str) -> JsonResponse:
    """``/tags/autocomplete/<type>?q=nat`` (type "all" for any): up to 15 tags, canonical ones first, synonyms
    with the canonical tag they lead to."""
    query = request.GET.get("q", "")[:100]
    results = selectors.tags_autocomplete(
        q=query, tag_type=None if tag_type == "all" else tag_type, shown_with=_shown_with(request)
    )
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "private, max-age=60"  # what it lists depends on the reader
    return response
