from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

import scriptorium

#: What the footer credits: the software the archive runs on, its version and where its source is.
_SOFTWARE = {"version": scriptorium.__version__}


def site(request: HttpRequest) -> dict[str, object]:
    # The sign-up link shows unless sign-up is closed (scriptorium.invitations.selectors.signup_mode decides).
    open_signup = settings.SCRIPTORIUM_OPEN_SIGNUP and settings.SCRIPTORIUM_SIGNUP_MODE in ("open", "invite", "queue")
    software = {**_SOFTWARE, "source_url": settings.SCRIPTORIUM_SOURCE_URL}
    return {"SITE_NAME": settings.SITE_NAME, "OPEN_SIGNUP": open_signup, "SOFTWARE": software}
