"""Reads for the profile pages: active accounts by name and their pseuds."""

from __future__ import annotations

from django.http import Http404

from scriptorium.accounts.models import Pseud, User


def user_active_or_404(username: str) -> User:
    """The active account called ``username``; a closed or unknown one answers 404 alike."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise Http404("No user found.")
    return user


def pseuds_of(user: User) -> list[Pseud]:
    """The account's pseuds, the default one first, then by name."""
    return list(Pseud.objects.filter(user=user).order_by("-is_default", "name"))


def pseud_of_or_404(user: User, name: str) -> Pseud:
    """The account's pseud called ``name`` (ignoring case), or 404."""
    found = Pseud.objects.filter(user=user, name__iexact=name).first()
    if found is None:
        raise Http404("No pseud found.")
    found.user = user
    return found


def own_pseud_or_404(user: User, pseud_id: int) -> Pseud:
    """One of ``user``'s own pseuds by id; anyone else's answers 404 as a missing one."""
    found = Pseud.objects.filter(pk=pseud_id, user=user).first()
    if found is None:
        raise Http404("No pseud found.")
    return found
