from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    # The sign-up link shows unless sign-up is closed (scriptorium.invitations.selectors.signup_mode decides).
    open_signup = settings.SCRIPTORIUM_OPEN_SIGNUP and settings.SCRIPTORIUM_SIGNUP_MODE in ("open", "invite", "queue")
    return {"SITE_NAME": settings.SITE_NAME, "OPEN_SIGNUP": open_signup}
