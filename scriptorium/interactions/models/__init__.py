from scriptorium.interactions.models.comment import Comment, CommentState
from scriptorium.interactions.models.hits import GuestSalt, HitFlushMark, HitTally
from scriptorium.interactions.models.kudos import Kudos

__all__ = ["Comment", "CommentState", "GuestSalt", "HitFlushMark", "HitTally", "Kudos"]
