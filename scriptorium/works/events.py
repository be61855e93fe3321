"""What the works app announces (after commit; see ``core.events``). Announced by ``works.services`` only."""

from scriptorium.core.events import DomainEvent

work_posted = DomainEvent("work_posted", "work_id", doc="A work became visible: posted at once, or a draft posted.")
work_revised = DomainEvent(
    "work_revised",
    "work_id",
    "revision",
    "posted",
    doc="Anything a reader of the work would see changed (text, metadata, creators, their names); the work's "
    "revision was bumped to ``revision``. ``posted``: whether readers can see it (drafts are revised too).",
)
work_deleted = DomainEvent("work_deleted", "work_id", doc="A work was deleted (its rows are gone).")
chapter_posted = DomainEvent("chapter_posted", "work_id", "chapter_id", doc="A new chapter was added to a posted work.")
work_added_to_series = DomainEvent(
    "work_added_to_series", "series_id", "work_id", doc="A work took a place in a series it was not in."
)
work_flagged_as_spam = DomainEvent(
    "work_flagged_as_spam",
    "work_id",
    doc="The spam check judged a posted work spam; the works service hid it, pending review, in the same "
    "transaction. A moderator is to review it.",
)
creator_invited = DomainEvent(
    "creator_invited",
    "invitation_id",
    doc="Someone named another account's pseud as co-creator of a work or series: a pending invitation waits "
    "for that account's answer (it is credited only once it accepts).",
)
creator_invitation_answered = DomainEvent(
    "creator_invitation_answered",
    "invitation_id",
    "accepted",
    doc="The invited account accepted (credited from now on) or declined a co-creator invitation.",
)
