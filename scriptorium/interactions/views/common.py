"""What the interactions views share: the redirects back to where a form was, and the 404 for a missing row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

if TYPE_CHECKING:
    from scriptorium.works.models import Work


def found_or_404[T](found: T | None, what: str) -> T:
    """``found``, or the 404 a missing ``what`` answers (a row the viewer may not have answers the same)."""
    if found is None:
        raise Http404(f"No {what} found.")
    return found


def back_to_work(request: HttpRequest, work: Work, anchor: str = "") -> HttpResponseRedirect:
    """Back to the page the form was on (a page of this work), at ``anchor``."""
    target = request.POST.get("next", "")
    base = work.get_absolute_url()
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) and (
        target == base or target.startswith((base + "/", base + "?"))
    )
    url = target if safe else base
    return HttpResponseRedirect(url.split("#", 1)[0] + (f"#{anchor}" if anchor else ""))


def back_to_next(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """To the form's ``next`` (a page of this site), else to ``default``."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)
