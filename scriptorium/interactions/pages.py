"""What a work's page adds for this app (kudos, comments, bookmark, history, mutes), read from the request.

Reads only: the visit itself (the hit and the reading in the history) is recorded by the work view through
``services.work_read_record``, after this has read the page as it stood.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse

from scriptorium.interactions import selectors
from scriptorium.interactions.guests import client_ip, today_guest_key, transient_guest_key
from scriptorium.interactions.models import ShelfStatus
from scriptorium.interactions.selectors.signals import new_chapters, posted_chapter_at

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
        "reader_signal": _reader_signal(request, work, state),
        "reading_tracked": tracking,
        "shown_chapter_ids": ",".join(str(c.pk) for c in shown),
    }


def _reader_signal(request: HttpRequest, work: Work, state: selectors.ViewerState) -> dict[str, object] | None:
    """ "Updated since you read" (the chapters posted since the last reading, and where the first of them is) and
    the shelf form's state; None for a guest or a work not posted."""
    if not request.user.is_authenticated or not work.posted:
        return None
    new = new_chapters(work.chapter_count, state.chapters_seen, state.views)
    first_new = posted_chapter_at(work, state.chapters_seen) if new else None
    return {
        "new_chapters": new,
        "first_new": first_new,
        "shelf": state.shelf,
        "shelves": list(ShelfStatus.choices),
    }


@dataclass(frozen=True)
class PickUp:
    """A work to pick up again on the home page: where the reader stopped, and what is new since."""

    work: Work
    chapter_title: str  # the chapter last opened ("" when unknown)
    url: str  # "continue reading": that chapter, at the paragraph
    new_chapters: int
    chapters_left: int  # posted chapters after the one last opened


def pick_up(request: HttpRequest, *, count: int) -> list[PickUp]:
    """The signed-in home page's "Pick up where you left off": works with chapters posted since the reader read
    them, or with chapters still ahead, most recently read first (none for a guest)."""
    found = []
    for reading in selectors.pick_up_readings(request.user, count=count):
        chapter = reading.chapter
        found.append(
            PickUp(
                work=reading.work,
                chapter_title=chapter.display_title if chapter is not None else "",
                url=selectors.continue_url(reading),
                new_chapters=new_chapters(reading.work.chapter_count, reading.chapters_seen, reading.views),
                chapters_left=max(0, (reading.last_position or 0) - (chapter.position if chapter else 0)),
            )
        )
    return found


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
