"""Reading times: how long a text of so many words takes at a reader's speed (``styles.SPEEDS``), as a page says it."""

from __future__ import annotations

import math

from scriptorium.comfort.styles import DEFAULT, SPEEDS


def words_per_minute(speed: object) -> int:
    """A speed from the context (``READING_SPEED``) as words a minute; anything else is the default speed."""
    value = str(speed)
    return int(value if value in SPEEDS else DEFAULT.speed)


def reading_minutes(words: int, speed: object) -> int:
    """Whole minutes, rounded up: a text of any length takes at least a minute."""
    if words <= 0:
        return 0
    return max(1, math.ceil(words / words_per_minute(speed)))


def reading_time(words: int, speed: object) -> str:
    """ "1 min", "45 min", "1 h", "2 h 5 min"; "" for a text without words."""
    minutes = reading_minutes(words, speed)
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"
