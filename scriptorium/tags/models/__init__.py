from scriptorium.tags.models.filters import FilterRefresh, WorkFilter
from scriptorium.tags.models.links import MetaTagging, TagParent
from scriptorium.tags.models.log import WranglingLogEntry
from scriptorium.tags.models.tag import Tag, TagType
from scriptorium.tags.models.words import TagCue, TagWord

__all__ = [
    "FilterRefresh",
    "MetaTagging",
    "Tag",
    "TagCue",
    "TagParent",
    "TagType",
    "TagWord",
    "WorkFilter",
    "WranglingLogEntry",
]
