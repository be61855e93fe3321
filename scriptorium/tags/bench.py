"""Timing tag autocomplete against a large archive (``scriptorium tags bench-autocomplete``).

Synthetic tags are added inside a transaction that is rolled back at the end, so the archive is unchanged.
The time measured is the autocomplete view's: the lookup and the JSON response, as the server spends it.
"""

from __future__ import annotations

import random
import statistics
import time
from typing import TextIO

from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test import RequestFactory

from scriptorium.tags.models import Tag, TagType
from scriptorium.tags.signals import tag_words_index

# fmt: off
FIRST = [
    "Natasha", "Steve", "Bucky", "Tony", "Clint", "Bruce", "Peggy", "Sharon", "Harry", "Hermione", "Ron",
    "Draco", "Luna", "Ginny", "Sirius", "Remus", "Luke", "Leia", "Han", "Rey", "Finn", "Poe", "Dean", "Sam",
    "Castiel", "Naruto", "Sasuke", "Sakura", "Izuku", "Katsuki", "Frodo", "Sam", "Merry", "Pippin", "Aragorn",
    "Legolas", "Gimli", "Spock", "Kirk", "Aziraphale", "Crowley", "Stiles", "Derek", "Hinata", "Kageyama",
    "Eleven", "Mike", "Will", "Dustin", "Lucas", "Max", "Zhongli", "Venti", "Diluc", "Kaeya",
]
LAST = [
    "Romanov", "Rogers", "Barnes", "Stark", "Barton", "Banner", "Carter", "Potter", "Granger", "Weasley",
    "Malfoy", "Lovegood", "Black", "Lupin", "Skywalker", "Organa", "Solo", "Dameron", "Winchester", "Uzumaki",
    "Uchiha", "Haruno", "Midoriya", "Bakugou", "Baggins", "Gamgee", "Brandybuck", "Took", "Elessar", "Greenleaf",
    "McCoy", "Hale", "Stilinski", "Shouyou", "Tobio", "Byers", "Wheeler", "Henderson", "Sinclair", "Mayfield",
]
WORDS = [
    "fluff", "angst", "hurt", "comfort", "slow", "burn", "alternate", "universe", "coffee", "shop", "modern",
    "found", "family", "enemies", "to", "lovers", "friends", "secret", "identity", "time", "travel", "fix-it",
    "canon", "divergence", "domestic", "smut", "mutual", "pining", "post-canon", "pre-canon", "kid", "fic",
    "soulmates", "au", "magic", "royalty", "college", "high", "school", "road", "trip",
]
# fmt: on
QUERIES = [
    ("character", "n"),
    ("character", "nat"),
    ("character", "natasha"),
    ("character", "steve rog"),
    ("relationship", "s"),
    ("relationship", "stucky"),
    ("relationship", "natasha/ste"),
    ("relationship", "draco malfoy/harry"),
    ("additional", "slow"),
    ("additional", "au"),
    ("fandom", "marvel"),
    ("all", "a"),
    ("all", "ha"),
    ("all", "romanogers"),
]


class _Rollback(Exception):
    pass


def _synthetic(count: int, rng: random.Random) -> list[Tag]:
    tags: list[Tag] = []
    seen: set[str] = set(n.casefold() for n in Tag.objects.values_list("name", flat=True))

    def add(name: str, tag_type: str) -> None:
        if name.casefold() in seen:
            return
        seen.add(name.casefold())
        roll = rng.random()
        tags.append(Tag(name=name, type=tag_type, canonical=roll < 0.3))

    n = 0
    while len(tags) < count:
        n += 1
        kind = rng.random()
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if kind < 0.35:
            add(f"{person} ({n % 997})", TagType.CHARACTER)
        elif kind < 0.7:
            other = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            add(f"{person}{rng.choice(['/', ' & '])}{other} {n % 311}", TagType.RELATIONSHIP)
        elif kind < 0.95:
            add(" ".join(rng.sample(WORDS, rng.randint(1, 4))) + f" {n}", TagType.ADDITIONAL)
        else:
            add(f"{rng.choice(LAST)} Saga {n} (TV)", TagType.FANDOM)
    return tags


def bench_autocomplete(*, tags: int, rounds: int, out: TextIO) -> dict[str, float]:
    from scriptorium.tags.views.pages import tag_autocomplete

    factory = RequestFactory()
    figures: dict[str, float] = {}
    try:
        with transaction.atomic():
            missing = max(0, tags - Tag.objects.count())
            started = time.perf_counter()
            created = Tag.objects.bulk_create(_synthetic(missing, random.Random(42)), batch_size=2000)
            canonical = [t for t in created if t.canonical]
            rng = random.Random(7)
            by_type: dict[str, list[Tag]] = {}
            for tag in canonical:
                by_type.setdefault(tag.type, []).append(tag)
            synonyms = [t for t in created if not t.canonical and rng.random() < 0.4 and by_type.get(t.type)]
            for tag in synonyms:
                tag.merger = rng.choice(by_type[tag.type])
            Tag.objects.bulk_update(synonyms, ["merger"], batch_size=2000)
            tag_words_index(created)
            if connection.vendor == "postgresql":  # what autovacuum does for a real archive
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE tags_tag; ANALYZE tags_tagword")
            out.write(
                f"{Tag.objects.count()} tags ({len(created)} synthetic, {len(synonyms)} synonyms) ready in "
                f"{time.perf_counter() - started:.1f} s on {connection.vendor}.\n"
            )
            timings: list[float] = []
            for tag_type, query in QUERIES:
                request = factory.get("/", {"q": query})
                request.user = AnonymousUser()  # a guest's lookup: synonyms and unwrangled tags checked against works
                tag_autocomplete(request, tag_type)  # warm up
                runs = []
                for _ in range(rounds):
                    start = time.perf_counter()
                    tag_autocomplete(request, tag_type)
                    runs.append((time.perf_counter() - start) * 1000)
                timings.extend(runs)
                out.write(
                    f"  {tag_type:<12} {query!r:<24} median {statistics.median(runs):6.2f} ms"
                    f"  max {max(runs):6.2f} ms\n"
                )
            timings.sort()
            figures = {
                "median_ms": statistics.median(timings),
                "p95_ms": timings[int(len(timings) * 0.95) - 1],
                "max_ms": timings[-1],
            }
            out.write(
                f"Autocomplete at {Tag.objects.count()} tags: median {figures['median_ms']:.2f} ms, "
                f"95th percentile {figures['p95_ms']:.2f} ms, slowest {figures['max_ms']:.2f} ms.\n"
            )
            raise _Rollback
    except _Rollback:
        pass
    return figures
