"""The scheduled backup's settings: off without a folder, then hourly, daily, weekly or every N seconds."""

from __future__ import annotations

import pytest

from scriptorium.backups.tasks import backup_interval
from scriptorium.core.periodic import PERIODIC


@pytest.mark.parametrize(
    ("every", "seconds"), [("daily", 86_400), ("Hourly", 3_600), ("weekly", 604_800), ("900", 900), ("soon", 86_400)]
)
def test_the_schedule_follows_the_settings(settings, tmp_path, every: str, seconds: int) -> None:
    settings.SCRIPTORIUM_BACKUP_DIR = str(tmp_path)
    settings.SCRIPTORIUM_BACKUP_EVERY = every
    assert backup_interval() == seconds


def test_no_folder_no_schedule(settings) -> None:
    settings.SCRIPTORIUM_BACKUP_DIR = ""
    assert backup_interval() == 0


def test_the_backup_is_a_periodic_chain() -> None:
    assert "scriptorium.backups.tasks.backup_scheduled_task" in {periodic.task_path for periodic in PERIODIC}
