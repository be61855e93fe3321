"""OPDS Progression 1.0 for one work: ``GET`` and ``PUT /kosync/progression/<work_id>``.

A reading app signs in with HTTP Basic (the archive username and the account's sync key) or uses the session of a
logged-in browser (a PUT then needs the CSRF token, as every form does). A work the reader may not open answers
404, like a missing one; so does a work the reader has no place in yet.
"""

from __future__ import annotations

import base64
import binascii

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from scriptorium.kosync import digests, progression, selectors, services
from scriptorium.kosync.inputs import InputError
from scriptorium.kosync.places import WebPlace
from scriptorium.kosync.views.protocol import sign_in_blocked, sign_in_idents, sign_in_refused, too_many
from scriptorium.works.selectors import work_visible_or_404

_REALM = 'Basic realm="Scriptorium reading sync", charset="UTF-8"'


def _answer(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, content_type=progression.MEDIA_TYPE)
    response["Cache-Control"] = "private, no-store"
    return response


def _problem(message: str, status: int) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    response["Cache-Control"] = "no-store"
    if status == 401:
        response["WWW-Authenticate"] = _REALM
    return response


def _basic(request: HttpRequest) -> tuple[str, str] | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        username, _, key = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return ("", "")
    return username, key


@csrf_exempt
@require_http_methods(["GET", "HEAD", "PUT"])
def work_progression(request: HttpRequest, work_id: int) -> HttpResponse:
    credentials = _basic(request)
    if credentials is not None:
        idents = sign_in_idents(request, credentials[0])
        wait = sign_in_blocked(idents)
        if wait:
            return too_many(wait)
        found = selectors.user_for_key(credentials[0], digests.md5_hex(credentials[1])) if all(credentials) else None
        if found is None:
            refused = sign_in_refused(idents)
            return refused if refused.status_code == 429 else _problem("Unauthorized", 401)
        user = found[0]
        services.sync_key_used(key=found[1])
    elif request.user.is_authenticated:
        user = request.user
        if request.method == "PUT":
            rejected = CsrfViewMiddleware(lambda r: HttpResponse()).process_view(request, None, (), {})
            if rejected is not None:
                return _problem("CSRF check failed: send the X-CSRFToken header.", 403)
    else:
        return _problem("Unauthorized", 401)
    request.user = user if user is not None else AnonymousUser()
    work = work_visible_or_404(user, work_id)
    if request.method == "PUT":
        return _put(request, user, work)
    reading = selectors.reading_of(user, work)
    if reading is None or reading.last_read_at is None:
        raise Http404("No progression for this work yet.")
    place = WebPlace(reading.chapter_id, reading.paragraph)
    device = selectors.progression_device(user, work, reading) or progression.WEB_DEVICE
    return _answer(progression.document(work, place, reading.last_read_at, device))


def _put(request: HttpRequest, user, work) -> HttpResponse:
    try:
        data = progression.ProgressionInput.from_body(request.body)
    except InputError as error:
        return _problem(str(error), 413 if "larger than" in str(error) else 400)
    place = progression.place_for(work, data)
    if place is None:
        return _problem("This work has no chapters.", 409)
    if not services.progression_put(actor=user, work=work, place=place):
        return _problem("Your reading history is off: nothing was saved.", 409)
    reading = selectors.reading_of(user, work)
    return _answer(progression.document(work, place, reading.last_read_at, progression.WEB_DEVICE))
