"""The catalogs' addresses: thin views that find the reader (a guest, or the account of a private feed token),
fill a catalog page and write it as OPDS 1.2 (Atom) or OPDS 2.0 (JSON), with conditional GET (ETag and
Last-Modified, 304). Covers are PNG files drawn once per title and creators."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from scriptorium.core.clients import client_key
from scriptorium.opds import covers, opds1, opds2, pages, selectors
from scriptorium.opds.catalog import Addresses, Catalog
from scriptorium.opds.selectors import BadQuery, Reader
from scriptorium.transfer.exports import converter_for, format_for_extension, store
from scriptorium.transfer.exports.builds import (
    DownloadFailed,
    DownloadPending,
    DownloadThrottled,
    DownloadUnavailable,
)
from scriptorium.transfer.exports.naming import content_disposition
from scriptorium.transfer.services.downloads import download_request
from scriptorium.works.bylines import byline_of

#: How long clients and shared caches may keep a public catalog page or a cover.
MAX_AGE = 300
COVER_MAX_AGE = 86400


def _reader(token: str) -> Reader:
    return selectors.reader_for_token_or_404(token) if token else selectors.GUEST


def _addresses(request: HttpRequest, version: int, token: str) -> Addresses:
    return Addresses(version=version, token=token, absolute=request.build_absolute_uri)


def _caching(response: HttpResponse, reader: Reader, max_age: int) -> HttpResponse:
    response["Cache-Control"] = f"{'private' if reader.personal else 'public'}, max-age={max_age}"
    if reader.personal:
        response["X-Robots-Tag"] = "noindex"
    return response


def _respond(request: HttpRequest, reader: Reader, catalog: Catalog, version: int) -> HttpResponse:
    if version == 1:
        body = opds1.feed_document(catalog, site=settings.SITE_NAME, site_url=request.build_absolute_uri("/"))
        content_type = opds1.response_type(catalog.kind)
    else:
        body = opds2.feed_document(catalog)
        content_type = opds2.CONTENT_TYPE
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    last_modified = int(catalog.updated.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Vary"] = "Accept-Encoding"
    return _caching(response, reader, MAX_AGE)


def _bad(error: BadQuery) -> HttpResponse:
    return HttpResponse(str(error) or "Bad request.", status=400, content_type="text/plain; charset=utf-8")


@require_safe
def root(request: HttpRequest, version: int, token: str = "") -> HttpResponse:
    reader = _reader(token)
    return _respond(request, reader, pages.root(reader, _addresses(request, version, token)), version)


@require_safe
def works(request: HttpRequest, version: int, token: str = "") -> HttpResponse:
    reader = _reader(token)
    try:
        catalog = pages.works(reader, _addresses(request, version, token), request.GET)
    except BadQuery as error:
        return _bad(error)
    return _respond(request, reader, catalog, version)


@require_safe
def tag(request: HttpRequest, version: int, name: str, token: str = "") -> HttpResponse:
    reader = _reader(token)
    try:
        catalog = pages.tag_works(reader, _addresses(request, version, token), name, request.GET)
    except BadQuery as error:
        return _bad(error)
    return _respond(request, reader, catalog, version)


@require_safe
def navigation(request: HttpRequest, version: int, which: str, token: str = "") -> HttpResponse:
    reader = _reader(token)
    build = {"fandoms": pages.fandoms, "tags": pages.tags, "languages": pages.languages}[which]
    return _respond(request, reader, build(reader, _addresses(request, version, token)), version)


@require_safe
def shelf(request: HttpRequest, version: int, which: str, token: str) -> HttpResponse:
    reader = _reader(token)
    return _respond(
        request, reader, pages.shelf(reader, _addresses(request, version, token), which, request.GET), version
    )


@require_safe
def publication(request: HttpRequest, version: int, work_id: int, token: str = "") -> HttpResponse:
    """One work's entry: an OPDS 1.2 entry document or an OPDS 2.0 publication."""
    reader = _reader(token)
    item = pages.single(reader, _addresses(request, version, token), work_id)
    if version == 1:
        body, content_type = opds1.entry_document(item), f"{opds1.ENTRY_TYPE}; charset=utf-8"
    else:
        body, content_type = opds2.publication_document(item), opds2.PUBLICATION_TYPE
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    return _caching(response, reader, MAX_AGE)


@require_safe
def opensearch(request: HttpRequest, version: int, token: str = "") -> HttpResponse:
    reader = _reader(token)
    template = _addresses(request, 1, token).url("works") + "?q={searchTerms}"
    body = opds1.opensearch_document(site=settings.SITE_NAME, template=template)
    response = HttpResponse(body, content_type=opds1.OPENSEARCH_TYPE)
    return _caching(response, reader, MAX_AGE)


@require_safe
def cover(request: HttpRequest, version: int, work_id: int, variant: str, token: str = "") -> HttpResponse:
    reader = _reader(token)
    text = covers.cover_text(selectors.cover_work_or_404(reader, work_id))
    etag = f'"{text.key}-{variant}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = FileResponse(covers.cover_file(text, variant).open("rb"), content_type="image/png")
    response["ETag"] = etag
    return _caching(response, reader, COVER_MAX_AGE)


def _plain(text: str, status: int, retry: int | None = None) -> HttpResponse:
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    if retry is not None:
        response["Retry-After"] = str(retry)
        response["Cache-Control"] = "no-store"
    return response


@require_safe
def download(request: HttpRequest, version: int, work_id: int, slug: str, extension: str, token: str) -> HttpResponse:
    """A work's file through the personal catalog: an e-reader cannot log in, so the token stands for the account
    (its restricted works too). The same files and build queue as the work page's downloads; an adult work's file
    is sent when the address says ``view_adult=true`` (as the catalog's links do) or the account chose to see
    adult works without asking."""
    reader = _reader(token)
    work = selectors.cover_work_or_404(reader, work_id)
    format_name = format_for_extension(extension)
    converter = converter_for(format_name) if format_name else None
    if converter is None:
        raise Http404("No such download format.")
    if work.is_adult and request.GET.get("view_adult") != "true" and not reader.user.view_adult:
        return _plain(f"This work is rated {work.rating}: ask for it with ?view_adult=true.", 403)
    try:
        built = download_request(work=work, format_name=format_name, client=client_key(request, "downloads"))
    except DownloadUnavailable:
        return _plain(converter.unavailable_reason(), 404)
    except DownloadPending:
        return _plain("The file is being prepared: ask again in a moment.", 202, retry=10)
    except DownloadThrottled:
        return _plain("Too many files are being prepared for you: ask again in a minute.", 429, retry=60)
    except DownloadFailed:
        return _plain("The file could not be made; it will be tried again.", 503, retry=60)
    response = get_conditional_response(request, etag=built.etag)
    if response is None:
        names = byline_of(work).names
        response = FileResponse(store.path_of(built.path).open("rb"), content_type=converter.content_type)
        response["Content-Disposition"] = content_disposition(
            work.title, names, converter.extension, fallback=f"work-{work.pk}"
        )
        response["Content-Length"] = str(built.size)
    response["ETag"] = built.etag
    return _caching(response, reader, 0)
