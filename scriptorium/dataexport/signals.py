"""An export's file goes with its row, however the row goes (an account deleted, the admin): once the deletion
commits, the ZIP is removed (a rolled-back deletion keeps it)."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from scriptorium.dataexport import archive
from scriptorium.dataexport.models import DataExport


@receiver(post_delete, sender=DataExport, dispatch_uid="dataexport_file_follows_row")
def export_file_delete(sender: type[DataExport], instance: DataExport, using: str, **kwargs: object) -> None:
    name = instance.path or archive.relative_name(user_id=instance.user_id, export_id=instance.pk)
    transaction.on_commit(partial(archive.delete, name), using=using)
