"""Every read of the interactions app's pages, at one address.

Each lives in the module of its concern and is re-exported here (``from scriptorium.interactions.selectors import
muted_user_ids``):

- ``work_page``: what a work's page shows (kudos, comment threads, the viewer's own relation to the work);
- ``kudos``, ``comments``: their parts of it, and a single comment for its own address;
- ``bookmarks``: bookmark pages; ``history``: the history and Marked for Later pages;
- ``signals``: a reader's own signals on works (new chapters since they read, their shelf), works to pick up;
- ``relations``: blocks and mutes (the comment services' check, the account pages, listings' muted ids).
"""

from scriptorium.interactions.selectors.bookmarks import (
    BOOKMARKS_PER_PAGE,
    bookmark_of,
    bookmarks_of_user,
    bookmarks_of_work,
    own_bookmark,
)
from scriptorium.interactions.selectors.comments import (
    ChapterComments,
    CommentGate,
    CommentNode,
    Row,
    comment_for_viewer,
    comment_gate,
    comment_shown_to,
    comment_threads,
    comment_to_answer,
)
from scriptorium.interactions.selectors.history import (
    continue_url,
    history_enabled,
    history_entries,
    later_entries,
)
from scriptorium.interactions.selectors.kudos import KUDOS_NAMES_SHOWN, KudosSummary, kudos_for_page
from scriptorium.interactions.selectors.relations import (
    blocked_by_any,
    muted_user_ids,
    relation_state,
    relations_list,
)
from scriptorium.interactions.selectors.signals import (
    SHELF_TITLES,
    ReaderSignal,
    pick_up_readings,
    reader_signals,
    reader_signals_mark,
    shelf_counts,
    shelf_entries,
    shelf_status,
)
from scriptorium.interactions.selectors.work_page import ViewerState, WorkInteractions, work_page, work_viewer_state

__all__ = [
    "SHELF_TITLES",
    "ReaderSignal",
    "pick_up_readings",
    "reader_signals",
    "reader_signals_mark",
    "shelf_counts",
    "shelf_entries",
    "shelf_status",
    "BOOKMARKS_PER_PAGE",
    "KUDOS_NAMES_SHOWN",
    "ChapterComments",
    "CommentGate",
    "CommentNode",
    "KudosSummary",
    "Row",
    "ViewerState",
    "WorkInteractions",
    "blocked_by_any",
    "bookmark_of",
    "bookmarks_of_user",
    "bookmarks_of_work",
    "comment_for_viewer",
    "comment_gate",
    "comment_shown_to",
    "comment_threads",
    "comment_to_answer",
    "continue_url",
    "history_enabled",
    "history_entries",
    "kudos_for_page",
    "later_entries",
    "muted_user_ids",
    "own_bookmark",
    "relation_state",
    "relations_list",
    "work_page",
    "work_viewer_state",
]
