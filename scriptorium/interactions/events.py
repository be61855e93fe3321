"""What the interactions app announces (after commit; see ``core.events``). Announced by its services only."""

from scriptorium.core.events import DomainEvent

comment_posted = DomainEvent(
    "comment_posted", "comment_id", doc="A comment was left (published, or held for the creators' approval)."
)
comment_approved = DomainEvent(
    "comment_approved", "comment_id", doc="A comment held for approval was published by a creator."
)
work_interactions_changed = DomainEvent(
    "work_interactions_changed",
    "work_id",
    doc="Something a reader of the work sees of its readers changed: its kudos, comments or public bookmarks "
    "(a count, a comment posted, edited, deleted, hidden or approved, a thread frozen, who may comment).",
)
kudos_given = DomainEvent(
    "kudos_given", "kudos_id", "work_id", "chapter_id", doc="Kudos left on a work (``chapter_id`` None) or a chapter."
)
