"""Background work for moderation, enqueued by ``receivers``; each task takes ids and calls a service."""

from __future__ import annotations

from django.tasks import task

from scriptorium.moderation import services


@task()
def work_spam_case_task(work_id: int) -> bool:
    return services.work_spam_case_open(work_id=work_id) is not None
