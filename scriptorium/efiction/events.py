"""What the eFiction import announces (after commit; see ``core.events``). Announced by ``efiction.services`` only.

Its works are created unannounced (``work_create(announce=False)``: archive history, not news), so the import
says once per batch of stories what changed instead.
"""

from scriptorium.core.events import DomainEvent

works_imported = DomainEvent(
    "efiction_works_imported",
    "import_id",
    doc="A batch of an eFiction import's works is in and indexed for search (``EfictionImport`` ``import_id``): "
    "listings, tag, series and creator pages may show them.",
)
