"""A reader's blocklist as the queries apply it: plain, hashable values (no models), built from the rule rows by
``selectors.blocklist_of`` and turned into SQL by the search engine (``search.backends.blocking``).

A work is hidden when any rule matches it and nothing on the allow-list does. Tags are *filter* tag ids (a
synonym's canonical tag; the tag graph's meta tags are found through the filter table), so a rule on a tag
catches its synonyms and sub tags too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

Range = tuple[int | None, int | None]  # inclusive; None: open at that end


@dataclass(frozen=True)
class Blocklist:
    #: (tag id, unless tag id or None): hide works found under the tag unless they are also under the other
    tags: tuple[tuple[int, int | None], ...] = ()
    words: tuple[str, ...] = ()  # lower case; a work whose title or summary contains one is hidden
    pseud_ids: tuple[int, ...] = ()
    external_creator_ids: tuple[int, ...] = ()
    word_ranges: tuple[Range, ...] = ()
    chapter_ranges: tuple[Range, ...] = ()
    max_fandoms: int | None = None  # hide works found under more fandoms than this
    stale_before: datetime.date | None = None  # hide works in progress last updated before this day
    languages: tuple[str, ...] = ()
    allow_tags: tuple[int, ...] = ()
    allow_pseud_ids: tuple[int, ...] = ()
    allow_external_creator_ids: tuple[int, ...] = ()

    @property
    def active(self) -> bool:
        """True when some rule can hide a work (an allow-list alone hides nothing)."""
        return bool(
            self.tags or self.words or self.pseud_ids or self.external_creator_ids or self.word_ranges
            or self.chapter_ranges or self.max_fandoms is not None or self.stale_before is not None
            or self.languages
        )  # fmt: skip

    @property
    def allows(self) -> bool:
        return bool(self.allow_tags or self.allow_pseud_ids or self.allow_external_creator_ids)


EMPTY = Blocklist()


def years_ago(years: int, today: datetime.date) -> datetime.date:
    """The same day ``years`` years before ``today`` (28 February for a 29 February that year lacks)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)
