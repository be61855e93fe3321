"""A tag's page and the works tagged with it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from scriptorium.tags import selectors
from scriptorium.tags.models import Tag
from scriptorium.works.selectors import works_listed_for_tag
from scriptorium.works.views.listing import paginate_works


def _tag_or_404(name: str) -> Tag:
    tag = selectors.tag_named(name)
    if tag is None:
        raise Http404("No tag found.")
    return tag


def tag_detail(request: HttpRequest, name: str) -> HttpResponse:
    tag = _tag_or_404(name)
    context = {"tag": tag, "work_count": selectors.tag_work_count(request.user, tag)}
    return render(request, "tags/detail.html", context)


def tag_works(request: HttpRequest, name: str) -> HttpResponse:
    tag = _tag_or_404(name)
    page = paginate_works(request, works_listed_for_tag(request.user, tag))
    return render(request, "tags/works.html", {"tag": tag, "page": page})
