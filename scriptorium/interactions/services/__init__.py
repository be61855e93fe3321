"""Every write of the interactions app, named ``<entity>_<verb>`` and keyword-only, at one address.

Each lives in the module of its concern and is re-exported here, so ``from scriptorium.interactions.services
import kudos_give`` works whatever module holds it:

- ``kudos``: kudos on works and chapters;
- ``comments``: comments, their moderation and a work's comment settings;
- ``bookmarks``: bookmarks of works, series and external works;
- ``relations``: blocking and muting;
- ``history``: reading history, Marked for Later and the reading position;
- ``shelf``: the reading-status shelf (reading, to read, finished, dropped);
- ``hits``: hits, buffered in the cache and flushed into the database later;
- ``reading``: what opening a work's page records (a hit, and the reading in the history);
- ``counters``: the counters on ``Work`` rebuilt from their rows (``scriptorium counters recount``);
- ``remembered``: what readers' bookmarks and history keep of a work as it is deleted.
"""

from scriptorium.interactions.services.bookmarks import (
    bookmark_create,
    bookmark_delete,
    bookmark_update,
    check_series_bookmarkable,
    check_work_bookmarkable,
)
from scriptorium.interactions.services.comments import (
    BLOCKED_BY_AUTHOR,
    BLOCKED_BY_CREATOR,
    comment_approve,
    comment_create,
    comment_delete,
    comment_edit,
    comment_hidden_set,
    comment_settings_update,
    thread_freeze,
)
from scriptorium.interactions.services.counters import counters_recount
from scriptorium.interactions.services.history import (
    history_clear,
    history_delete,
    history_entry_delete,
    history_set_enabled,
    later_entry_remove,
    later_mark,
    later_unmark,
    reading_place_set,
    reading_position_save,
    reading_record,
)
from scriptorium.interactions.services.history_buffer import (
    history_flush,
    reading_note,
)
from scriptorium.interactions.services.hits import hits_flush, hits_record
from scriptorium.interactions.services.kudos import KUDOS_OWN_WORK, KUDOS_TWICE, kudos_give
from scriptorium.interactions.services.reading import work_read_record
from scriptorium.interactions.services.relations import block_add, block_remove, mute_add, mute_remove
from scriptorium.interactions.services.shelf import shelf_set

__all__ = [
    "shelf_set",
    "BLOCKED_BY_AUTHOR",
    "BLOCKED_BY_CREATOR",
    "KUDOS_OWN_WORK",
    "KUDOS_TWICE",
    "block_add",
    "block_remove",
    "bookmark_create",
    "bookmark_delete",
    "bookmark_update",
    "check_series_bookmarkable",
    "check_work_bookmarkable",
    "comment_approve",
    "comment_create",
    "comment_delete",
    "comment_hidden_set",
    "comment_edit",
    "comment_settings_update",
    "counters_recount",
    "history_clear",
    "history_delete",
    "history_entry_delete",
    "history_set_enabled",
    "hits_flush",
    "hits_record",
    "kudos_give",
    "later_entry_remove",
    "later_mark",
    "later_unmark",
    "mute_add",
    "mute_remove",
    "reading_place_set",
    "reading_position_save",
    "reading_record",
    "reading_note",
    "history_flush",
    "thread_freeze",
    "work_read_record",
]
