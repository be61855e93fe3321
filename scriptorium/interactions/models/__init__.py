from scriptorium.interactions.models.comment import Comment, CommentState
from scriptorium.interactions.models.hits import GuestSalt, HitFlushMark, HitTally
from scriptorium.interactions.models.kudos import Kudos
from scriptorium.interactions.models.relations import RELATIONS_MAX, Block, Mute

__all__ = [
    "RELATIONS_MAX",
    "Block",
    "Comment",
    "CommentState",
    "GuestSalt",
    "HitFlushMark",
    "HitTally",
    "Kudos",
    "Mute",
]
