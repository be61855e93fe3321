"""Public profiles: a user's page (their pseuds and works) and a pseud's page (its works)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from scriptorium.accounts.models import Pseud, User
from scriptorium.search.listing import render_listing
from scriptorium.search.selectors import Scope


def _user_or_404(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise Http404("No user found.")
    return user


def _ids(pseuds: list[Pseud]) -> tuple[int, ...]:
    # A user without pseuds (none can be made so) would otherwise list every work: -1 matches nothing.
    return tuple(p.pk for p in pseuds) or (-1,)


def user_detail(request: HttpRequest, username: str) -> HttpResponse:
    owner = _user_or_404(username)
    pseuds = list(Pseud.objects.filter(user=owner).order_by("-is_default", "name"))
    context = {"owner": owner, "pseuds": pseuds}
    return render_listing(request, "accounts/user.html", context, scope=Scope(pseud_ids=_ids(pseuds)))


def pseud_detail(request: HttpRequest, username: str, pseud: str) -> HttpResponse:
    owner = _user_or_404(username)
    found = Pseud.objects.filter(user=owner, name__iexact=pseud).first()
    if found is None:
        raise Http404("No pseud found.")
    found.user = owner
    others = [p for p in Pseud.objects.filter(user=owner).order_by("-is_default", "name") if p.pk != found.pk]
    context = {"owner": owner, "pseud": found, "others": others}
    return render_listing(request, "accounts/pseud.html", context, scope=Scope(pseud_ids=(found.pk,)))
