"""Email digests through Django's email (the test outbox): unread news since the last digest, when due."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from scriptorium.notifications.digests import digests_send_due
from scriptorium.notifications.models import DigestSettings, Notification
from scriptorium.notifications.services import digest_settings_update, notifications_mark_all_read
from tests.factories import UserFactory, make_work
from tests.notifications.conftest import comment_on

pytestmark = pytest.mark.django_db


def _commented(committed, writer, text: str = "Lovely harbour.") -> None:
    work = make_work(creator=writer, title="Harbour")
    with committed():
        comment_on(work, UserFactory(username=f"reader{Notification.objects.count()}"), text)


def test_a_daily_digest_lists_unread_notifications_once(committed) -> None:
    writer = UserFactory(email="writer@example.org")
    digest_settings_update(actor=writer, frequency="daily")
    _commented(committed, writer, "The lamps at dusk!")
    now = timezone.now()
    assert digests_send_due(now=now) == 1
    [message] = mail.outbox
    assert message.to == ["writer@example.org"]
    assert message.subject.endswith("1 unread notification")
    assert "commented on “Harbour”." in message.body and "The lamps at dusk!" in message.body
    assert "/account/notifications" in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html" and "The lamps at dusk!" in html

    assert digests_send_due(now=now + datetime.timedelta(hours=2)) == 0  # not due again yet
    _commented(committed, writer, "Second comment.")
    assert digests_send_due(now=now + datetime.timedelta(days=1)) == 1
    second = mail.outbox[1]
    assert "Second comment." in second.body and "The lamps at dusk!" not in second.body  # only what is new


def test_no_email_when_nothing_is_unread_or_the_digest_is_off(committed) -> None:
    quiet, off = UserFactory(), UserFactory()
    digest_settings_update(actor=quiet, frequency="weekly")
    _commented(committed, quiet)
    notifications_mark_all_read(actor=quiet)
    _commented(committed, off)
    assert digests_send_due() == 0
    assert mail.outbox == []
    assert DigestSettings.objects.get(user=quiet).last_sent_at is not None


def test_weekly_digests_wait_a_week(committed) -> None:
    writer = UserFactory()
    digest_settings_update(actor=writer, frequency="weekly")
    now = timezone.now()
    DigestSettings.objects.filter(user=writer).update(last_sent_at=now - datetime.timedelta(days=2))
    _commented(committed, writer)
    assert digests_send_due(now=now) == 0
    assert digests_send_due(now=now + datetime.timedelta(days=5)) == 1


def test_an_account_without_email_cannot_choose_a_digest() -> None:
    from django.core.exceptions import ValidationError

    user = UserFactory(email="")
    with pytest.raises(ValidationError, match="no email address"):
        digest_settings_update(actor=user, frequency="daily")
    assert not DigestSettings.objects.exists()


def test_the_command_sends_due_digests(committed) -> None:
    writer = UserFactory()
    digest_settings_update(actor=writer, frequency="daily")
    _commented(committed, writer)
    out = StringIO()
    call_command("notifications", "digest", stdout=out)
    assert "1 digest sent." in out.getvalue()
    assert len(mail.outbox) == 1


def test_the_periodic_task_matches_searches_then_sends_digests(committed) -> None:
    from scriptorium.notifications import tasks

    writer = UserFactory()
    digest_settings_update(actor=writer, frequency="daily")
    _commented(committed, writer)
    result = tasks.periodic_task.enqueue()  # tests run tasks immediately
    assert result.return_value == {"search_notifications": 0, "digests": 1}
    assert len(mail.outbox) == 1


def test_the_periodic_run_renews_itself_on_the_database_backend(settings) -> None:
    from django.core.cache import cache
    from django_tasks_db.models import DBTaskResult

    from scriptorium.notifications import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.delete(tasks.SCHEDULE_KEY)
    assert tasks.schedule_next_run() is True
    assert tasks.schedule_next_run() is False  # one chain only
    [row] = DBTaskResult.objects.all()
    assert row.run_after > timezone.now() + datetime.timedelta(minutes=50)
    assert tasks.periodic_task.call(periodic=True) == {"search_notifications": 0, "digests": 0}
    assert DBTaskResult.objects.count() == 2  # the run enqueued the next one
