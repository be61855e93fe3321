"""Background work: notifications for events (enqueued by ``receivers`` once an event is announced), and the periodic
run that matches saved searches and sends due email digests.

The periodic run renews itself like the hits flush (``interactions.tasks``): ``scriptorium notifications digest
--schedule`` enqueues it once, and each run enqueues the next ``SCRIPTORIUM_NOTIFICATIONS_PERIODIC_SECONDS``
later; a cache key stops a second chain from starting.
"""

from __future__ import annotations

from django.conf import settings
from django.tasks import task

from scriptorium.core.periodic import periodic_renew, schedule_next
from scriptorium.notifications import cocreators, delivery, moderation

SCHEDULE_KEY = "notifications:periodic-scheduled"


@task()
def comment_task(comment_id: int) -> int:
    return delivery.comment_notify(comment_id=comment_id)


@task()
def kudos_task(kudos_id: int) -> int:
    return delivery.kudos_notify(kudos_id=kudos_id)


@task()
def work_announce_task(work_id: int) -> int:
    return delivery.work_announce(work_id=work_id)


@task()
def chapter_task(chapter_id: int) -> int:
    return delivery.chapter_notify(chapter_id=chapter_id)


@task()
def series_work_task(series_id: int, work_id: int) -> int:
    return delivery.series_work_notify(series_id=series_id, work_id=work_id)


@task()
def co_creator_invitation_task(invitation_id: int) -> int:
    return cocreators.invitation_notify(invitation_id=invitation_id)


@task()
def co_creator_answer_task(invitation_id: int) -> int:
    return cocreators.answer_notify(invitation_id=invitation_id)


@task()
def moderation_action_task(action_id: int) -> int:
    return moderation.action_notify(action_id=action_id)


@task()
def moderation_outcome_task(case_id: int) -> int:
    return moderation.outcome_notify(case_id=case_id)


def periodic_interval() -> int:
    return int(getattr(settings, "SCRIPTORIUM_NOTIFICATIONS_PERIODIC_SECONDS", 3600))


def schedule_next_run(*, force: bool = False) -> bool:
    """Enqueue the next periodic run unless one is already due; answer whether one was enqueued."""
    return schedule_next(periodic_task, key=SCHEDULE_KEY, interval=periodic_interval(), force=force)


@task()
def periodic_task(periodic: bool = False) -> dict[str, int]:
    """Match saved searches against new works, then send the digests that are due; renew when periodic."""
    from scriptorium.notifications.digests import digests_send_due
    from scriptorium.notifications.searches import saved_searches_match

    try:
        return {"search_notifications": saved_searches_match(), "digests": digests_send_due()}
    finally:
        if periodic:
            periodic_renew(schedule_next_run, "notifications run")
