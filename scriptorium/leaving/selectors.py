"""Reads for the leaving pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from scriptorium.accounts.models import User
from scriptorium.works.models import Creatorship, Work
from scriptorium.works.orphaning import ORPHAN_USERNAME


@dataclass(frozen=True)
class WorkToHandOver:
    """One of the account's works, as the deletion page lists it."""

    work: Work
    #: The account's own pseuds credited on it.
    own_names: tuple[str, ...]
    #: Other accounts' pseuds credited on it (the orphan account's excepted): the work stays with them.
    others: tuple[str, ...]

    @property
    def shared(self) -> bool:
        return bool(self.others)

    @property
    def draft(self) -> bool:
        return not self.work.posted

    @property
    def choosable(self) -> bool:
        """Whether its owner chooses its fate (a draft is deleted; a shared work only loses this credit)."""
        return not self.draft and not self.shared


def works_to_hand_over(user: User) -> list[WorkToHandOver]:
    """Every work credited to one of ``user``'s pseuds, drafts and hidden ones too, newest first."""
    creatorships = Creatorship.objects.select_related("pseud__user").order_by("position", "id")
    works = (
        Work.objects.created_by(user)
        .prefetch_related(Prefetch("creatorships", queryset=creatorships))
        .order_by("-created_at", "-id")
    )
    rows = []
    for work in works:
        own = tuple(c.pseud.name for c in work.creatorships.all() if c.pseud.user_id == user.pk)
        others = tuple(
            c.pseud.display_name
            for c in work.creatorships.all()
            if c.pseud.user_id != user.pk and c.pseud.user.username != ORPHAN_USERNAME
        )
        rows.append(WorkToHandOver(work=work, own_names=own, others=others))
    return rows


def has_second_factor(user: User) -> bool:
    """Whether the account signs in with a second factor (a code from an app, or recovery codes)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.WEBAUTHN).exists()
