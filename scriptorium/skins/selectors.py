"""Reading skins: whose they are, which a creator may choose, which a reader's browser may fetch, and whether a
reader sees them."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from scriptorium.accounts.models import User
from scriptorium.skins.models import SkinPreference, WorkSkin
from scriptorium.skins.preference import HIDE, PARAM, SHOW, hidden_by_cookie


def skins_owned_by(user: User) -> QuerySet[WorkSkin]:
    return WorkSkin.objects.filter(owner=user)


def skins_public() -> QuerySet[WorkSkin]:
    return WorkSkin.objects.filter(public=True).select_related("owner")


def skins_usable_by(user: User, *, keeping: int | None = None) -> QuerySet[WorkSkin]:
    """The skins ``user`` may choose for a work: their own and the public ones (``keeping``: and the one the work
    has already, which a co-creator keeps when its owner made it private)."""
    if not user.is_authenticated:
        return WorkSkin.objects.none()
    usable = Q(owner=user) | Q(public=True)
    if keeping is not None:
        usable |= Q(pk=keeping)
    return WorkSkin.objects.filter(usable)


def skin_usable(*, user: User, skin_id: int) -> bool:
    return skins_usable_by(user).filter(pk=skin_id).exists()


def skin_owned_or_404(*, user: User, skin_id: int) -> WorkSkin:
    """The skin if ``user`` owns it, else 404 as for a missing one."""
    found = skins_owned_by(user).filter(pk=skin_id).first() if user.is_authenticated else None
    if found is None:
        raise Http404("No such skin.")
    return found


def skin_served_or_404(*, user: User, skin_id: int) -> WorkSkin:
    """The skin whose CSS a browser may fetch: a public one, one a posted work uses (its readers' browsers ask for
    it), or the owner's own; else 404. Its CSS is what any reader of such a work is sent anyway."""
    found = WorkSkin.objects.filter(
        Q(public=True) | Q(pk__in=WorkSkin.objects.filter(works__posted=True).values("pk")), pk=skin_id
    ).first()
    if found is None and user.is_authenticated:
        found = skins_owned_by(user).filter(pk=skin_id).first()
    if found is None:
        raise Http404("No such skin.")
    return found


def skins_hidden_by_choice(request: HttpRequest) -> bool:
    """The reader's lasting choice: the account's, or a guest's cookie."""
    if request.user.is_authenticated:
        return SkinPreference.objects.filter(user=request.user).exists()
    return hidden_by_cookie(request)


def skin_stylesheet_for(request: HttpRequest, skin_id: int | None) -> str:
    """The address of the work's skin for this reader, or "" (no skin, or hidden by the page's switch or the
    reader's choice). Asks the database only for a work that has a skin."""
    if skin_id is None:
        return ""
    switch = request.GET.get(PARAM)
    if switch == HIDE:
        return ""
    if switch != SHOW and skins_hidden_by_choice(request):
        return ""
    skin = WorkSkin.objects.filter(pk=skin_id).only("pk", "fingerprint").first()
    return skin.stylesheet_url() if skin is not None and skin.fingerprint else ""
