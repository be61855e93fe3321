"""The works listing every listing page shares (the search page, all works, a tag's, a pseud's or a user's works):
a public module, so the apps whose pages list works use it without importing another app's views."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.encoding import escape_uri_path

from scriptorium.search.forms import SearchForm
from scriptorium.search.selectors import SHOW_BLOCKED, Scope, works_listing
from scriptorium.works.adult import adult_agreed_ids


def autocomplete_url() -> str:
    return reverse("tags:autocomplete", kwargs={"tag_type": "all"})


def render_listing(
    request: HttpRequest, template: str, context: dict[str, object], *, scope: Scope | None = None
) -> HttpResponse:
    """Render a works listing (the search page, all works, a tag's, a pseud's or a user's works) with the
    filter panel: the URL's query is the search, ``scope`` what the page itself is about."""
    form = SearchForm(request.GET, autocomplete_url=autocomplete_url())
    listing = works_listing(
        request.user,
        form,
        path=escape_uri_path(request.path),
        scope=scope,
        adult_agreed=adult_agreed_ids(request),
        show_blocked=request.GET.get(SHOW_BLOCKED) == "1",
    )
    context = {**context, "listing": listing, "form": form, "page": listing.page}
    return render(request, template, context, status=400 if form.errors else 200)
