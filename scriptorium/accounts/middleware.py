"""Two-factor sign-in required for staff when the operator says so (``SCRIPTORIUM_MFA_REQUIRED_FOR_STAFF``):
an administrator, moderator or tag wrangler without it is sent to turn it on before any other page."""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from scriptorium.accounts.moderators import is_moderator

#: The wrangler permission, named as a string: ``tags`` is a higher app (tags.wrangling.WRANGLE_PERMISSION).
WRANGLE_PERMISSION = "tags.wrangle_tag"
NOTICE = "Your role on this archive requires two-factor sign-in: please turn it on to go on."


def is_staff_role(user: object) -> bool:
    """Administrators (staff or superusers), moderators and tag wranglers."""
    return bool(user.is_staff or user.is_superuser or is_moderator(user) or user.has_perm(WRANGLE_PERMISSION))


class StaffTwoFactorMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def _exempt(self, path: str) -> bool:
        allowed = (
            reverse("mfa_index"),  # turning it on (and the password asked again first)
            reverse("account_reauthenticate"),
            reverse("account_email"),  # two-factor needs a confirmed address
            "/account/confirm-email/",
            reverse("accounts:logout"),
            "/account/logout/",
            settings.STATIC_URL,
        )
        return path.startswith(allowed)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            getattr(settings, "SCRIPTORIUM_MFA_REQUIRED_FOR_STAFF", False)
            and user is not None
            and user.is_authenticated
            and not self._exempt(request.path)
            and is_staff_role(user)
            and not is_mfa_enabled(user)
        ):
            messages.warning(request, NOTICE)
            return redirect("mfa_index")
        return self.get_response(request)
