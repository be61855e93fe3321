"""What a page's own code tells the guest page cache (``scriptorium.pagecache``, an app above every other, so
the apps below it cannot import it): what must still happen when the page is answered from the cache.

The work page counts a guest's hit as it is built; answered from the cache, the page is not built, so the hit is
noted here while the page is built and done again for every guest the cached copy is given to::

    replay_on_hit("hit", work_id=42, chapter_id=7)

A page that shows something of this one request (the adult notice's "No, Go Back" leads to the page the reader
came from) says it must not be kept::

    page_not_kept()

Outside a cached page's request (another page, a task, a logged-in reader) nothing is kept.
"""

from __future__ import annotations

from contextvars import ContextVar, Token

Replay = tuple[str, dict[str, object]]
#: The note ``page_not_kept`` leaves.
NOT_KEPT = "not kept"

_replays: ContextVar[list[Replay] | None] = ContextVar("scriptorium_page_replays", default=None)


def replay_on_hit(name: str, **payload: object) -> None:
    """Note ``name`` (a replay the page cache knows) with its payload, when a cacheable page is being built."""
    found = _replays.get()
    if found is not None:
        found.append((name, payload))


def page_not_kept() -> None:
    """This answer depends on more than the page cache's key knows: build it again for the next reader."""
    replay_on_hit(NOT_KEPT)


def replays_collect() -> Token:
    """Start collecting this request's replays (the page cache, before building a page it may keep)."""
    return _replays.set([])


def replays_collected(token: Token) -> list[Replay]:
    """Stop collecting; answer what was noted."""
    found = _replays.get() or []
    _replays.reset(token)
    return found
