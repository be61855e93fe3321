from scriptorium.search.models.preferences import ExcludedTag, SavedSearch

__all__ = ["ExcludedTag", "SavedSearch"]
