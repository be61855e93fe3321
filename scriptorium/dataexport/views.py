"""The data export page (``/account/export``) and the download of the finished ZIP (``…/download``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from scriptorium.dataexport import services

#: How often the page reloads itself while the export is being prepared (it works without JavaScript).
REFRESH_SECONDS = 10


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    """Where the account's export stands; a POST asks for a new one ("Prepare my data")."""
    if request.method == "POST":
        try:
            asked = services.export_request(user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if asked.downloadable:  # built at once (no background worker)
                messages.success(request, "Your data is ready to download.")
            else:
                messages.success(request, "We are preparing your data. We will tell you when it is ready.")
        return redirect("dataexport:export")
    current = services.export_refresh(user=request.user)
    context = {"export": current, "days": services.export_days(), "refresh": REFRESH_SECONDS}
    response = render(request, "dataexport/export.html", context)
    response["Cache-Control"] = "no-store"
    if current is not None and current.in_progress:
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@login_required
@require_safe
def download(request: HttpRequest) -> HttpResponse:
    """The account's own finished export, while it is valid; 404 otherwise (and for anyone else)."""
    current = services.export_for_download(user=request.user)
    if current is None:
        raise Http404("No data export is ready to download.")
    day = current.finished_at.strftime("%Y-%m-%d")
    response = FileResponse(
        services.export_file(current).open("rb"),
        as_attachment=True,
        filename=f"{request.user.username}-data-{day}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response
