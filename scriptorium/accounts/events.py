"""What the accounts app announces (after commit; see ``core.events``)."""

from scriptorium.core.events import DomainEvent

pseud_renamed = DomainEvent(
    "pseud_renamed", "pseud_id", doc="A pseud's name changed: every byline that shows it is out of date."
)
