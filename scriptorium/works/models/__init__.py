from scriptorium.works.models.chapter import Chapter
from scriptorium.works.models.external import ExternalCreator, ExternalCreatorship
from scriptorium.works.models.invitation import CreatorInvitation, InvitationState
from scriptorium.works.models.series import Series, SeriesPart
from scriptorium.works.models.work import Creatorship, Tagging, Work

__all__ = [
    "Chapter",
    "CreatorInvitation",
    "Creatorship",
    "ExternalCreator",
    "ExternalCreatorship",
    "InvitationState",
    "Series",
    "SeriesPart",
    "Tagging",
    "Work",
]
