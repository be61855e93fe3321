"""History, Marked for Later and the reading position: the account's own pages and the buttons' endpoints.

Every button is a plain form POST followed by a redirect; the reading-position endpoint takes the small
script's ``navigator.sendBeacon`` POST (with the CSRF token in the form data) and answers 204.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from scriptorium.interactions import selectors, services
from scriptorium.interactions.views.common import back_to_next
from scriptorium.works.selectors import work_listed_or_404

#: Entries per page of the history and of Marked for Later.
ENTRIES_PER_PAGE = 20


def _entries(request: HttpRequest, readings: object) -> object:
    page = Paginator(readings, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    for reading in page.object_list:
        reading.continue_url = selectors.continue_url(reading)
    return page


@login_required
def history_page(request: HttpRequest) -> HttpResponse:
    services.history_flush()  # the readings still buffered, so the page shows the one just done
    context = {
        "page": _entries(request, selectors.history_entries(request.user)),
        "enabled": selectors.history_enabled(request.user),
    }
    return render(request, "interactions/history.html", context)


@login_required
def later_page(request: HttpRequest) -> HttpResponse:
    context = {"page": _entries(request, selectors.later_entries(request.user))}
    return render(request, "interactions/later.html", context)


@login_required
@require_POST
def history_settings(request: HttpRequest) -> HttpResponse:
    enabled = request.POST.get("enabled") == "1"
    services.history_set_enabled(actor=request.user, enabled=enabled)
    messages.success(
        request,
        "Your history is on again." if enabled else "Your history is off: the works you open are no longer recorded.",
    )
    return HttpResponseRedirect(reverse("interactions:history"))


@login_required
@require_POST
def history_clear(request: HttpRequest) -> HttpResponse:
    count = services.history_clear(actor=request.user)
    messages.success(request, f"Your history is cleared ({count} work{'s' if count != 1 else ''} forgotten).")
    return HttpResponseRedirect(reverse("interactions:history"))


@login_required
@require_POST
def history_delete(request: HttpRequest, work_id: int) -> HttpResponse:
    if services.history_delete(actor=request.user, work_id=work_id):
        messages.success(request, "That work is gone from your history.")
    return HttpResponseRedirect(reverse("interactions:history"))


@login_required
@require_POST
def history_entry_delete(request: HttpRequest, reading_id: int) -> HttpResponse:
    """Remove an entry by its own id (how a deleted work's entry is named)."""
    if services.history_entry_delete(actor=request.user, reading_id=reading_id):
        messages.success(request, "That entry is gone from your history.")
    return HttpResponseRedirect(reverse("interactions:history"))


@require_POST
def later_mark(request: HttpRequest, work_id: int) -> HttpResponse:
    work = work_listed_or_404(request.user, work_id)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"{reverse('accounts:login')}?next={work.get_absolute_url()}")
    services.later_mark(actor=request.user, work=work)
    messages.success(request, "Marked for later. You’ll find it under Marked for Later.")
    return back_to_next(request, work.get_absolute_url())


@login_required
@require_POST
def later_unmark(request: HttpRequest, work_id: int) -> HttpResponse:
    if services.later_unmark(actor=request.user, work_id=work_id):
        messages.success(request, "No longer marked for later.")
    return back_to_next(request, reverse("interactions:later"))


@login_required
@require_POST
def later_entry_remove(request: HttpRequest, reading_id: int) -> HttpResponse:
    """Take an entry off Marked for Later by its own id (how a deleted work's entry is named)."""
    if services.later_entry_remove(actor=request.user, reading_id=reading_id):
        messages.success(request, "No longer marked for later.")
    return HttpResponseRedirect(reverse("interactions:later"))


@require_POST
def reading_position(request: HttpRequest, work_id: int) -> HttpResponse:
    """Where the reader stopped in the chapter (posted by the reading-position script as they leave)."""
    chapter, paragraph = request.POST.get("chapter", ""), request.POST.get("paragraph", "")
    if request.user.is_authenticated and chapter.isdigit() and paragraph.isdigit():
        services.reading_position_save(
            actor=request.user, work_id=work_id, chapter_id=int(chapter), paragraph=int(paragraph)
        )
    return HttpResponse(status=204)
