"""What the tags app announces (after commit; see ``core.events``). Announced by the wrangling services only."""

from scriptorium.core.events import DomainEvent

tag_wrangled = DomainEvent(
    "tag_wrangled",
    "tag_id",
    doc="A tag was wrangled (made canonical or a synonym, unwrangled, given or losing a parent or meta tag), or "
    "the works found under wrangled tags were refreshed: tag pages, listings and the tags shown on works change.",
)
