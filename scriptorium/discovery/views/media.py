"""``/media`` (every medium with its fandoms), ``/media/<medium>/fandoms`` (all of a medium's fandoms, A–Z) and
``/fandoms/<fandom>`` (a fandom's most used characters and relationships)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from scriptorium.discovery.selectors import media as selectors
from scriptorium.tags.models import TagType
from scriptorium.tags.selectors import tag_named
from scriptorium.works.selectors import works_visible


@require_GET
def media_index(request: HttpRequest) -> HttpResponse:
    return render(request, "discovery/media.html", {"media": selectors.media_index(request.user)})


@require_GET
def medium_fandoms(request: HttpRequest, name: str) -> HttpResponse:
    medium = selectors.medium_named(name)
    if medium is None:
        raise Http404("No such media.")
    found = selectors.medium_fandoms(request.user, medium)
    context = {"medium": found, "letters": selectors.by_letter(found.fandoms)}
    return render(request, "discovery/medium_fandoms.html", context)


@require_GET
def fandom_detail(request: HttpRequest, name: str) -> HttpResponse:
    fandom = tag_named(name, shown_with=works_visible(request.user))
    if fandom is None or fandom.type != TagType.FANDOM:
        raise Http404("No such fandom.")
    if fandom.merger is not None:
        return HttpResponseRedirect(reverse("discovery:fandom", kwargs={"name": fandom.merger.name}))
    page = selectors.fandom_page(request.user, fandom)
    return render(request, "discovery/fandom.html", {"page": page, "tag": fandom})
