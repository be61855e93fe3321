"""How other sites' ratings map onto ours: one table, used by every importer.

Keys are compared case-insensitively after :func:`_normalise` (which drops prefixes such as
"Rated:", "Fiction " or "Age Rating:", brackets and extra spaces).

======================================  =========================  ==========================================
Rating seen in the file                 Our rating                 Where it comes from
======================================  =========================  ==========================================
Not Rated, Unrated, NR                  Not Rated                  AO3; an explicit "not rated"
General Audiences, General, G, K, K+,   General Audiences          AO3; FanFiction.Net / fictionratings.com
All Ages, Everyone, PG                                             (K = 5+, K+ = 9+); MPAA-style G/PG as
                                                                   Open Doors imports older archives
Teen And Up Audiences, Teen And Up,     Teen And Up Audiences      AO3; FanFiction.Net T (13+); Inkitt 13+;
Teen, Teens, T, 13+, PG-13                                         MPAA-style PG-13
Mature, M, 16+, R                       Mature                     AO3; FanFiction.Net M (16+); Inkitt 16+;
                                                                   Wattpad's "mature" flag; MPAA-style R
Explicit, E, MA, 18+, Adult, NC-17,     Explicit                   AO3; fictionratings.com MA (18+, not
Adults Only, X, XXX                                                allowed on FanFiction.Net); Inkitt 18+
======================================  =========================  ==========================================

Anything else maps to ``None`` (unknown): the caller reports it and the service stores Not Rated.
"""

from __future__ import annotations

import re

from scriptorium.tags.vocabulary import EXPLICIT, GENERAL, MATURE, NOT_RATED, TEEN

_TABLE: dict[str, tuple[str, ...]] = {
    NOT_RATED: ("not rated", "unrated", "nr", "no rating"),
    GENERAL: (
        "general audiences",
        "general audience",
        "general",
        "g",
        "k",
        "k+",
        "all ages",
        "everyone",
        "pg",
    ),
    TEEN: ("teen and up audiences", "teen and up", "teen & up", "teen", "teens", "t", "13+", "pg-13", "pg13"),
    MATURE: ("mature", "m", "16+", "r"),
    EXPLICIT: ("explicit", "e", "ma", "18+", "adult", "adults only", "nc-17", "nc17", "x", "xxx"),
}

#: Lower-case spelling -> our rating; built from the table above.
RATING_MAP: dict[str, str] = {spelling: ours for ours, spellings in _TABLE.items() for spelling in spellings}

_PREFIX = re.compile(r"^(?:age\s+rating|rating|rated)\s*:?\s*", re.IGNORECASE)
_FICTION = re.compile(r"^fiction\s+", re.IGNORECASE)


def _normalise(value: str) -> str:
    text = value.strip().strip("[](){}").strip()
    text = _PREFIX.sub("", text)
    text = _FICTION.sub("", text)
    text = text.replace("\u2010", "-").replace("\u2011", "-").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"\s+", " ", text).strip(" .")
    return text.casefold()


def map_rating(value: str) -> str | None:
    """Return our rating (one of ``vocabulary.RATINGS``) for another site's rating, or None if unknown.

    >>> map_rating("Fiction T")
    'Teen And Up Audiences'
    >>> map_rating("18+")
    'Explicit'
    >>> map_rating("spicy") is None
    True
    """
    if not value:
        return None
    return RATING_MAP.get(_normalise(value))
