from scriptorium.interactions.models.bookmark import Bookmark, ExternalWork
from scriptorium.interactions.models.comment import Comment, CommentState
from scriptorium.interactions.models.history import HistoryPause, Reading
from scriptorium.interactions.models.hits import ChapterHitTally, GuestSalt, HitFlushMark, HitTally
from scriptorium.interactions.models.kudos import Kudos
from scriptorium.interactions.models.relations import RELATIONS_MAX, Block, Mute
from scriptorium.interactions.models.shelf import ShelfEntry, ShelfStatus

__all__ = [
    "RELATIONS_MAX",
    "Block",
    "ChapterHitTally",
    "Bookmark",
    "Comment",
    "CommentState",
    "ExternalWork",
    "GuestSalt",
    "HistoryPause",
    "HitFlushMark",
    "HitTally",
    "Kudos",
    "Mute",
    "Reading",
    "ShelfEntry",
    "ShelfStatus",
]
