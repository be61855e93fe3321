"""KOReader's progress sync protocol under ``/kosync/``, answered as its own sync server answers
(koreader-sync-server): the same addresses, JSON bodies, status codes and error numbers, so KOReader's "Progress
sync" plugin, pointed at ``https://<archive>/kosync``, works unchanged.

KOReader logs in with the archive username and the account's sync key (``/account/kosync``), never the archive
password; it sends the key's MD5 as ``x-auth-key``. Every refused sign-in answers the same 401, whether the
username exists or not; too many from one address or for one username answer 429 with ``Retry-After``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from scriptorium.core.clients import client_ip
from scriptorium.core.ratelimit import RateLimited, rate_limit_hit
from scriptorium.kosync import selectors, services
from scriptorium.kosync.inputs import BODY_MAX, InputError, ProgressInput, RegisterInput, document_id

#: The sync server's errors: number → (status, message).
ERRORS = {
    2001: (401, "Unauthorized"),
    2002: (402, "Username is already registered."),
    2003: (403, "Invalid request"),
    2004: (403, "Field 'document' not provided."),
    2005: (402, "User registration is disabled."),
}
_BLOCKED = "kosync:blocked:{}"


def _json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _error(code: int, detail: str = "") -> JsonResponse:
    status, message = ERRORS[code]
    if detail and detail != message:
        message = f"{message}: {detail}" if code == 2003 else detail
    return _json({"code": code, "message": message}, status=status)


def too_many(retry_after: int) -> JsonResponse:
    response = _json({"code": 2001, "message": "Too many attempts; try again later."}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def sign_in_idents(request: HttpRequest, username: str) -> list[str]:
    return [f"ip:{client_ip(request)}", f"user:{username.lower()[:150]}"]


def sign_in_blocked(idents: list[str]) -> int:
    return max((cache.get(_BLOCKED.format(i)) or 0 for i in idents), default=0)


def sign_in_refused(idents: list[str]) -> JsonResponse:
    for ident in idents:
        try:
            rate_limit_hit("kosync_auth", ident)
        except RateLimited as limited:
            cache.set(_BLOCKED.format(ident), limited.retry_after, timeout=limited.retry_after)
            return too_many(limited.retry_after)
    return _error(2001)


def _too_large(request: HttpRequest) -> bool:
    try:
        return int(request.headers.get("Content-Length") or 0) > BODY_MAX
    except ValueError:
        return True


View = Callable[..., HttpResponse]


def _authorized(view: View) -> View:
    """Runs ``view(request, user, …)`` for a device that sent a username and a confirmed sync key."""

    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        username = request.headers.get("x-auth-user", "").strip()
        auth_key = request.headers.get("x-auth-key", "").strip()
        idents = sign_in_idents(request, username)
        wait = sign_in_blocked(idents)
        if wait:
            return too_many(wait)
        found = selectors.user_for_key(username, auth_key) if username and auth_key else None
        if found is None:
            return sign_in_refused(idents)
        user, key = found
        services.sync_key_used(key=key)
        return view(request, user, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@csrf_exempt
@require_http_methods(["POST"])
def users_create(request: HttpRequest) -> HttpResponse:
    """KOReader's "Register". Closed unless the operator allows it; then it asks to pair the device with the
    account, which its owner confirms on ``/account/kosync`` (the answer is the same whether it exists)."""
    if not settings.SCRIPTORIUM_KOSYNC_REGISTRATION:
        return _error(2005)
    if _too_large(request):
        return _json({"code": 2003, "message": f"Invalid request: the body is larger than {BODY_MAX} bytes."}, 413)
    try:
        data = RegisterInput.from_body(request.body)
    except InputError as error:
        return _error(error.code, str(error))
    idents = sign_in_idents(request, data.username)
    wait = sign_in_blocked(idents)
    if wait:
        return too_many(wait)
    try:
        for ident in idents:
            rate_limit_hit("kosync_auth", ident)
    except RateLimited as limited:
        return too_many(limited.retry_after)
    services.sync_key_request(username=data.username, auth_key=data.password, device="KOReader")
    return _json({"username": data.username}, status=201)


@require_GET
@_authorized
def users_auth(request: HttpRequest, user: object) -> HttpResponse:
    return _json({"authorized": "OK"})


@csrf_exempt
@require_http_methods(["PUT"])
@_authorized
def progress_update(request: HttpRequest, user: object) -> HttpResponse:
    """A device's place in a document. When the document is a file this archive served, the reader's history
    moves there too."""
    if _too_large(request):
        return _json({"code": 2003, "message": f"Invalid request: the body is larger than {BODY_MAX} bytes."}, 413)
    try:
        data = ProgressInput.from_body(request.body)
    except InputError as error:
        return _error(error.code, str(error))
    try:
        stored = services.progress_put(
            user=user,
            document=data.document,
            progress=data.progress,
            percentage=data.percentage,
            device=data.device,
            device_id=data.device_id,
        )
    except ValidationError as error:
        return _error(2003, " ".join(error.messages))
    return _json({"document": stored.document, "timestamp": int(stored.updated_at.timestamp())})


@require_GET
@_authorized
def progress_get(request: HttpRequest, user: object, document: str) -> HttpResponse:
    """The latest place for a document: another device's, or the web's when the reader read there since."""
    try:
        document = document_id(document)
    except InputError as error:
        return _error(error.code, str(error))
    if not selectors.digest_known(document):
        services.documents_fingerprint()
    return _json(selectors.progress_answer(user, document))


@require_GET
def healthcheck(request: HttpRequest) -> HttpResponse:
    return _json({"state": "OK"})
