"""What every endpoint of /api/v1/ shares: the base view (known query parameters, ETags on reads), the documented
error answers, the account a write or a personal list needs, a work looked up as its page looks it up, the
services' refusals as HTTP answers, and pages of a personal list behind the same opaque cursor as the works list."""

from __future__ import annotations

import contextlib
import hashlib

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.cache import patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, status
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from scriptorium.api.authentication import TokenScopeAllows
from scriptorium.api.listing import cursor_decode, cursor_encode
from scriptorium.api.params import KnownParamsMixin, page_size
from scriptorium.works import selectors as work_selectors

#: Ids are 64-bit signed integers in the database; larger ones name nothing.
ID_MAX = 2**63 - 1

LOG_IN = "This work is only available to registered users of the archive: authenticate (a token or your session)."


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(OpenApiTypes.OBJECT, description=description)


E400 = _error("Bad input: each field named with what is wrong, or the archive's refusal as `detail`.")
E401 = _error("Not authenticated (or an invalid or revoked token): this needs an account.")
E403 = _error("Refused: a read-only token, a missing CSRF token, or what the archive does not allow.")
E404 = _error("Not found, or not for this reader (the same answer).")
E429 = _error("Too many requests: wait Retry-After seconds.")
NOT_MODIFIED = OpenApiResponse(description="Unchanged since the ETag given in If-None-Match.")

#: A read: guests may ask; a restricted work asks a guest to authenticate (401).
READ_ERRORS = {304: NOT_MODIFIED, 400: E400, 401: E401, 404: E404, 429: E429}
#: A write or one's own list: an account (a write token, or the session with its CSRF token).
WRITE_ERRORS = {400: E400, 401: E401, 403: E403, 404: E404, 429: E429}
ACCOUNT_READ_ERRORS = {304: NOT_MODIFIED, 400: E400, 401: E401, 403: E403, 404: E404, 429: E429}

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag of the answer you have: 304 when it is still what you would be shown.",
)


def id_param(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name, {"type": "integer", "minimum": 0, "maximum": ID_MAX}, OpenApiParameter.PATH, description=description
    )


def known(*ids: int) -> None:
    """An id past what the database holds is as missing as any other (and never reaches the database)."""
    if any(i > ID_MAX for i in ids):
        raise Http404("Not found.")


def etag_for(body: bytes) -> str:
    """A weak ETag of exactly what the answer shows (so readers shown different things never share one)."""
    return 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == opaque for tag in header.split(","))


class ApiView(KnownParamsMixin, APIView):
    """An endpoint: unknown query parameters refused; a read answered with an ETag of what it shows, and 304
    when the client's If-None-Match still holds. Answers vary with who asks."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and isinstance(response, Response):
            etag = etag_for(JSONRenderer().render(response.data))
            if _matches(request.headers.get("If-None-Match", ""), etag):
                response = Response(status=status.HTTP_304_NOT_MODIFIED)
                response = super().finalize_response(request, response, *args, **kwargs)
            response["ETag"] = etag
        patch_vary_headers(response, ("Authorization", "Cookie"))
        return response


class AccountRequired(BasePermission):
    """One's own lists and every write need an account: a guest gets 401. A method the endpoint does not have
    still answers 405 (not 401)."""

    def has_permission(self, request, view) -> bool:
        if not hasattr(view, request.method.lower()):
            return True
        return bool(request.user and request.user.is_authenticated)


class AccountView(ApiView):
    permission_classes = [AccountRequired, TokenScopeAllows]


class Refused(exceptions.APIException):
    """The archive's refusal of a write (a rule of the service): 400 with its message as ``detail``."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "Refused."
    default_code = "refused"


@contextlib.contextmanager
def service_answers():
    """A service's ValidationError is a 400 (its field errors by field, else its message as ``detail``), its
    PermissionDenied a 403 with the message, a target it cannot find a 404 like any missing thing."""
    try:
        yield
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            raise exceptions.ValidationError(error.message_dict) from None
        raise Refused(" ".join(error.messages), code=getattr(error, "code", None) or "refused") from None
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from None
    except ObjectDoesNotExist:
        raise exceptions.NotFound("Not found.") from None


def work_for_reader(request, work_id: int, **kwargs):
    """The work as its page finds it for this reader; a guest asking for a restricted work is asked to
    authenticate (401, as the page says "log in"); drafts, hidden and missing works are the same 404."""
    known(work_id)
    try:
        return work_selectors.work_visible_or_404(request.user, work_id, **kwargs)
    except Http404:
        if work_selectors.work_asks_guest_to_log_in(request.user, work_id):
            raise exceptions.NotAuthenticated(LOG_IN) from None
        raise


def cursor_link(request, number: int | None) -> str | None:
    """The address of page ``number`` of what ``request`` asked (its other parameters kept), or None."""
    if number is None:
        return None
    query = request.query_params.copy()
    query.pop("cursor", None)
    if number > 1:
        query["cursor"] = cursor_encode(number)
    encoded = query.urlencode()
    return request.build_absolute_uri(request.path + (f"?{encoded}" if encoded else ""))


def paged(request, rows, *, key: str = "results", extra: dict | None = None) -> tuple[list, dict]:
    """One page of ``rows`` (a queryset in its order) behind the opaque cursor; answers the rows and the
    envelope (``next``, ``previous``, and ``extra``) the serialized rows go into under ``key``."""
    page = cursor_decode(request.query_params.get("cursor"))
    size = page_size(request)
    start = (page - 1) * size
    found = list(rows[start : start + size + 1])
    envelope = {
        **(extra or {}),
        "next": cursor_link(request, page + 1 if len(found) > size else None),
        "previous": cursor_link(request, page - 1 if page > 1 else None),
        key: None,
    }
    return found[:size], envelope


PAGE_PARAMS = [
    OpenApiParameter("cursor", OpenApiTypes.STR, description="The page: the `next` or `previous` link's cursor."),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="Entries per page, 20 unless asked; 100 at most."),
]
