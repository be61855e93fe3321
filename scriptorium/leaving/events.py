"""What the leaving app announces (after commit; see ``core.events``). Announced by ``leaving.services`` only."""

from scriptorium.core.events import DomainEvent

account_deleted = DomainEvent(
    "account_deleted",
    "deletion_id",
    "user_id",
    doc="An account deleted itself: its row and traces are gone, ``deletion_id`` is its audit line "
    "(``leaving.AccountDeletion``); ``user_id`` is the id it had, for listeners that keep files by account.",
)
