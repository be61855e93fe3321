"""Works archived on their authors' behalf (Open Doors style), made through the works services as an import
does: the archivist's pseud keeps the work, an external creator is credited."""

from __future__ import annotations

from django.utils import timezone

from scriptorium.accounts.models import Pseud, User
from scriptorium.works.external import external_creator_get_or_create, work_external_creators_set
from scriptorium.works.models import Creatorship, ExternalCreator, Work
from scriptorium.works.revisions import works_revise
from tests.factories import make_work


def archive_work(archivist: User, name: str, *, email: str = "", title: str = "Rescued Tale", **kwargs) -> Work:
    """A work kept by ``archivist``'s default pseud and credited to the external creator ``name``."""
    work = make_work(creator=archivist, title=title, **kwargs)
    author = external_creator_get_or_create(archivist=archivist, name=name, email=email)
    work_external_creators_set(work=work, external_creators=[author])
    work.refresh_from_db()
    return work


def claim(author: ExternalCreator, pseud: Pseud) -> None:
    """What a claim leaves behind, written straight into the model fields (the claims app does it for real): the
    external creator marked claimed, the archivist's credit replaced by the claimer's pseud, new revisions."""
    author.claimed_by, author.claimed_at = pseud, timezone.now()
    author.save(update_fields=["claimed_by", "claimed_at"])
    work_ids = list(author.creatorships.values_list("work_id", flat=True))
    Creatorship.objects.filter(work_id__in=work_ids, pseud__user_id=author.archivist_id).update(pseud=pseud)
    works_revise(work_ids)
