"""Kudos buttons: a POST, then a redirect back to the anchor (no JavaScript needed).

The work is always found through ``Work.objects.visible_to``: kudos on a work the reader may not open answer
404, exactly like a missing work.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from scriptorium.interactions import services
from scriptorium.interactions.guests import client_ip, stored_guest_key
from scriptorium.interactions.views.common import back_to_work
from scriptorium.works.models import Chapter, Work
from scriptorium.works.selectors import chapter_or_404, work_visible_or_404


def _give_kudos(request: HttpRequest, work: Work, chapter: Chapter | None) -> HttpResponse:
    key = "" if request.user.is_authenticated else stored_guest_key(client_ip(request))
    try:
        services.kudos_give(actor=request.user, work=work, chapter=chapter, guest_key=key)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return back_to_work(request, work)
    messages.success(request, "Thank you for leaving kudos!")
    return back_to_work(request, work, f"chapter-kudos-{chapter.pk}" if chapter else "kudos")


@require_POST
def kudos_work(request: HttpRequest, work_id: int) -> HttpResponse:
    return _give_kudos(request, work_visible_or_404(request.user, work_id), None)


@require_POST
def kudos_chapter(request: HttpRequest, work_id: int, chapter_id: int) -> HttpResponse:
    work = work_visible_or_404(request.user, work_id)
    return _give_kudos(request, work, chapter_or_404(work, chapter_id))
