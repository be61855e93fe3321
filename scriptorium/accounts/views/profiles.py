"""Public profiles: a user's page (their pseuds and works) and a pseud's page (its works)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from scriptorium.accounts.models import Pseud, User
from scriptorium.works.selectors import works_listed_for_pseuds
from scriptorium.works.views.listing import paginate_works


def _user_or_404(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise Http404("No user found.")
    return user


def user_detail(request: HttpRequest, username: str) -> HttpResponse:
    owner = _user_or_404(username)
    pseuds = list(Pseud.objects.filter(user=owner).order_by("-is_default", "name"))
    page = paginate_works(request, works_listed_for_pseuds(request.user, pseuds))
    return render(request, "accounts/user.html", {"owner": owner, "pseuds": pseuds, "page": page})


def pseud_detail(request: HttpRequest, username: str, pseud: str) -> HttpResponse:
    owner = _user_or_404(username)
    found = Pseud.objects.filter(user=owner, name__iexact=pseud).first()
    if found is None:
        raise Http404("No pseud found.")
    found.user = owner
    others = [p for p in Pseud.objects.filter(user=owner).order_by("-is_default", "name") if p.pk != found.pk]
    page = paginate_works(request, works_listed_for_pseuds(request.user, [found]))
    return render(request, "accounts/pseud.html", {"owner": owner, "pseud": found, "others": others, "page": page})
