"""What the account's owner chooses for each work as they leave."""

from __future__ import annotations

from django.db import models


class WorkChoice(models.TextChoices):
    ORPHAN_KEEP_NAME = "orphan_keep_name", "Orphan it, keeping my pseud's name on it"
    ORPHAN = "orphan", "Orphan it, credited to orphan_account"
    DELETE = "delete", "Delete it"
