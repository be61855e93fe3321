"""Putting a work on one of the reader's shelves, from the work page's form (no JavaScript needed). The shelf
pages themselves are works listings, drawn by the search app (``search.shelves``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from scriptorium.interactions import services
from scriptorium.interactions.models import ShelfStatus
from scriptorium.interactions.views.common import back_to_next
from scriptorium.works.selectors import work_listed_or_404


@require_POST
def shelf_set(request: HttpRequest, work_id: int) -> HttpResponse:
    work = work_listed_or_404(request.user, work_id)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"{reverse('accounts:login')}?next={work.get_absolute_url()}")
    status = request.POST.get("status", "")
    if status and status not in ShelfStatus.values:
        messages.error(request, "Choose one of the shelves.")
        return back_to_next(request, work.get_absolute_url())
    services.shelf_set(actor=request.user, work_id=work.pk, status=status)
    if status:
        messages.success(request, f"Put on your shelf “{ShelfStatus(status).label}”.")
    else:
        messages.success(request, "Taken off your shelves.")
    return back_to_next(request, work.get_absolute_url())
