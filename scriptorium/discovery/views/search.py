"""``/people/search``, ``/bookmarks/search`` and ``/tags/search``: GET forms, their results paginated."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from scriptorium.discovery.forms import BookmarkSearchForm, PeopleSearchForm, TagSearchForm
from scriptorium.discovery.selectors.bookmarks import bookmarks_search
from scriptorium.discovery.selectors.people import people_search
from scriptorium.discovery.selectors.tags import tags_search

PER_PAGE = 20


def _page(request: HttpRequest, items: object) -> object:
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


def _render(request: HttpRequest, template: str, form: object, page: object) -> HttpResponse:
    return render(request, template, {"form": form, "page": page}, status=400 if form.errors else 200)


@require_GET
def people(request: HttpRequest) -> HttpResponse:
    form = PeopleSearchForm(request.GET, viewer=request.user)
    page = None
    if form.asked and form.is_valid() and form.cleaned_data["name"].strip():
        found = people_search(request.user, name=form.cleaned_data["name"], fandom=form.cleaned_data["fandom_tag"])
        page = _page(request, found)
    return _render(request, "discovery/people.html", form, page)


@require_GET
def tags(request: HttpRequest) -> HttpResponse:
    form = TagSearchForm(request.GET, viewer=request.user)
    page = None
    if form.asked and form.is_valid():
        query = form.tag_query()
        if not form.errors:
            page = _page(request, tags_search(request.user, query))
    return _render(request, "discovery/tags.html", form, page)


@require_GET
def bookmarks(request: HttpRequest) -> HttpResponse:
    form = BookmarkSearchForm(request.GET, viewer=request.user)
    page = None
    if form.is_valid() and (query := form.bookmark_query()) is not None:
        page = _page(request, bookmarks_search(request.user, query))
    return _render(request, "discovery/bookmarks.html", form, page)
