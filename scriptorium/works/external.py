"""Writes for external creators (see ``works.models.external``): find or make one, credit works to it."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from scriptorium.accounts.models import Pseud, User
from scriptorium.works.models import Creatorship, ExternalCreator, ExternalCreatorship, Work
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


def work_external_creators_set(
    *, work: Work, external_creators: Sequence[ExternalCreator], announce: bool = True
) -> None:
    """Credit ``work`` to exactly these external creators, in this order (bumps its revision when it changes).
    ``announce=False``: neither, for a work created unannounced in the caller's transaction (``work_create``)."""
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
        if announce:
            works_revise([work.pk])


# Claims (``scriptorium.claims``): the author of an external creator's works takes them, or asks them taken down.
# The claims app decides who may (the holder of a claim link) and calls these; they only move the works.


def external_creator_works_claim(*, external_creator: ExternalCreator, pseud: Pseud) -> list[int]:
    """Move the external creator's works onto ``pseud`` in one transaction; answers the works' ids.

    The external creator is marked claimed (``claimed_by``, ``claimed_at``), so bylines stop showing it. On each
    work the archivist's keeping credit is replaced by ``pseud`` (the work's owner becomes the pseud's account),
    unless another unclaimed external creator of the same archivist is still credited there: then the archivist
    keeps it for them and ``pseud`` is credited beside. Every work moved gets a new revision. A creator claimed
    already is refused (``ValidationError``) and nothing changes."""
    with transaction.atomic():
        creator = ExternalCreator.objects.select_for_update().get(pk=external_creator.pk)
        if creator.is_claimed:
            raise ValidationError("These works have been claimed already.")
        work_ids = sorted(
            set(ExternalCreatorship.objects.filter(external_creator=creator).values_list("work_id", flat=True))
        )
        works = list(Work.objects.select_for_update().filter(pk__in=work_ids).order_by("pk"))
        creator.claimed_by, creator.claimed_at = pseud, timezone.now()
        creator.save(update_fields=["claimed_by", "claimed_at"])
        for work in works:
            _claim_one(work, archivist_id=creator.archivist_id, pseud=pseud)
        works_revise(work_ids)
    external_creator.refresh_from_db()
    return work_ids


def _claim_one(work: Work, *, archivist_id: int, pseud: Pseud) -> None:
    still_kept = ExternalCreatorship.objects.filter(
        work=work, external_creator__archivist_id=archivist_id, external_creator__claimed_by__isnull=True
    ).exists()
    keeping = list(
        Creatorship.objects.filter(work=work, pseud__user_id=archivist_id)
        .exclude(pseud=pseud)
        .order_by("position", "id")
    )
    if not Creatorship.objects.filter(work=work, pseud=pseud).exists():
        if keeping and not still_kept:
            first = keeping.pop(0)
            first.pseud = pseud
            first.save(update_fields=["pseud"])
        else:
            last = Creatorship.objects.filter(work=work).order_by("-position").values_list("position", flat=True)
            position = keeping[0].position if keeping else (last.first() or 0) + 1
            Creatorship.objects.create(work=work, pseud=pseud, position=position)
    if not still_kept:
        for creatorship in keeping:
            creatorship.delete()  # one by one: the search index hears of each
    if work.owner_id is None or work.owner_id == archivist_id:
        Work.objects.filter(pk=work.pk).update(owner=pseud.user_id)


#: The reason a work taken down at its author's request shows its keepers and the moderators.
REMOVAL_REASON = "Removal requested by the author."


def external_creator_removal_request(*, external_creator: ExternalCreator, reason: str = REMOVAL_REASON) -> list[int]:
    """The author asked for the external creator's works to be taken down: each leaves public view at once (hidden,
    as a moderator hides a work, with ``reason``: its keepers and the moderators still open it, and may delete it)
    and ``removal_requested_at`` is set. Answers the ids of the works hidden now. Saving each work reindexes it
    (``search.signals``), so it leaves listings and search."""
    now = timezone.now()
    with transaction.atomic():
        creator = ExternalCreator.objects.select_for_update().get(pk=external_creator.pk)
        works = list(
            Work.objects.select_for_update()
            .filter(external_creatorships__external_creator=creator, hidden=False)
            .order_by("pk")
        )
        for work in works:
            work.hidden, work.hidden_as_spam, work.held_for_review = True, False, False
            work.hidden_reason, work.hidden_at = reason, now
            work.save(
                update_fields=[
                    "hidden",
                    "hidden_as_spam",
                    "hidden_reason",
                    "hidden_at",
                    "held_for_review",
                    "modified_at",
                ]
            )
        creator.removal_requested_at = now
        creator.save(update_fields=["removal_requested_at"])
    external_creator.refresh_from_db()
    return [work.pk for work in works]
