"""What the moderation app announces (after commit; see ``core.events``). Announced by ``moderation.services`` only."""

from scriptorium.core.events import DomainEvent

action_taken = DomainEvent(
    "moderation_action_taken",
    "action_id",
    doc="A moderator acted on a work, a comment or an account; the accounts it concerns are to be told why.",
)
case_closed = DomainEvent(
    "moderation_case_closed",
    "case_id",
    doc="A case was resolved or dismissed; reporters who asked are to be told the outcome.",
)
