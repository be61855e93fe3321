"""The domain events that change what guests see: each bumps the generations of the pages that show it
(``generations.py``), nothing more. Counters a listing shows (kudos, comments, bookmarks, hits) are left to the
cache's lifetime (``SCRIPTORIUM_PAGE_CACHE_SECONDS``): bumping every listing on every kudos would empty them
all the time. A work's own pages follow its kudos, comments and bookmarks at once."""

from __future__ import annotations

from scriptorium.accounts import events as accounts_events
from scriptorium.efiction import events as efiction_events
from scriptorium.interactions import events as interactions_events
from scriptorium.leaving import events as leaving_events
from scriptorium.moderation import events as moderation_events
from scriptorium.pagecache.generations import ALL, LISTINGS, generations_bump, work_generation
from scriptorium.skins import events as skins_events
from scriptorium.tags import events as tags_events
from scriptorium.works import events as works_events


@works_events.work_posted.listen
def _work_posted(*, work_id: int) -> None:
    generations_bump(work_generation(work_id), LISTINGS)


@works_events.work_revised.listen
def _work_revised(*, work_id: int, revision: int, posted: bool) -> None:
    generations_bump(work_generation(work_id), LISTINGS)


@works_events.work_deleted.listen
def _work_deleted(*, work_id: int) -> None:
    generations_bump(work_generation(work_id), LISTINGS)


@works_events.chapter_posted.listen
def _chapter_posted(*, work_id: int, chapter_id: int) -> None:
    generations_bump(work_generation(work_id), LISTINGS)


@works_events.work_added_to_series.listen
def _work_added_to_series(*, series_id: int, work_id: int) -> None:
    generations_bump(work_generation(work_id), LISTINGS)


@works_events.work_flagged_as_spam.listen
def _work_flagged_as_spam(*, work_id: int) -> None:
    generations_bump(work_generation(work_id), LISTINGS)


@works_events.creator_invitation_answered.listen
def _creator_invitation_answered(*, invitation_id: int, accepted: bool) -> None:
    generations_bump(ALL)  # a byline changed (rare)


@efiction_events.works_imported.listen
def _efiction_works_imported(*, import_id: int) -> None:
    generations_bump(ALL)  # new works under many tags, creators and series at once (rare: an operator's import)


@skins_events.skin_changed.listen
def _skin_changed(*, skin_id: int, work_ids: list[int]) -> None:
    generations_bump(*(work_generation(work_id) for work_id in work_ids))  # their pages link the new stylesheet


@interactions_events.work_interactions_changed.listen
def _work_interactions_changed(*, work_id: int) -> None:
    generations_bump(work_generation(work_id))


@interactions_events.kudos_given.listen
def _kudos_given(*, kudos_id: int, work_id: int, chapter_id: int | None) -> None:
    generations_bump(work_generation(work_id))


@tags_events.tag_wrangled.listen
def _tag_wrangled(*, tag_id: int) -> None:
    generations_bump(ALL)  # tag names and the works under tags show on every kind of page


@moderation_events.action_taken.listen
def _moderation_action_taken(*, action_id: int) -> None:
    generations_bump(ALL)  # a work or comment hidden or shown, an account suspended


@accounts_events.pseud_renamed.listen
def _pseud_renamed(*, pseud_id: int) -> None:
    generations_bump(ALL)  # bylines on works and in listings


@leaving_events.account_deleted.listen
def _account_deleted(*, deletion_id: int, user_id: int) -> None:
    generations_bump(ALL)  # works orphaned or deleted, comments now "from a deleted account"
