"""AO3's fixed vocabularies, spelled exactly as the archive shows them.

Ratings (one per work), archive warnings (one or more) and categories (zero or more)
are fixed sets; every other tag is typed free text (see ``scriptorium.tags.models``).
"""

from __future__ import annotations

NOT_RATED = "Not Rated"
GENERAL = "General Audiences"
TEEN = "Teen And Up Audiences"
MATURE = "Mature"
EXPLICIT = "Explicit"

RATINGS: tuple[str, ...] = (NOT_RATED, GENERAL, TEEN, MATURE, EXPLICIT)
#: Ratings that show the adult-content notice before the work.
ADULT_RATINGS: frozenset[str] = frozenset({NOT_RATED, MATURE, EXPLICIT})

CHOSE_NOT_TO_WARN = "Creator Chose Not To Use Archive Warnings"
VIOLENCE = "Graphic Depictions Of Violence"
MAJOR_CHARACTER_DEATH = "Major Character Death"
NO_WARNINGS_APPLY = "No Archive Warnings Apply"
RAPE_NONCON = "Rape/Non-Con"
UNDERAGE = "Underage Sex"

WARNINGS: tuple[str, ...] = (
    CHOSE_NOT_TO_WARN,
    VIOLENCE,
    MAJOR_CHARACTER_DEATH,
    NO_WARNINGS_APPLY,
    RAPE_NONCON,
    UNDERAGE,
)
#: Warnings that say something happens; "No Archive Warnings Apply" excludes them.
SUBSTANTIVE_WARNINGS: frozenset[str] = frozenset({VIOLENCE, MAJOR_CHARACTER_DEATH, RAPE_NONCON, UNDERAGE})

CATEGORIES: tuple[str, ...] = ("F/F", "F/M", "Gen", "M/M", "Multi", "Other")

#: Short labels for the compact rating badge on listings.
RATING_ABBREVIATIONS: dict[str, str] = {
    NOT_RATED: "NR",
    GENERAL: "G",
    TEEN: "T",
    MATURE: "M",
    EXPLICIT: "E",
}

# Limits AO3 uses; we keep the same so works move between archives.
TITLE_MAX = 255
SUMMARY_MAX = 1250
NOTES_MAX = 5000
TAGS_PER_WORK_MAX = 75
CHAPTER_TEXT_MAX = 510_000
TAG_NAME_MAX = 150

#: The media fandoms are grouped under (AO3's "Media" tags, created by migration 0006). A fandom with none of them
#: as a parent is listed under UNCATEGORIZED_FANDOMS.
UNCATEGORIZED_FANDOMS = "Uncategorized Fandoms"
MEDIA: tuple[str, ...] = (
    "Anime & Manga",
    "Books & Literature",
    "Cartoons & Comics & Graphic Novels",
    "Celebrities & Real People",
    "Movies",
    "Music & Bands",
    "Other Media",
    "Theater",
    "TV Shows",
    "Video Games",
    UNCATEGORIZED_FANDOMS,
)
