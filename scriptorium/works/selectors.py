"""Reads for the reader's pages: which works a viewer gets, with everything their templates need prefetched.

Listings render in a constant number of queries whatever the page size, and a work page in a constant number
whatever its tag or chapter count: templates only ever touch what these functions prefetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from scriptorium.accounts.models import Pseud
from scriptorium.tags.models import TagType
from scriptorium.tags.vocabulary import CHOSE_NOT_TO_WARN
from scriptorium.works.bylines import Byline, series_byline
from scriptorium.works.inputs import WorkInput
from scriptorium.works.models import (
    Chapter,
    CreatorInvitation,
    Creatorship,
    ExternalCreator,
    ExternalCreatorship,
    InvitationState,
    Series,
    SeriesPart,
    Tagging,
    Work,
)
from scriptorium.works.querysets import is_staff

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User

    Viewer = User | AnonymousUser

#: Chapter fields a chapter list (navigation, chapter index) needs; the texts stay in the database.
CHAPTER_LIST_FIELDS = ("id", "work_id", "position", "title", "published_on", "word_count")


def blurb_queryset(qs: QuerySet[Work]) -> QuerySet[Work]:
    """``qs`` with creators (and their users), external creators, tags and series places prefetched, in their
    display order."""
    return qs.prefetch_related(
        Prefetch(
            "creatorships",
            queryset=Creatorship.objects.select_related("pseud__user").order_by("position", "id"),
        ),
        Prefetch(
            "external_creatorships",
            queryset=ExternalCreatorship.objects.select_related("external_creator").order_by("position", "id"),
        ),
        Prefetch("taggings", queryset=Tagging.objects.select_related("tag").order_by("position", "id")),
        Prefetch("series_parts", queryset=SeriesPart.objects.select_related("series").order_by("series__title")),
    )


def _newest_first(qs: QuerySet[Work]) -> QuerySet[Work]:
    return qs.order_by("-revised_on", "-id")


def works_listed(user: Viewer) -> QuerySet[Work]:
    """Every work listed for ``user``, most recently updated first, ready for blurbs."""
    return blurb_queryset(_newest_first(Work.objects.listed_for(user)))


def work_for_reading(user: Viewer, work_id: int) -> Work | None:
    """The work if ``user`` may open it (None otherwise, exactly as for a missing work), ready for its page."""
    return blurb_queryset(Work.objects.visible_to(user).filter(pk=work_id)).first()


def works_visible(user: Viewer) -> QuerySet[Work]:
    """The works ``user`` may open (what other apps' pages narrow their own rows by, e.g. the tags shown)."""
    return Work.objects.visible_to(user)


def work_or_404(works: QuerySet[Work], work_id: int) -> Work:
    """The work among ``works`` (a visibility rule from ``querysets``), or the 404 a missing work answers."""
    work = works.filter(pk=work_id).first()
    if work is None:
        raise Http404("No work found.")
    return work


def work_visible_or_404(user: Viewer, work_id: int, *, for_page: bool = False) -> Work:
    """The work if ``user`` may open it, else 404 exactly as for a missing work. ``for_page``: ready for its
    page and blurbs (creators, tags and series places prefetched)."""
    works = Work.objects.visible_to(user)
    return work_or_404(blurb_queryset(works) if for_page else works, work_id)


def work_asks_guest_to_log_in(user: Viewer, work_id: int) -> bool:
    """Whether ``user`` is a guest asking for a work they could open once logged in (a restricted work): they are
    told so, without its title, instead of "not found"."""
    return not user.is_authenticated and Work.objects.members_only().filter(pk=work_id).exists()


def work_listed_or_404(user: Viewer, work_id: int) -> Work:
    """The work if ``user`` could find it in a listing (not a draft; not restricted, for a guest), else 404."""
    return work_or_404(Work.objects.listed_for(user), work_id)


def work_editable_or_404(user: Viewer, work_id: int) -> Work:
    """The work if ``user`` is one of its creators (who may change it), else 404 as for a missing work."""
    return work_or_404(Work.objects.editable_by(user), work_id)


def drafts_of(user: Viewer) -> QuerySet[Work]:
    """The drafts ``user`` may edit, most recently changed first."""
    return (
        Work.objects.editable_by(user)
        .filter(posted=False)
        .prefetch_related("creators__user")
        .order_by("-modified_at", "-id")
    )


def chapter_list(work: Work) -> list[Chapter]:
    """The work's chapters in order, without their texts (for navigation and the chapter index)."""
    return list(Chapter.objects.filter(work=work).only(*CHAPTER_LIST_FIELDS).order_by("position", "id"))


def chapter_or_404(work: Work, chapter_id: int) -> Chapter:
    """One chapter of ``work`` with its text; 404 when the id is not one of this work's chapters."""
    chapter = Chapter.objects.filter(work=work, pk=chapter_id).first()
    if chapter is None:
        raise Http404("No such chapter in this work.")
    return chapter


def first_chapter(work: Work) -> Chapter | None:
    return Chapter.objects.filter(work=work).order_by("position", "id").first()


def chapters_full(work: Work) -> list[Chapter]:
    """All of the work's chapters with their texts, in order (the "Entire Work" view)."""
    return list(Chapter.objects.filter(work=work).order_by("position", "id"))


def _prefetched_creatorships(work: Work) -> list[Creatorship] | None:
    cache = getattr(work, "_prefetched_objects_cache", {})
    return list(cache["creatorships"]) if "creatorships" in cache else None


def creator_user_ids(work: Work) -> list[int]:
    """The accounts credited on ``work`` in credit order (from the creators ``blurb_queryset`` prefetched, else
    one query)."""
    prefetched = _prefetched_creatorships(work)
    if prefetched is not None:
        return [c.pseud.user_id for c in sorted(prefetched, key=lambda c: (c.position, c.pk))]
    return list(
        Creatorship.objects.filter(work=work).order_by("position", "id").values_list("pseud__user_id", flat=True)
    )


def is_creator(user: Viewer, work: Work) -> bool:
    """Whether ``user`` is credited on ``work`` through one of their pseuds (a co-creator counts). Reads the
    creators ``blurb_queryset`` prefetched; without them, one query through ``Work.objects.created_by``."""
    if not user.is_authenticated:
        return False
    prefetched = _prefetched_creatorships(work)
    if prefetched is not None:
        return any(c.pseud.user_id == user.pk for c in prefetched)
    return Work.objects.created_by(user).filter(pk=work.pk).exists()


def may_moderate(user: Viewer, work: Work, *, creator: bool | None = None) -> bool:
    """Whether ``user`` may moderate the work's comments (approve, delete, freeze): its creators and staff.
    ``creator``: what ``is_creator`` already answered for this user and work, when the caller knows."""
    if is_staff(user):
        return True
    return is_creator(user, work) if creator is None else creator


@dataclass(frozen=True)
class SeriesPlace:
    """Where a work stands in one series: "Part 2 of <series>", with its listed neighbours."""

    series: Series
    position: int
    previous: Work | None
    next: Work | None


def series_places(user: Viewer, work: Work) -> list[SeriesPlace]:
    """The work's places in its series; neighbours are the nearest works listed for ``user``. One query."""
    parts = list(work.series_parts.all())
    if not parts:
        return []
    neighbours = (
        SeriesPart.objects.filter(series__in=[p.series_id for p in parts])
        .filter(work__in=Work.objects.listed_for(user))
        .select_related("work")
        .only("id", "series_id", "position", "work__id", "work__title")
        .order_by("position", "id")
    )
    by_series: dict[int, list[SeriesPart]] = {}
    for part in neighbours:
        by_series.setdefault(part.series_id, []).append(part)
    places = []
    for part in parts:
        others = [p for p in by_series.get(part.series_id, []) if p.work_id != work.pk]
        before = [p for p in others if (p.position, p.id) < (part.position, part.id)]
        after = [p for p in others if (p.position, p.id) > (part.position, part.id)]
        places.append(
            SeriesPlace(
                series=part.series,
                position=part.position,
                previous=before[-1].work if before else None,
                next=after[0].work if after else None,
            )
        )
    return places


@dataclass(frozen=True)
class SeriesPage:
    series: Series
    creators: list[Pseud]
    works: list[Work]
    hidden: int = 0  # listed works the reader's blocklist left out

    @property
    def word_count(self) -> int:
        return sum(work.word_count for work in self.works)

    @property
    def byline(self) -> Byline:
        return series_byline(self.creators, self.works)


def series_or_404(series_id: int) -> Series:
    """A series by id (every series is public; its parts are filtered for each reader), or 404."""
    series = Series.objects.filter(pk=series_id).first()
    if series is None:
        raise Http404("No series found.")
    return series


def series_for_reading(user: Viewer, series_id: int, *, shown: Q | None = None) -> SeriesPage | None:
    """The series with its works listed for ``user`` in order, or None when it has none the viewer may see.
    ``shown``: a filter on the works (the viewer's blocklist, from the page: ``search.blocking``); the page then
    counts ``hidden``, the works it left out."""
    series = Series.objects.filter(pk=series_id).first()
    if series is None:
        return None
    parts = list(
        SeriesPart.objects.filter(series=series, work__in=Work.objects.listed_for(user))
        .order_by("position", "id")
        .values_list("work_id", "position")
    )
    if not parts:
        return None
    listed_count = len(parts)
    if shown is not None:
        kept = set(Work.objects.filter(shown, pk__in=[w for w, _ in parts]).values_list("pk", flat=True))
        parts = [(w, p) for w, p in parts if w in kept]
    works_by_id = {w.pk: w for w in blurb_queryset(Work.objects.filter(pk__in=[w for w, _ in parts]))}
    works = []
    for work_id, position in parts:
        work = works_by_id[work_id]
        work.series_position = position
        works.append(work)
    creators = list(series.creators.select_related("user").order_by("name"))
    return SeriesPage(series=series, creators=creators, works=works, hidden=listed_count - len(works))


def work_input_current(work: Work) -> WorkInput:
    """The work as it stands, as the input the works service takes."""
    tags: dict[str, list[str]] = {t: [] for t in TagType.values}
    for tagging in work.taggings.select_related("tag").order_by("position"):
        tags[tagging.tag.type].append(tagging.tag.name)
    part = work.series_parts.select_related("series").first()
    return WorkInput(
        title=work.title,
        summary=work.summary,
        notes=work.notes,
        end_notes=work.end_notes,
        language=work.language,
        rating=work.rating,
        warnings=tuple(tags[TagType.WARNING]) or (CHOSE_NOT_TO_WARN,),
        categories=tuple(tags[TagType.CATEGORY]),
        fandoms=tuple(tags[TagType.FANDOM]),
        relationships=tuple(tags[TagType.RELATIONSHIP]),
        characters=tuple(tags[TagType.CHARACTER]),
        additional_tags=tuple(tags[TagType.ADDITIONAL]),
        restricted=work.restricted,
        expected_chapters=work.expected_chapters,
        series_title=part.series.title if part else "",
        series_position=part.position if part else None,
        skin_id=work.skin_id,
    )


def invitations_pending_for(user: User) -> list[CreatorInvitation]:
    """The co-creator invitations waiting for ``user``'s answer, newest first."""
    return list(
        CreatorInvitation.objects.filter(pseud__user=user, state=InvitationState.PENDING)
        .select_related("pseud", "work", "series", "invited_by")
        .order_by("-created_at", "-id")
    )


def invitations_pending_on(target: Work | Series) -> list[CreatorInvitation]:
    """The pending invitations to share the credit for a work or series, in the order they were sent."""
    field = "work" if isinstance(target, Work) else "series"
    found = CreatorInvitation.objects.filter(state=InvitationState.PENDING, **{field: target})
    return list(found.select_related("pseud__user", "invited_by").order_by("created_at", "id"))


def work_credits(work: Work) -> list[Pseud]:
    """The pseuds credited on ``work``, in byline order."""
    return [c.pseud for c in work.creatorships.select_related("pseud__user").order_by("position", "id")]


def series_credits(series: Series) -> list[Pseud]:
    return list(series.creators.select_related("user").order_by("pk"))


def series_of_creator_or_404(user: Viewer, series_id: int) -> Series:
    """A series ``user`` is credited on, else 404 as for a missing one."""
    if user.is_authenticated:
        series = Series.objects.filter(pk=series_id, creators__user=user).distinct().first()
        if series is not None:
            return series
    raise Http404("No series found.")


def is_series_creator(user: Viewer, series: Series) -> bool:
    return bool(user.is_authenticated and series.creators.filter(user=user).exists())


def work_deletable_by(*, actor: User, work: Work) -> bool:
    """A work may be deleted by a creator only while no one else is credited (a co-creator leaves instead)."""
    return not Creatorship.objects.filter(work=work).exclude(pseud__user=actor).exists()


def external_creator_visible_or_404(user: Viewer, external_creator_id: int) -> ExternalCreator:
    """An external creator whose name ``user`` could read on a byline: one of their works is listed for the
    viewer (or the viewer is their archivist). Anyone else gets the 404 of a missing one, so a name credited only
    on drafts, restricted or hidden works is not given away."""
    found = ExternalCreator.objects.select_related("claimed_by__user").filter(pk=external_creator_id).first()
    if found is None:
        raise Http404("No such author.")
    if user.is_authenticated and user.pk == found.archivist_id:
        return found
    if not Work.objects.listed_for(user).filter(external_creatorships__external_creator=found).exists():
        raise Http404("No such author.")
    return found
