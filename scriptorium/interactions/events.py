"""Signals other apps may listen to for changes that do not go through ``Model.save``."""

from django.dispatch import Signal

#: Sent (inside the transaction) when a comment held for approval is published; argument: ``comment``.
comment_approved = Signal()
