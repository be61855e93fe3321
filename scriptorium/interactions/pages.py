"""What a work's page adds for this app (kudos, comments, bookmark, history, mutes), read from the request.

Reads only: the visit itself (the hit and the reading in the history) is recorded by the work view through
``services.work_read_record``, after this has read the page as it stood.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from scriptorium.interactions import selectors
from scriptorium.interactions.guests import client_ip, today_guest_key, transient_guest_key

if TYPE_CHECKING:
    from django.http import HttpRequest

    from scriptorium.works.models import Chapter, Work


def work_page_context(request: HttpRequest, work: Work, *, shown: list[Chapter], creator: bool) -> dict[str, object]:
    """What a work page adds for kudos, comments, bookmarks, history and mutes. Writes nothing."""
    guest_ip = None if request.user.is_authenticated else client_ip(request)
    state = selectors.work_viewer_state(request.user, work)
    reply_to = request.GET.get("reply_to", "")
    found = selectors.work_page(
        request.user,
        work,
        shown=shown,
        creator=creator,
        reply_to=int(reply_to) if reply_to.isdigit() else None,
        guest_key=today_guest_key(guest_ip) if guest_ip else None,
        blocked=state.blocked,
    )
    tracking = bool(request.user.is_authenticated and work.posted and not creator and state.history_on and shown)
    return {
        "interactions": found,
        "viewer_state": state,
        "continue_reading": _continue_reading(state, shown),
        "reading_tracked": tracking,
        "shown_chapter_ids": ",".join(str(c.pk) for c in shown),
    }


def reader_guest_key(request: HttpRequest) -> str:
    """The transient key a guest's hits are counted under ("" for an account, which counts by its id)."""
    return "" if request.user.is_authenticated else transient_guest_key(client_ip(request))


def opened_front_page(request: HttpRequest) -> bool:
    """Whether the work's front page (or the whole work) was opened rather than one chapter's own page."""
    return request.resolver_match is None or request.resolver_match.url_name != "chapter"


def _continue_reading(state: selectors.ViewerState, shown: list[Chapter]) -> dict[str, object] | None:
    """Where the reader stopped last time, when that is somewhere else than the top of this page."""
    if state.last_chapter_id is None or state.views == 0 or not shown:
        return None
    here = len(shown) == 1 and shown[0].pk == state.last_chapter_id
    if here and state.paragraph <= 1:
        return None
    url = reverse("works:chapter", kwargs={"work_id": shown[0].work_id, "chapter_id": state.last_chapter_id})
    if state.paragraph > 1:
        url += f"#p-{state.paragraph}"
    return {"url": url, "position": state.last_chapter_position, "paragraph": state.paragraph, "here": here}
