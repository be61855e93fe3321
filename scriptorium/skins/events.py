"""What the skins app announces (after commit; see ``core.events``). Announced by ``skins.services`` only."""

from scriptorium.core.events import DomainEvent

skin_changed = DomainEvent(
    "skin_changed",
    "skin_id",
    "work_ids",
    doc="A work skin's kept CSS changed, or the skin was deleted: the pages of ``work_ids`` (the works that used "
    "it) link another stylesheet now.",
)
