"""Who a byline names: the credited authors and, for works archived on their authors' behalf, the archivists.

A work credited to external creators (``works.models.external``) reads "by NAME [archived by ARCHIVIST]", as on
AO3: the unclaimed external creators are the authors, and the pseuds of their archivists are the keepers shown in
brackets. Once an external creator is claimed (``claimed_by`` set, the claimer's pseud credited on the work) the
external credit is no longer shown and the claimer's pseud is. Works without external creators read as always:
"by PSEUD, PSEUD".

Everything is read from what ``works.selectors.blurb_queryset`` prefetched (creatorships with their pseuds'
users, external creatorships with their external creators), so a listing costs no query per work.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scriptorium.accounts.models import Pseud
from scriptorium.works.models import ExternalCreator, Work


@dataclass(frozen=True)
class Byline:
    """``authors``: pseuds and external creators in credit order; ``keepers``: the archivists' pseuds."""

    authors: list[Pseud | ExternalCreator] = field(default_factory=list)
    keepers: list[Pseud] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """The authors' names as a download or a feed credits them ("Pseud (login)" for a pseud)."""
        return [author.display_name for author in self.authors]

    @property
    def keeper_names(self) -> list[str]:
        return [pseud.display_name for pseud in self.keepers]

    @property
    def text(self) -> str:
        """The byline as plain text, without "by": "NAME [archived by ARCHIVIST]"."""
        shown = ", ".join(self.names) or "Anonymous"
        if self.keepers:
            shown += f" [archived by {', '.join(self.keeper_names)}]"
        return shown


def byline_of(work: Work) -> Byline:
    """The work's byline (computed once per work object)."""
    cached = getattr(work, "_byline", None)
    if cached is not None:
        return cached
    pseuds = [c.pseud for c in sorted(work.creatorships.all(), key=lambda c: (c.position, c.pk))]
    externals = [
        e.external_creator
        for e in sorted(work.external_creatorships.all(), key=lambda e: (e.position, e.pk))
        if not e.external_creator.is_claimed
    ]
    if not externals:
        byline = Byline(authors=pseuds)
    else:
        archivists = {e.archivist_id for e in externals}
        keepers = [p for p in pseuds if p.user_id in archivists]
        others = [p for p in pseuds if p.user_id not in archivists]
        byline = Byline(authors=[*others, *externals], keepers=keepers)
    work._byline = byline
    return byline


def series_byline(creators: list[Pseud], works: list[Work]) -> Byline:
    """A series' byline: its creators, and the unclaimed external creators of the works shown (their archivists'
    pseuds then read as keepers)."""
    externals: dict[int, ExternalCreator] = {}
    for work in works:
        for author in byline_of(work).authors:
            if isinstance(author, ExternalCreator):
                externals.setdefault(author.pk, author)
    if not externals:
        return Byline(authors=list(creators))
    archivists = {e.archivist_id for e in externals.values()}
    keepers = [p for p in creators if p.user_id in archivists]
    others = [p for p in creators if p.user_id not in archivists]
    return Byline(authors=[*others, *externals.values()], keepers=keepers)
