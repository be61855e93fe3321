"""Reads for the profile pages (active accounts by name and their pseuds) and whether an account is suspended."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from scriptorium.accounts.models import FormerUsername, Pseud, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


def user_active_or_404(username: str) -> User:
    """The active account called ``username``; a closed or unknown one answers 404 alike. The archive's own
    accounts show too, though they cannot log in (the orphan account's page lists the works left to it)."""
    user = User.objects.filter(Q(is_active=True) | Q(is_system=True), username=username).first()
    if user is None:
        raise Http404("No user found.")
    return user


def former_username_reserved_since() -> datetime.datetime:
    """Former usernames given up after this moment still lead to their account and stay reserved for it."""
    return timezone.now() - datetime.timedelta(days=settings.SCRIPTORIUM_USERNAME_REDIRECT_DAYS)


def user_by_former_username(username: str) -> User | None:
    """The active account that gave up ``username`` within SCRIPTORIUM_USERNAME_REDIRECT_DAYS, if any."""
    former = (
        FormerUsername.objects.filter(username__iexact=username, changed_at__gt=former_username_reserved_since())
        .select_related("user")
        .first()
    )
    if former is None or not former.user.is_active or former.user.username.lower() == username.lower():
        return None
    return former.user


def username_next_change_at(user: User) -> datetime.datetime | None:
    """When the account may change its username again; None when it may now."""
    last = FormerUsername.objects.filter(user=user).order_by("-changed_at").first()
    if last is None:
        return None
    next_at = last.changed_at + datetime.timedelta(days=settings.SCRIPTORIUM_USERNAME_CHANGE_DAYS)
    return next_at if next_at > timezone.now() else None


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


def suspension_message(user: User | AnonymousUser) -> str:
    """Why ``user`` may not post, comment, leave kudos or bookmark publicly right now ("" when they may): the
    one check every write service of those asks."""
    until = getattr(user, "suspended_until", None)
    if not user.is_authenticated or until is None or until <= timezone.now():
        return ""
    when = timezone.localtime(until).strftime("%d %B %Y, %H:%M")
    reason = f" Reason: {user.suspension_reason}" if user.suspension_reason else ""
    return (
        f"Your account is suspended until {when}: you can read, but not post, comment, leave kudos or bookmark "
        f"publicly.{reason}"
    )


def suspension_check(user: User | AnonymousUser) -> None:
    """Raise the clear ``ValidationError`` (code "suspended") a suspended account gets for a public write."""
    message = suspension_message(user)
    if message:
        raise ValidationError(message, code="suspended")
