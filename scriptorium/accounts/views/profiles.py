"""Public profiles: a user's page (their pseuds and works) and a pseud's page (its works)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from scriptorium.accounts import selectors
from scriptorium.accounts.models import Pseud
from scriptorium.search.listing import render_listing
from scriptorium.search.selectors import Scope


def _ids(pseuds: list[Pseud]) -> tuple[int, ...]:
    # A user without pseuds (none can be made so) would otherwise list every work: -1 matches nothing.
    return tuple(p.pk for p in pseuds) or (-1,)


def user_detail(request: HttpRequest, username: str) -> HttpResponse:
    owner = selectors.user_active_or_404(username)
    pseuds = selectors.pseuds_of(owner)
    context = {"owner": owner, "pseuds": pseuds}
    return render_listing(request, "accounts/user.html", context, scope=Scope(pseud_ids=_ids(pseuds)))


def pseud_detail(request: HttpRequest, username: str, pseud: str) -> HttpResponse:
    owner = selectors.user_active_or_404(username)
    found = selectors.pseud_of_or_404(owner, pseud)
    others = [p for p in selectors.pseuds_of(owner) if p.pk != found.pk]
    context = {"owner": owner, "pseud": found, "others": others}
    return render_listing(request, "accounts/pseud.html", context, scope=Scope(pseud_ids=(found.pk,)))
