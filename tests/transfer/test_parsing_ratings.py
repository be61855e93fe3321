"""map_rating: other sites' ratings onto AO3's."""

from __future__ import annotations

import pytest

from scriptorium.tags.vocabulary import EXPLICIT, GENERAL, MATURE, NOT_RATED, RATINGS, TEEN
from scriptorium.transfer.ratings import RATING_MAP, map_rating


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # FanFiction.Net / fictionratings.com
        ("K", GENERAL),
        ("K+", GENERAL),
        ("T", TEEN),
        ("M", MATURE),
        ("MA", EXPLICIT),
        ("Fiction T", TEEN),
        ("Rated: Fiction K+", GENERAL),
        ("fiction m", MATURE),
        # Inkitt
        ("13+", TEEN),
        ("16+", MATURE),
        ("18+", EXPLICIT),
        ("Age Rating: 18+", EXPLICIT),
        # Words
        ("Teen", TEEN),
        ("Mature", MATURE),
        ("Explicit", EXPLICIT),
        ("General", GENERAL),
        ("adult", EXPLICIT),
        # AO3's own names, any case
        ("General Audiences", GENERAL),
        ("Teen And Up Audiences", TEEN),
        ("teen and up audiences", TEEN),
        ("MATURE", MATURE),
        ("Not Rated", NOT_RATED),
        # Older archives
        ("PG-13", TEEN),
        ("PG\u201313", TEEN),
        ("NC-17", EXPLICIT),
        ("R", MATURE),
        # Noise around the value
        ("  [T]  ", TEEN),
        ("Explicit.", EXPLICIT),
    ],
)
def test_known_ratings(value: str, expected: str) -> None:
    assert map_rating(value) == expected


@pytest.mark.parametrize("value", ["", "   ", "spicy", "15+", "Gen", "K++", "Fiction"])
def test_unknown_ratings_are_none(value: str) -> None:
    assert map_rating(value) is None


def test_the_table_only_produces_our_ratings() -> None:
    assert set(RATING_MAP.values()) <= set(RATINGS)
    assert all(key == key.casefold() for key in RATING_MAP)
