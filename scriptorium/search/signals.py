"""Signals that keep the search index current. They only collect ids; one task per kind is enqueued when the
transaction commits, so a change touching many rows (a work with its chapters, tags and creators) costs one
task, not one per row.

Covered: works, chapters, creatorships, external creatorships and external creators (renames, claims), taggings
(saved or deleted one by one; the works services also save the work after a bulk change), tags and meta taggings
(renames and wrangling) and pseuds (renames). Tag *filters* need no signal: searches read the filter table itself.
A byline changed without a row of the work's own (``works_revise``) is followed through ``receivers.py``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import transaction
from django.db.models.signals import post_delete, post_save

KINDS = ("works", "tags", "pseuds")


def _pending(using: str | None) -> dict[str, set[int]]:
    connection = transaction.get_connection(using)
    pending = getattr(connection, "_search_pending", None)
    if pending is None:
        pending = {kind: set() for kind in KINDS}
        connection._search_pending = pending
    return pending


def flush_pending(using: str | None) -> None:
    """Enqueue the index tasks for the ids collected on this connection (what a commit does)."""
    from scriptorium.search import tasks

    pending = _pending(using)
    batches = {kind: sorted(ids) for kind, ids in pending.items() if ids}
    for ids in pending.values():
        ids.clear()
    if "works" in batches:
        tasks.index_works_task.enqueue(batches["works"])
    if "tags" in batches:
        tasks.index_tags_task.enqueue(batches["tags"])
    if "pseuds" in batches:
        tasks.index_pseuds_task.enqueue(batches["pseuds"])


@contextlib.contextmanager
def held(using: str | None = None) -> Iterator[dict[str, set[int]]]:
    """Hold this connection's index tasks for the block (a bulk import: one task at the end, not one per
    transaction). Ids are still collected, into the sets by kind this yields: a caller that indexes some works
    itself (``index_works``) removes them. What is left is flushed when the block ends (after the commit when
    the block ends inside a transaction). A process killed in the block loses what it held: the caller keeps
    its own note of what still needs indexing (efiction's records), and ``scriptorium search check`` finds it."""
    connection = transaction.get_connection(using)
    connection._search_held = getattr(connection, "_search_held", 0) + 1
    try:
        yield _pending(using)
    finally:
        connection._search_held -= 1
        if not connection._search_held:
            transaction.on_commit(lambda: flush_pending(using), using=using)


def enqueue(kind: str, ids: list[int], *, using: str | None = None) -> None:
    """Remember ids to index and make sure a flush runs when the current transaction commits (right away
    outside a transaction). Extra callbacks find nothing left to do. While ``held``, only remember them."""
    ids = [i for i in ids if i is not None]
    if not ids:
        return
    _pending(using)[kind].update(ids)
    if getattr(transaction.get_connection(using), "_search_held", 0):
        return
    transaction.on_commit(lambda: flush_pending(using), using=using)


def _work_changed(sender: type, instance: object, using: str, **kwargs: object) -> None:
    enqueue("works", [instance.pk], using=using)


def _work_part_changed(sender: type, instance: object, using: str, **kwargs: object) -> None:
    enqueue("works", [instance.work_id], using=using)


def _tag_changed(sender: type, instance: object, using: str, created: bool = False, **kwargs: object) -> None:
    if not created:  # a new tag carries no works yet
        enqueue("tags", [instance.pk], using=using)


def _meta_tagging_changed(sender: type, instance: object, using: str, **kwargs: object) -> None:
    enqueue("tags", [instance.sub_id], using=using)


def _pseud_changed(sender: type, instance: object, using: str, created: bool = False, **kwargs: object) -> None:
    if not created:
        enqueue("pseuds", [instance.pk], using=using)


def _external_creator_changed(
    sender: type, instance: object, using: str, created: bool = False, **kwargs: object
) -> None:
    if not created:  # a renamed or claimed external creator: the works it is credited on
        enqueue("works", list(instance.creatorships.values_list("work_id", flat=True)), using=using)


def connect() -> None:
    from scriptorium.accounts.models import Pseud
    from scriptorium.tags.models import MetaTagging, Tag
    from scriptorium.works.models import Chapter, Creatorship, ExternalCreator, ExternalCreatorship, Tagging, Work

    uid = "search-index"
    for signal in (post_save, post_delete):
        signal.connect(_work_changed, sender=Work, dispatch_uid=f"{uid}-work")
        for model in (Chapter, Creatorship, ExternalCreatorship, Tagging):
            signal.connect(_work_part_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
        signal.connect(_tag_changed, sender=Tag, dispatch_uid=f"{uid}-tag")
        signal.connect(_meta_tagging_changed, sender=MetaTagging, dispatch_uid=f"{uid}-metatagging")
    post_save.connect(_pseud_changed, sender=Pseud, dispatch_uid=f"{uid}-pseud")
    post_save.connect(_external_creator_changed, sender=ExternalCreator, dispatch_uid=f"{uid}-external-creator")
