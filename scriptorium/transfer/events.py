"""What the transfer app announces (after commit; see ``core.events``). Announced by its download builds only."""

from scriptorium.core.events import DomainEvent

download_built = DomainEvent(
    "download_built",
    "download_id",
    doc="A download's file was built and stored (status ready): its bytes are exactly what readers are served.",
)
