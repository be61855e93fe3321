"""The works search page, the syntax help, and the reader's exclusions and saved searches (the listing pages'
shared renderer is ``search.listing``)."""

from __future__ import annotations

from urllib.parse import parse_qsl

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from scriptorium.core.forms import add_service_errors
from scriptorium.search import selectors, services
from scriptorium.search.forms import (
    MAX_QUERY_CHARS,
    ExcludedTagForm,
    SavedSearchForm,
    SavedSearchRenameForm,
)
from scriptorium.search.listing import autocomplete_url, render_listing
from scriptorium.search.selectors import CHIP_LABELS


@require_GET
def work_search(request: HttpRequest) -> HttpResponse:
    """``/works/search``: every listed work, filtered and searched by the URL's query."""
    context: dict[str, object] = {"searching": True}
    if request.user.is_authenticated:
        context["save_form"] = SavedSearchForm(initial={"query_string": request.GET.urlencode()})
    return render_listing(request, "search/results.html", context)


@require_GET
def search_help(request: HttpRequest) -> HttpResponse:
    return render(request, "search/help.html", {"max_query_chars": MAX_QUERY_CHARS})


# --- Excluded tags ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def excluded_tags(request: HttpRequest) -> HttpResponse:
    form = ExcludedTagForm(request.POST or None, autocomplete_url=autocomplete_url())
    if request.method == "POST" and form.is_valid():
        try:
            added = services.excluded_tag_add(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Works tagged “{added.tag.name}” are now left out of every listing.")
            return HttpResponseRedirect(reverse("search:excluded"))
    rows = selectors.excluded_tags_of(request.user)
    context = {"form": form, "rows": rows, "max_rows": services.EXCLUDED_TAGS_MAX}
    return render(request, "search/excluded.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def excluded_tag_remove(request: HttpRequest, excluded_id: int) -> HttpResponse:
    try:
        services.excluded_tag_remove(user=request.user, excluded_id=excluded_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Removed from your excluded tags.")
    return HttpResponseRedirect(reverse("search:excluded"))


# --- Saved searches -----------------------------------------------------------------------------------------


def _saved_page(request: HttpRequest, *, status: int = 200, rename_errors: dict | None = None) -> HttpResponse:
    rows = selectors.saved_searches_of(request.user)
    for row in rows:
        pairs = parse_qsl(row.query_string)
        row.summary = " · ".join(f"{CHIP_LABELS.get(key, key)}: {value}" for key, value in pairs if key in CHIP_LABELS)
    context = {
        "rows": rows,
        "search_url": reverse("search:works"),
        "max_rows": services.SAVED_SEARCHES_MAX,
        "rename_errors": rename_errors or {},
    }
    return render(request, "search/saved.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def saved_searches(request: HttpRequest) -> HttpResponse:
    """The reader's saved searches; a POST (from the results page) saves one."""
    if request.method == "GET":
        return _saved_page(request)
    form = SavedSearchForm(request.POST)
    if form.is_valid():
        try:
            saved = services.saved_search_create(
                user=request.user, name=form.cleaned_data["name"], query_string=form.cleaned_data["query_string"]
            )
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, f"Saved “{saved.name}”.")
            return HttpResponseRedirect(reverse("search:saved"))
    else:
        problems = ["Give the search a name (100 characters at most)."]
    # Back to the same search, with the reason it was not saved.
    messages.error(request, "The search was not saved: " + " ".join(problems))
    query = services.clean_query_string(request.POST.get("query_string", ""))
    url = reverse("search:works")
    return HttpResponseRedirect(f"{url}?{query}" if query else url)


@login_required
@require_POST
def saved_search_rename(request: HttpRequest, saved_id: int) -> HttpResponse:
    form = SavedSearchRenameForm(request.POST)
    if form.is_valid():
        try:
            services.saved_search_rename(user=request.user, saved_id=saved_id, name=form.cleaned_data["name"])
        except ValidationError as error:
            return _saved_page(request, status=400, rename_errors={saved_id: error.messages})
        messages.success(request, "Renamed.")
        return HttpResponseRedirect(reverse("search:saved"))
    return _saved_page(
        request, status=400, rename_errors={saved_id: ["Give the search a name (100 characters at most)."]}
    )


@login_required
@require_POST
def saved_search_delete(request: HttpRequest, saved_id: int) -> HttpResponse:
    try:
        services.saved_search_delete(user=request.user, saved_id=saved_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Deleted the saved search.")
    return HttpResponseRedirect(reverse("search:saved"))
