"""A reader's shelves (reading, to read, finished, dropped) as works listings: the same filters, sorts and pages
as every works listing, scoped to the works the reader put on that shelf (``interactions`` keeps the shelves)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from scriptorium.interactions.models import ShelfStatus
from scriptorium.interactions.selectors import shelf_counts
from scriptorium.search.listing import render_listing
from scriptorium.search.selectors import Scope


@login_required
@require_safe
def shelf_page(request: HttpRequest, status: str) -> HttpResponse:
    if status not in ShelfStatus.values:
        raise Http404("No such shelf.")
    shelves = [(s.value, s.label, n) for s, n in zip(ShelfStatus, shelf_counts(request.user).values(), strict=True)]
    context = {"shelf": ShelfStatus(status), "shelves": shelves}
    return render_listing(
        request, "search/shelf.html", context, scope=Scope(shelf_user_id=request.user.pk, shelf_status=status)
    )
