from scriptorium.search.models.index import SearchDocument, SearchTag
from scriptorium.search.models.preferences import ExcludedTag, SavedSearch

__all__ = ["ExcludedTag", "SavedSearch", "SearchDocument", "SearchTag"]
