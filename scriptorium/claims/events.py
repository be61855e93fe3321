"""What the claims app announces (after commit; see ``core.events``). Announced by ``claims.services`` only."""

from scriptorium.core.events import DomainEvent

external_works_claimed = DomainEvent(
    "external_works_claimed",
    "external_creator_id",
    "pseud_id",
    "work_ids",
    doc="The author of works archived on their behalf claimed them: the external creator is marked claimed and "
    "the works (``work_ids``) are credited to ``pseud_id`` (each work was revised too: ``work_revised``).",
)
