"""Background upkeep of the search index: each task takes ids and re-reads the database, so it is safe to run
twice, late, or after the rows are gone (missing or unposted works are removed from the index)."""

from __future__ import annotations

from django.tasks import task

from scriptorium.search import indexing
from scriptorium.search.backends import get_search_backend


@task
def index_works_task(work_ids: list[int]) -> int:
    """Re-index these works; answer how many ids were handled."""
    get_search_backend().index_works(work_ids)
    return len(work_ids)


@task
def index_tags_task(tag_ids: list[int]) -> int:
    """A tag was renamed or wrangled: re-index the works whose tag text or crossover count it moves."""
    work_ids = indexing.work_ids_for_tags(tag_ids)
    get_search_backend().index_works(work_ids)
    return len(work_ids)


@task
def index_pseuds_task(pseud_ids: list[int]) -> int:
    """A pseud was renamed: re-index its works (creator text and creator sort)."""
    from scriptorium.works.models import Creatorship

    work_ids = set(Creatorship.objects.filter(pseud_id__in=pseud_ids).values_list("work_id", flat=True))
    get_search_backend().index_works(work_ids)
    return len(work_ids)


@task
def index_work_revision_task(work_id: int, revision: int) -> int:
    """A work reached ``revision`` (``work_revised``): re-index it unless the index already holds that revision
    or a later one. Answers how many works were indexed (0 or 1)."""
    from scriptorium.search.models import SearchDocument

    if SearchDocument.objects.filter(work_id=work_id, revision__gte=revision).exists():
        return 0
    get_search_backend().index_works([work_id])
    return 1
