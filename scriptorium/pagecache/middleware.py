"""The guest page cache: whole pages for readers without an account, kept per address and variant.

Answered from the cache only, and kept only, when all of these hold (else the page is built as always and sent
``Cache-Control: private``):

- a GET or HEAD (kept from a GET) of a page named in ``pages.PAGES``, the cache on (``SCRIPTORIUM_PAGE_CACHE``);
- no account (logged-in readers have mutes, excluded tags, their history: never a shared page), no flash
  message waiting, not the adult notice's "Proceed" (``view_adult``, which writes the session);
- and, to be kept: a 200 with its whole content (at most ``MAX_BYTES``), setting no cookie, leaving the
  session unchanged, no message added, the CSP nonce unused.

The key: the scheme, host, address with its query sorted, the page's variants and its generations. A CSRF
token in a kept page is stored as a blank and filled with the reader's own on the way out, so a form on a cached
page posts as that reader. Visits the page counted as it was built (a guest's hit) are done again for each
reader it is given to (``core.pagecache.replay_on_hit``). Answers carry ``X-Cache: hit`` or ``miss``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control

from scriptorium.comfort.styles import COOKIE as STYLE_COOKIE
from scriptorium.comfort.styles import style_from_cookie
from scriptorium.core.pagecache import NOT_KEPT, Replay, replays_collect, replays_collected
from scriptorium.interactions.guests import client_ip, transient_guest_key
from scriptorium.interactions.services.hits import hits_record, reader_key
from scriptorium.pagecache.generations import generations_read
from scriptorium.pagecache.pages import PAGES
from scriptorium.skins.preference import hidden_by_cookie as skins_hidden_by_cookie

#: The hidden input Django's ``{% csrf_token %}`` writes (user HTML cannot hold an ``<input>``: core.sanitize).
CSRF_INPUT = re.compile(rb'<input type="hidden" name="csrfmiddlewaretoken" value="[A-Za-z0-9]{32,64}">')
CSRF_BLANK = b'<input type="hidden" name="csrfmiddlewaretoken" value="">'
#: Headers of the page itself worth keeping (the rest are added by the middleware above on every answer).
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")
#: A page larger than this (a long novel read whole) is built each time rather than fill the cache's memory.
MAX_BYTES = 1_000_000


@dataclass
class Entry:
    content: bytes
    headers: dict[str, str]
    csrf: bool
    replays: list[Replay] = field(default_factory=list)


@dataclass
class _Pending:
    key: str
    token: object


def _guest_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or "view_adult" in request.GET:
        return False
    if "authorization" in request.headers:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return False
    return not request.user.is_authenticated


def _key(request: HttpRequest, name: str, kwargs: dict[str, object]) -> str:
    page = PAGES[name]
    query = urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))
    parts = [
        request.scheme or "",
        request.get_host(),
        name,
        request.path,
        query,
        *page.variants(request, kwargs),
        # The reader's own style (comfort): its stylesheet's address is in the page.
        "style:" + style_from_cookie(request.COOKIES.get(STYLE_COOKIE)).as_cookie(),
        # Whether they hide creators' work skins (skins): the skin's stylesheet is linked in the page or not.
        f"skins:{int(skins_hidden_by_cookie(request))}",
        *generations_read(page.generations(kwargs)),
    ]
    return "page:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _public(response: HttpResponse, state: str) -> None:
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.SCRIPTORIUM_PAGE_CACHE_PROXY_SECONDS)
    response["X-Cache"] = state


def _private(response: HttpResponse) -> None:
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True)


def _replay(request: HttpRequest, replays: list[Replay]) -> None:
    for name, payload in replays:
        if name == "hit":
            reader = reader_key(user_id=None, guest_key=transient_guest_key(client_ip(request)))
            hits_record(work_id=payload["work_id"], reader=reader, chapter_id=payload.get("chapter_id"))


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming or response.cookies:
        return False
    if len(response.content) > MAX_BYTES:
        return False
    if "Cache-Control" in response or "Vary" in response or "Set-Cookie" in response:
        return False  # the view decided for itself
    if request.user.is_authenticated or getattr(request.session, "modified", False):
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return False
    nonce = getattr(request, "_csp_nonce", None)
    return not nonce  # a LazyNonce is true once the page used it: a nonce must not be given twice


def _store(request: HttpRequest, response: HttpResponse, key: str, replays: list[Replay]) -> None:
    content, count = CSRF_INPUT.subn(CSRF_BLANK, response.content)
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    entry = Entry(content=content, headers=headers, csrf=bool(count), replays=replays)
    caches["pages"].set(key, entry, timeout=settings.SCRIPTORIUM_PAGE_CACHE_SECONDS)


def _answer(request: HttpRequest, entry: Entry) -> HttpResponse:
    content = entry.content
    if entry.csrf:  # this reader's own token (and CSRF cookie, set by CsrfViewMiddleware on the way out)
        mine = f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">'.encode()
        content = content.replace(CSRF_BLANK, mine)
    response = HttpResponse(content)
    for name, value in entry.headers.items():
        response[name] = value
    _replay(request, entry.replays)
    _public(response, "hit")
    return response


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        pending: _Pending | None = getattr(request, "_page_pending", None)
        if pending is None:
            if getattr(request, "_page_hit", False):
                return response
            _private(response)
            return response
        replays = replays_collected(pending.token)
        if _keepable(request, response) and (NOT_KEPT, {}) not in replays:
            _store(request, response, pending.key, replays)
            _public(response, "miss")
        else:
            _private(response)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict[str, object]
    ) -> HttpResponse | None:
        match = request.resolver_match
        name = match.view_name if match is not None else ""
        if not getattr(settings, "SCRIPTORIUM_PAGE_CACHE", False) or name not in PAGES:
            return None
        if not _guest_request(request):
            return None
        key = _key(request, name, kwargs)
        entry = caches["pages"].get(key)
        if isinstance(entry, Entry):
            request._page_hit = True
            return _answer(request, entry)
        request._page_pending = _Pending(key=key, token=replays_collect())
        return None
