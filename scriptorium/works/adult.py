"""The adult-content notice: a work rated Mature, Explicit or Not Rated asks a reader first.

Shown before a work's page and before its downloads (the same notice, the same consent). A reader who agrees is
remembered for that work in the session; a logged-in reader who chose to see adult works without asking, and
the work's creators, never see it. Search results follow the same rule (``adult_notice_due``): until the notice is
passed, a result shows no passage of the work's text.
"""

from __future__ import annotations

from collections.abc import Collection

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from scriptorium.core.pagecache import page_not_kept
from scriptorium.works.models import Work

#: Session key: ids of adult works this visitor has already agreed to see.
ADULT_SESSION_KEY = "scriptorium_adult_ok"
ADULT_SESSION_MAX = 200


def _back_url(request: HttpRequest) -> str:
    """Where "No, Go Back" leads: the page the reader came from, when it is on this site, else the index."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer
    return reverse("works:index")


def adult_agreed_ids(request: HttpRequest) -> frozenset[int]:
    """The adult works this visitor agreed to see in this session ("Proceed" on their notice)."""
    return frozenset(request.session.get(ADULT_SESSION_KEY, []))


def adult_notice_due(user: object, work: Work, *, creator: bool, agreed: Collection[int]) -> bool:
    """Whether ``work``'s text waits behind the adult notice for this reader: an adult work, not theirs, and
    neither "show adult content without asking" chosen nor this work's notice passed (``agreed``)."""
    if not work.is_adult or creator:
        return False
    if user.is_authenticated and user.view_adult:
        return False
    return work.pk not in agreed


def adult_notice(request: HttpRequest, work: Work, *, creator: bool) -> HttpResponse | None:
    """The adult-content notice when this reader has to see it first, else None (and remember consent)."""
    if not adult_notice_due(request.user, work, creator=creator, agreed=adult_agreed_ids(request)):
        return None
    if request.GET.get("view_adult") == "true":
        agreed: list[int] = request.session.get(ADULT_SESSION_KEY, [])
        request.session[ADULT_SESSION_KEY] = [*agreed, work.pk][-ADULT_SESSION_MAX:]
        return None
    query = request.GET.copy()
    query["view_adult"] = "true"
    context = {
        "work": work,
        "continue_url": f"{request.path}?{query.urlencode()}",
        "back_url": _back_url(request),
    }
    page_not_kept()  # "No, Go Back" leads where this reader came from
    return render(request, "works/adult.html", context)
