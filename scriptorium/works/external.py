"""Writes for external creators (see ``works.models.external``): find or make one, credit works to it."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from scriptorium.accounts.models import User
from scriptorium.works.models import ExternalCreator, ExternalCreatorship, Work
from scriptorium.works.models.external import EXTERNAL_NAME_MAX
from scriptorium.works.revisions import works_revise


def external_creator_get_or_create(*, archivist: User, name: str, email: str = "", source: str = "") -> ExternalCreator:
    """The archivist's external creator of this name, email and source (case-insensitive), made on first use."""
    name = " ".join((name or "").split())
    email = (email or "").strip()
    if not name:
        raise ValidationError({"name": ["An external creator needs a name."]})
    if len(name) > EXTERNAL_NAME_MAX:
        raise ValidationError({"name": [f"An external creator's name has at most {EXTERNAL_NAME_MAX} characters."]})

    def lookup() -> ExternalCreator | None:
        return ExternalCreator.objects.filter(
            archivist=archivist, name__iexact=name, email__iexact=email, source=source
        ).first()

    found = lookup()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return ExternalCreator.objects.create(archivist=archivist, name=name, email=email, source=source)
    except IntegrityError:  # made meanwhile by a concurrent import
        found = lookup()
        if found is None:
            raise
        return found


def work_external_creators_set(*, work: Work, external_creators: Sequence[ExternalCreator]) -> None:
    """Credit ``work`` to exactly these external creators, in this order (bumps its revision when it changes)."""
    wanted = list(dict.fromkeys(external_creators))
    with transaction.atomic():
        current = list(ExternalCreatorship.objects.filter(work=work).order_by("position", "id"))
        if [c.external_creator_id for c in current] == [e.pk for e in wanted]:
            return
        ExternalCreatorship.objects.filter(work=work).delete()
        ExternalCreatorship.objects.bulk_create(
            ExternalCreatorship(work=work, external_creator=creator, position=position)
            for position, creator in enumerate(wanted)
        )
        works_revise([work.pk])
