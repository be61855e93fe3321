from scriptorium.moderation.models.action import Action, ActionKind, Appeal, Note
from scriptorium.moderation.models.case import ACTIVE_STATES, Case, CaseState, Category, TargetKind
from scriptorium.moderation.models.report import Report

__all__ = [
    "ACTIVE_STATES",
    "Action",
    "ActionKind",
    "Appeal",
    "Case",
    "CaseState",
    "Category",
    "Note",
    "Report",
    "TargetKind",
]
