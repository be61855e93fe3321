from scriptorium.tags.models.tag import Tag, TagType

__all__ = ["Tag", "TagType"]
