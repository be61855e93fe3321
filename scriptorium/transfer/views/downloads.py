"""Serving downloads: ``/works/<id>/download/<format>`` and ``/works/<id>/download/<Title>.<ext>``.

A work the reader may not open answers exactly like a missing one (the same 404). A request never builds a file
and never waits for one: a file not built yet is built in the background and the reader gets, at once, a page
that says it is being prepared and reloads itself (202, ``Refresh`` and ``Retry-After``). A reader who already
has several builds pending is asked to wait (429). A format this archive cannot build, or a build that failed,
gets a page that says so instead of an error. Files carry their hash as ETag, so a client that has one gets a 304.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils.http import parse_etags
from django.views.decorators.http import require_safe

from scriptorium.core.clients import client_key
from scriptorium.transfer.exports import converter_for, format_for_extension, store
from scriptorium.transfer.exports.builds import (
    DownloadFailed,
    DownloadPending,
    DownloadThrottled,
    DownloadUnavailable,
)
from scriptorium.transfer.exports.naming import content_disposition
from scriptorium.transfer.services.downloads import download_request
from scriptorium.works import selectors
from scriptorium.works.adult import adult_notice
from scriptorium.works.bylines import byline_of
from scriptorium.works.models import Work

#: How long a client is told to wait before asking again for a file whose build failed.
RETRY_AFTER_SECONDS = 60
#: How often the "being prepared" page reloads itself: our own formats take a moment, calibre's a while.
REFRESH_SECONDS = 3
REFRESH_SECONDS_CONVERSION = 10
#: How long a reader with too many builds pending is asked to wait.
BUSY_RETRY_SECONDS = 60


@require_safe
def download(request: HttpRequest, work_id: int, format_name: str) -> HttpResponse:
    """A work's file in one format (``format_name`` as in SCRIPTORIUM_DOWNLOAD_FORMATS: epub, pdf, md…)."""
    work = selectors.work_visible_or_404(request.user, work_id, for_page=True)
    if converter_for(format_name) is None:
        raise Http404("No such download format.")
    return _serve(request, work, format_name)


@require_safe
def download_file(request: HttpRequest, work_id: str, slug: str, extension: str) -> HttpResponse:
    """The same file under a readable name (``/works/42/download/A_Quiet_Evening.epub``); the name is ignored."""
    work = selectors.work_visible_or_404(request.user, int(work_id), for_page=True)
    format_name = format_for_extension(extension)
    if format_name is None:
        raise Http404("No such download format.")
    return _serve(request, work, format_name)


def _serve(request: HttpRequest, work: Work, format_name: str) -> HttpResponse:
    creator = selectors.is_creator(request.user, work)
    notice = adult_notice(request, work, creator=creator)
    if notice is not None:
        return notice
    converter = converter_for(format_name)
    assert converter is not None
    try:
        built = download_request(work=work, format_name=format_name, client=client_key(request, "downloads"))
    except DownloadUnavailable:
        context = {"work": work, "label": converter.label, "reason": converter.unavailable_reason()}
        return render(request, "transfer/download_unavailable.html", context, status=404)
    except DownloadPending:
        refresh = REFRESH_SECONDS_CONVERSION if converter.programs else REFRESH_SECONDS
        context = {"work": work, "label": converter.label, "refresh": refresh}
        response = render(request, "transfer/download_pending.html", context, status=202)
        response["Refresh"] = str(refresh)
        response["Retry-After"] = str(refresh)
        response["Cache-Control"] = "no-store"
        return response
    except DownloadThrottled:
        context = {"work": work, "label": converter.label, "retry": BUSY_RETRY_SECONDS}
        response = render(request, "transfer/download_busy.html", context, status=429)
        response["Retry-After"] = str(BUSY_RETRY_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    except DownloadFailed:
        context = {"work": work, "label": converter.label}
        response = render(request, "transfer/download_failed.html", context, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    public = work.posted and not work.restricted and not work.hidden
    cache_control = f"{'public' if public else 'private'}, no-cache"
    if built.etag in parse_etags(request.headers.get("If-None-Match", "")) or "*" in request.headers.get(
        "If-None-Match", ""
    ):
        response = HttpResponseNotModified()
        response["ETag"] = built.etag
        response["Cache-Control"] = cache_control
        return response
    names = byline_of(work).names
    response = FileResponse(store.path_of(built.path).open("rb"), content_type=converter.content_type)
    response["Content-Disposition"] = content_disposition(
        work.title, names, converter.extension, fallback=f"work-{work.pk}"
    )
    response["ETag"] = built.etag
    response["Cache-Control"] = cache_control
    response["Content-Length"] = str(built.size)
    return response
