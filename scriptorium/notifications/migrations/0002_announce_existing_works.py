"""Works posted before notifications existed count as announced: their next edit is not news."""

from django.db import migrations


def announce_existing(apps, schema_editor):
    Work = apps.get_model("works", "Work")
    Announcement = apps.get_model("notifications", "Announcement")
    ids = list(Work.objects.filter(posted=True).values_list("pk", flat=True))
    for start in range(0, len(ids), 1000):
        Announcement.objects.bulk_create(
            [Announcement(work_id=pk) for pk in ids[start : start + 1000]], ignore_conflicts=True
        )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("works", "0002_reader_counters"),
    ]

    operations = [migrations.RunPython(announce_existing, migrations.RunPython.noop)]
