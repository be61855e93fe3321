from scriptorium.works.models.chapter import Chapter
from scriptorium.works.models.series import Series, SeriesPart
from scriptorium.works.models.work import Creatorship, Tagging, Work

__all__ = ["Chapter", "Creatorship", "Series", "SeriesPart", "Tagging", "Work"]
