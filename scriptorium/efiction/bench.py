"""``scriptorium bench_efiction``: generate an eFiction archive of a given size in MySQL/MariaDB, import it into the
configured (scratch) database, and report the time and the peak memory (docs/imports.md, "eFiction archives").

The generated archive is made of our own filler words; it is dropped afterwards unless kept.
"""

from __future__ import annotations

import datetime
import random
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass

import pymysql

from scriptorium.efiction.reader import Address
from scriptorium.efiction.schema import SCHEMA

WORDS = tuple(
    [
        "harbour",
        "lamp",
        "tide",
        "gull",
        "rope",
        "salt",
        "keeper",
        "storm",
        "light",
        "stone",
        "shore",
        "wave",
        "night",
        "dawn",
        "boat",
        "net",
        "mist",
        "bell",
        "cliff",
        "path",
        "window",
        "letter",
        "candle",
        "kettle",
        "north",
        "wind",
        "rain",
        "map",
        "compass",
        "anchor",
        "drift",
        "quiet",
    ]
)
CHUNK = 2000


@dataclass(frozen=True)
class BenchSize:
    stories: int
    chapters: int
    reviews: int
    authors: int
    words_per_chapter: int = 300


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _text(rng: random.Random, words: int) -> str:
    paragraphs = []
    while words > 0:
        n = min(words, rng.randint(30, 80))
        paragraphs.append(f"<p>{_sentence(rng, n)}</p>")
        words -= n
    return "\n".join(paragraphs)


def archive_generate(connection: pymysql.connections.Connection, size: BenchSize, *, seed: int = 1) -> None:
    """Fill an empty database with eFiction's tables and ``size`` rows of our own filler."""
    rng = random.Random(seed)
    start = datetime.datetime(2005, 1, 1)
    with connection.cursor() as cursor:
        for table, columns in SCHEMA.items():
            cursor.execute(f"CREATE TABLE `fanfiction_{table}` {columns} ENGINE=InnoDB DEFAULT CHARSET=utf8mb4")

        def insert(table: str, names: tuple[str, ...], rows: list[tuple]) -> None:
            cols = ", ".join(names)
            marks = ", ".join(["%s"] * len(names))
            for at in range(0, len(rows), CHUNK):
                cursor.executemany(f"INSERT INTO fanfiction_{table} ({cols}) VALUES ({marks})", rows[at : at + CHUNK])  # noqa: S608
            connection.commit()

        insert("ratings", ("rid", "rating"), [(1, "All Ages"), (2, "Teen"), (3, "Mature"), (4, "Adult")])
        insert("classtypes", ("classtype_id", "classtype_name"), [(1, "genres"), (2, "warnings")])
        insert(
            "classes",
            ("class_id", "class_type", "class_name"),
            [(1, 1, "Romance"), (2, 1, "Angst"), (3, 1, "Humor"), (4, 2, "Violence"), (5, 2, "Character Death")],
        )
        insert("categories", ("catid", "parentcatid", "category"), [(i, -1, f"Bench Fandom {i}") for i in range(1, 21)])
        insert(
            "characters", ("charid", "catid", "charname"), [(i, 1 + i % 20, f"Bench Person {i}") for i in range(1, 201)]
        )
        insert(
            "authors",
            ("uid", "penname", "email"),
            [(i, f"Bench Author {i}", f"bench{i}@example.org") for i in range(1, size.authors + 1)],
        )
        stories = []
        for sid in range(1, size.stories + 1):
            day = start + datetime.timedelta(days=rng.randint(0, 5000))
            stories.append(
                (sid, f"Bench Story {sid}", _sentence(rng, 20), str(rng.randint(1, 20)),
                 ",".join(map(str, rng.sample(range(1, 6), 2))), ",".join(map(str, rng.sample(range(1, 201), 2))),
                 str(rng.randint(1, 4)), day, day + datetime.timedelta(days=30), rng.randint(1, size.authors),
                 "1", rng.choice("01"))
            )  # fmt: skip
        insert(
            "stories",
            ("sid", "title", "summary", "catid", "classes", "charid", "rid", "date", "updated", "uid", "validated",
             "completed"),
            stories,
        )  # fmt: skip
        # Each story one chapter, the rest spread at random.
        per_story = [1] * size.stories
        for _ in range(max(size.chapters - size.stories, 0)):
            per_story[rng.randrange(size.stories)] += 1
        chapters, chapid, first_chapter = [], 0, {}
        for sid, count in enumerate(per_story, start=1):
            for position in range(1, count + 1):
                chapid += 1
                first_chapter.setdefault(sid, chapid)
                chapters.append((chapid, sid, stories[sid - 1][9], position, f"Part {position}",
                                 _text(rng, size.words_per_chapter), "1"))  # fmt: skip
            if len(chapters) >= CHUNK:
                insert("chapters", ("chapid", "sid", "uid", "inorder", "title", "storytext", "validated"), chapters)
                chapters = []
        insert("chapters", ("chapid", "sid", "uid", "inorder", "title", "storytext", "validated"), chapters)
        reviews = []
        for reviewid in range(1, size.reviews + 1):
            sid = rng.randint(1, size.stories)
            answered = rng.random() < 0.2
            text = _sentence(rng, 25) + (f"<br><br><i>Author's Response: {_sentence(rng, 10)}</i>" if answered else "")
            when = start + datetime.timedelta(days=rng.randint(0, 6000))
            reader = f"Reader {rng.randint(1, 5000)}"
            reviews.append((reviewid, sid, first_chapter[sid], reader, 0, text, when, "1" if answered else "0", "ST"))
            if len(reviews) >= CHUNK:
                insert(
                    "reviews",
                    ("reviewid", "item", "chapid", "reviewer", "uid", "review", "date", "respond", "type"),
                    reviews,
                )
                reviews = []
        insert(
            "reviews", ("reviewid", "item", "chapid", "reviewer", "uid", "review", "date", "respond", "type"), reviews
        )


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class MemoryWatch:
    """Peak memory at each tenth of the import: flat memory means the later tenths add little."""

    total: int
    marks: list[tuple[int, float]]

    def __call__(self, done: int, total: int) -> None:
        step = max(total // 10, 1)
        if done and (done % step == 0 or done == total):
            self.marks.append((done, peak_rss_mb()))


def timed[T](work: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def server_address(address: Address) -> dict:
    return {"host": address.host, "port": address.port, "user": address.user, "password": address.password}
