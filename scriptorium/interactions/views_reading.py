"""History, Marked for Later and the reading position: the account's own pages and the buttons' endpoints.

Every button is a plain form POST followed by a redirect; the reading-position endpoint takes the small
script's ``navigator.sendBeacon`` POST (with the CSRF token in the form data) and answers 204.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from scriptorium.interactions import history
from scriptorium.works.models import Work

#: Entries per page of the history and of Marked for Later.
ENTRIES_PER_PAGE = 20


def _next(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


def _entries(request: HttpRequest, readings: object) -> object:
    page = Paginator(readings, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    for reading in page.object_list:
        reading.continue_url = history.continue_url(reading)
    return page


@login_required
def history_page(request: HttpRequest) -> HttpResponse:
    context = {
        "page": _entries(request, history.history_entries(request.user)),
        "enabled": history.history_enabled(request.user),
    }
    return render(request, "interactions/history.html", context)


@login_required
def later_page(request: HttpRequest) -> HttpResponse:
    return render(request, "interactions/later.html", {"page": _entries(request, history.later_entries(request.user))})


@login_required
@require_POST
def history_settings(request: HttpRequest) -> HttpResponse:
    enabled = request.POST.get("enabled") == "1"
    history.history_set_enabled(actor=request.user, enabled=enabled)
    messages.success(
        request,
        "Your history is on again." if enabled else "Your history is off: the works you open are no longer recorded.",
    )
    return HttpResponseRedirect(reverse("interactions:history"))


@login_required
@require_POST
def history_clear(request: HttpRequest) -> HttpResponse:
    count = history.history_clear(actor=request.user)
    messages.success(request, f"Your history is cleared ({count} work{'s' if count != 1 else ''} forgotten).")
    return HttpResponseRedirect(reverse("interactions:history"))


@login_required
@require_POST
def history_delete(request: HttpRequest, work_id: int) -> HttpResponse:
    if history.history_delete(actor=request.user, work_id=work_id):
        messages.success(request, "That work is gone from your history.")
    return HttpResponseRedirect(reverse("interactions:history"))


@require_POST
def later_mark(request: HttpRequest, work_id: int) -> HttpResponse:
    work = get_object_or_404(Work.objects.listed_for(request.user), pk=work_id)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"{reverse('accounts:login')}?next={work.get_absolute_url()}")
    history.later_mark(actor=request.user, work=work)
    messages.success(request, "Marked for later. You’ll find it under Marked for Later.")
    return _next(request, work.get_absolute_url())


@login_required
@require_POST
def later_unmark(request: HttpRequest, work_id: int) -> HttpResponse:
    if history.later_unmark(actor=request.user, work_id=work_id):
        messages.success(request, "No longer marked for later.")
    return _next(request, reverse("interactions:later"))


@require_POST
def reading_position(request: HttpRequest, work_id: int) -> HttpResponse:
    """Where the reader stopped in the chapter (posted by the reading-position script as they leave)."""
    chapter, paragraph = request.POST.get("chapter", ""), request.POST.get("paragraph", "")
    if request.user.is_authenticated and chapter.isdigit() and paragraph.isdigit():
        history.reading_position_save(
            actor=request.user, work_id=work_id, chapter_id=int(chapter), paragraph=int(paragraph)
        )
    return HttpResponse(status=204)
