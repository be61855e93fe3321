"""Serving downloads: ``/works/<id>/download/<format>`` and ``/works/<id>/download/<Title>.<ext>``.

A work the reader may not open answers exactly like a missing one (the same 404). A file not built yet is built
before it is served, or waited for while the background build makes it; when that build is a long one (calibre's
PDF of a very long work) the page says the file is being prepared and reloads itself. A format this archive
cannot build, or a build that failed, gets a page that says so instead of an error. Files carry their hash as
ETag, so a client that has one gets a 304.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils.http import parse_etags
from django.views.decorators.http import require_safe

from scriptorium.transfer.exports import converter_for, format_for_extension, store
from scriptorium.transfer.exports.builds import DownloadFailed, DownloadPending, DownloadUnavailable, download_ready
from scriptorium.transfer.exports.naming import basename, content_disposition
from scriptorium.works import selectors
from scriptorium.works.adult import adult_notice
from scriptorium.works.models import Work
from scriptorium.works.templatetags.works_tags import creator_pseuds

#: How long a client is told to wait before asking again for a file whose build failed.
RETRY_AFTER_SECONDS = 60
#: How often the "being prepared" page reloads itself while a long conversion runs elsewhere.
REFRESH_SECONDS = 10


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
        built = download_ready(work, format_name)
    except DownloadUnavailable:
        context = {"work": work, "label": converter.label, "reason": converter.unavailable_reason()}
        return render(request, "transfer/download_unavailable.html", context, status=404)
    except DownloadPending:
        context = {"work": work, "label": converter.label, "refresh": REFRESH_SECONDS}
        response = render(request, "transfer/download_pending.html", context, status=202)
        response["Refresh"] = str(REFRESH_SECONDS)
        response["Retry-After"] = str(REFRESH_SECONDS)
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
    names = [pseud.display_name for pseud in creator_pseuds(work)]
    response = FileResponse(store.path_of(built.path).open("rb"), content_type=converter.content_type)
    response["Content-Disposition"] = content_disposition(
        basename(work.title, names), converter.extension, fallback=f"work-{work.pk}"
    )
    response["ETag"] = built.etag
    response["Cache-Control"] = cache_control
    response["Content-Length"] = str(built.size)
    return response
