"""Reads an eFiction 3.x database (MySQL or MariaDB, through PyMySQL) into plain dataclasses; no Django models.

eFiction keeps everything in ``<prefix>fanfiction_*`` tables (``fanfiction_`` is the usual prefix; the operator
names another with ``--table-prefix``). The small tables (authors, categories, characters, ratings, classes,
series, challenges) are read whole; stories are read whole too (one short row each), and their chapters and
reviews are read a batch of stories at a time, so memory stays flat however large the archive.

A table that is missing is remembered (``missing``) with what needed it, and reads as empty: the rest goes on.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pymysql
import pymysql.cursors

#: What each table brings; a missing one is named with this in the report.
TABLE_PURPOSE: dict[str, str] = {
    "authors": "authors' names and emails (stories are credited to placeholder names without it)",
    "categories": "categories (stories come without fandoms without it)",
    "characters": "characters",
    "ratings": "numeric ratings (stories whose rating is a number come as Not Rated without it)",
    "classes": "warnings and genres",
    "classtypes": "which classes are warnings and which are genres",
    "stories": "the stories themselves (nothing is imported without it)",
    "chapters": "the chapters (nothing is imported without it)",
    "coauthors": "co-authors beyond the stories' own coauthors field",
    "series": "series",
    "inseries": "which stories are in which series",
    "reviews": "reviews (stories come without comments without it)",
    "challenges": "challenges (kept in the report for collections)",
}


class EfictionError(Exception):
    """The database cannot be read at all (bad address, refused connection, no stories table)."""


@dataclass(frozen=True)
class Address:
    host: str
    port: int
    user: str
    password: str
    database: str


def address_parse(url: str) -> Address:
    """``mysql://user:pass@host:port/db`` (``mariadb://`` too) to its parts."""
    parts = urlsplit(url)
    if parts.scheme not in {"mysql", "mariadb"}:
        raise EfictionError(f"The database address must start with mysql:// or mariadb:// (got “{url}”).")
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise EfictionError("The database address names no database: mysql://user:password@host:port/DATABASE")
    return Address(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 3306,
        user=unquote(parts.username or "root"),
        password=unquote(parts.password or ""),
        database=database,
    )


def connect(address: Address) -> pymysql.connections.Connection:
    try:
        return pymysql.connect(
            host=address.host,
            port=address.port,
            user=address.user,
            password=address.password,
            database=address.database,
            charset="utf8mb4",
            cursorclass=pymysql.cursors.DictCursor,
        )
    except pymysql.MySQLError as exc:
        raise EfictionError(f"Cannot open the eFiction database {address.database}: {exc}") from exc


@dataclass(frozen=True)
class Author:
    uid: int
    penname: str
    realname: str = ""
    email: str = ""


@dataclass(frozen=True)
class Category:
    catid: int
    name: str
    parent: int = -1


@dataclass(frozen=True)
class ClassItem:
    class_id: int
    name: str
    type_name: str  # the classtype's name: "warnings", "genres", or an archive's own


@dataclass(frozen=True)
class Series:
    seriesid: int
    title: str
    summary: str = ""
    uid: int = 0


@dataclass(frozen=True)
class SeriesPlace:
    seriesid: int
    position: int


@dataclass(frozen=True)
class Challenge:
    chalid: int
    title: str
    challenger: str = ""


@dataclass(frozen=True)
class Story:
    sid: int
    title: str
    summary: str
    notes: str
    uid: int
    coauthor_uids: tuple[int, ...]
    catids: tuple[int, ...]
    charids: tuple[int, ...]
    class_ids: tuple[int, ...]
    rating: str  # as stored: a ratings-table id ("3") or the rating's own name ("Mature")
    published: datetime.date | None
    updated: datetime.date | None
    completed: bool
    validated: bool
    wordcount: int
    challenge_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Chapter:
    chapid: int
    sid: int
    uid: int
    position: int
    title: str
    notes: str
    endnotes: str
    text: str | None  # None: not in the database (eFiction kept it as a file)
    validated: bool


@dataclass(frozen=True)
class Review:
    reviewid: int
    sid: int
    chapid: int
    reviewer: str
    uid: int
    text: str
    date: datetime.datetime | None
    responded: bool


@dataclass
class Archive:
    """Everything but the stories' chapters and reviews (read per batch: :meth:`EfictionReader.chapters`)."""

    authors: dict[int, Author] = field(default_factory=dict)
    categories: dict[int, Category] = field(default_factory=dict)
    characters: dict[int, str] = field(default_factory=dict)
    ratings: dict[int, str] = field(default_factory=dict)
    classes: dict[int, ClassItem] = field(default_factory=dict)
    series: dict[int, Series] = field(default_factory=dict)
    series_places: dict[int, list[SeriesPlace]] = field(default_factory=dict)  # by story
    coauthors: dict[int, list[int]] = field(default_factory=dict)  # by story
    challenges: dict[int, Challenge] = field(default_factory=dict)
    stories: list[Story] = field(default_factory=list)


_IDS = re.compile(r"\d+")
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00e2][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u017d\u017e\u02c6\u02dc]"
)


def id_list(value: object) -> tuple[int, ...]:
    """eFiction's comma lists of ids ("3,10,16"), in order, without repeats or zeros."""
    if value is None:
        return ()
    if isinstance(value, int):
        return (value,) if value > 0 else ()
    return tuple(dict.fromkeys(int(n) for n in _IDS.findall(str(value)) if int(n) > 0))


def text_of(value: object) -> str:
    """A text column as Python text: NULL is "", UTF-8 stored in a latin1 table (mojibake) read back."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        value = decode_bytes(value)
    text = str(value)
    if _MOJIBAKE.search(text):
        try:
            return text.encode("cp1252").decode("utf-8")
        except UnicodeError:
            return text
    return text


def decode_bytes(data: bytes) -> str:
    """A chapter file: UTF-8 (its byte-order mark dropped), else Windows-1252, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _date(value: object) -> datetime.date | None:
    moment = _moment(value)
    return moment.date() if moment else None


def _moment(value: object) -> datetime.datetime | None:
    """A ``datetime`` column, or the Unix time eFiction 3.0 kept in an ``int`` (0 and zero dates are none)."""
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=datetime.UTC)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.UTC)
    if isinstance(value, int) and value > 0:
        return datetime.datetime.fromtimestamp(value, tz=datetime.UTC)
    return None  # NULL, 0, or '0000-00-00' (PyMySQL gives it as a string)


def _flag(value: object) -> bool:
    return str(value or "0").strip() not in {"", "0"}


class EfictionReader:
    """One eFiction database, read through one connection."""

    def __init__(self, connection: pymysql.connections.Connection, *, prefix: str = "fanfiction_") -> None:
        if not re.fullmatch(r"\w*", prefix, re.ASCII):
            raise EfictionError(f"A table prefix is letters, digits and underscores (not “{prefix}”).")
        self.connection = connection
        self.prefix = prefix
        with connection.cursor() as cursor:
            cursor.execute("SHOW TABLES")
            names = {next(iter(row.values())) for row in cursor.fetchall()}
        self.tables = {name[len(prefix) :] for name in names if name.startswith(prefix)}
        #: The tables eFiction has that this database lacks, each with what needed it.
        self.missing: dict[str, str] = {
            name: purpose for name, purpose in TABLE_PURPOSE.items() if name not in self.tables
        }
        if "stories" in self.missing or "chapters" in self.missing:
            found = ", ".join(sorted(names)) or "none"
            raise EfictionError(
                f"No {prefix}stories and {prefix}chapters tables in this database (tables found: {found}); "
                "is the table prefix right (--table-prefix)?"
            )

    def _rows(self, table: str, sql: str = "", args: Sequence[object] = ()) -> list[dict]:
        if table not in self.tables:
            return []
        with self.connection.cursor() as cursor:
            # The prefix is checked in __init__, the table is one of ours, the values are parameters.
            cursor.execute(f"SELECT * FROM `{self.prefix}{table}` {sql}", args)  # noqa: S608
            return list(cursor.fetchall())

    def _columns(self, table: str) -> set[str]:
        if table not in self.tables:
            return set()
        with self.connection.cursor() as cursor:
            cursor.execute(f"SHOW COLUMNS FROM `{self.prefix}{table}`")
            return {row["Field"] for row in cursor.fetchall()}

    def archive(self) -> Archive:
        out = Archive()
        for row in self._rows("authors"):
            out.authors[row["uid"]] = Author(
                uid=row["uid"],
                penname=text_of(row.get("penname")).strip(),
                realname=text_of(row.get("realname")).strip(),
                email=text_of(row.get("email")).strip(),
            )
        for row in self._rows("categories"):
            out.categories[row["catid"]] = Category(
                catid=row["catid"], name=text_of(row["category"]).strip(), parent=row.get("parentcatid") or -1
            )
        for row in self._rows("characters"):
            out.characters[row["charid"]] = text_of(row["charname"]).strip()
        for row in self._rows("ratings"):
            out.ratings[row["rid"]] = text_of(row["rating"]).strip()
        types = {
            row["classtype_id"]: text_of(row["classtype_name"]).strip().lower() for row in self._rows("classtypes")
        }
        for row in self._rows("classes"):
            out.classes[row["class_id"]] = ClassItem(
                class_id=row["class_id"],
                name=text_of(row["class_name"]).strip(),
                type_name=types.get(row["class_type"], f"classtype {row['class_type']}"),
            )
        for row in self._rows("series"):
            out.series[row["seriesid"]] = Series(
                seriesid=row["seriesid"],
                title=text_of(row["title"]).strip(),
                summary=text_of(row.get("summary")),
                uid=row.get("uid") or 0,
            )
        for row in self._rows("inseries", "ORDER BY seriesid, inorder"):
            if row.get("sid"):
                place = SeriesPlace(seriesid=row["seriesid"], position=row.get("inorder") or 0)
                out.series_places.setdefault(row["sid"], []).append(place)
        for row in self._rows("coauthors"):
            out.coauthors.setdefault(row["sid"], []).append(row["uid"])
        for row in self._rows("challenges"):
            out.challenges[row["chalid"]] = Challenge(
                chalid=row["chalid"], title=text_of(row.get("title")).strip(), challenger=text_of(row.get("challenger"))
            )
        for row in self._rows("stories", "ORDER BY sid"):
            out.stories.append(self._story(row))
        return out

    @staticmethod
    def _story(row: dict) -> Story:
        return Story(
            sid=row["sid"],
            title=text_of(row.get("title")).strip(),
            summary=text_of(row.get("summary")),
            notes=text_of(row.get("storynotes")),
            uid=row.get("uid") or 0,
            coauthor_uids=id_list(row.get("coauthors")),
            catids=id_list(row.get("catid")),
            charids=id_list(row.get("charid")),
            class_ids=id_list(row.get("classes")),
            rating=text_of(row.get("rid")).strip(),
            published=_date(row.get("date")),
            updated=_date(row.get("updated")),
            completed=_flag(row.get("completed")),
            validated=_flag(row.get("validated", "1")),
            wordcount=row.get("wordcount") or 0,
            challenge_ids=id_list(row.get("challenges")),
        )

    def chapters(self, sids: Sequence[int]) -> dict[int, list[Chapter]]:
        """The chapters of these stories, in their order, by story."""
        out: dict[int, list[Chapter]] = {sid: [] for sid in sids}
        if not sids:
            return out
        marks = ",".join(["%s"] * len(sids))
        for row in self._rows("chapters", f"WHERE sid IN ({marks}) ORDER BY sid, inorder, chapid", list(sids)):
            text = row.get("storytext")
            out[row["sid"]].append(
                Chapter(
                    chapid=row["chapid"],
                    sid=row["sid"],
                    uid=row.get("uid") or 0,
                    position=row.get("inorder") or 0,
                    title=text_of(row.get("title")).strip(),
                    notes=text_of(row.get("notes")),
                    endnotes=text_of(row.get("endnotes")),
                    text=text_of(text) if text is not None and text_of(text).strip() else None,
                    validated=_flag(row.get("validated", "1")),
                )
            )
        return out

    def reviews(self, sids: Sequence[int]) -> dict[int, list[Review]]:
        """The reviews of these stories (type ST), oldest first, by story."""
        out: dict[int, list[Review]] = {sid: [] for sid in sids}
        if not sids or "reviews" not in self.tables:
            return out
        marks = ",".join(["%s"] * len(sids))
        typed = "type = 'ST' AND " if "type" in self._columns("reviews") else ""
        sql = f"WHERE {typed}item IN ({marks}) ORDER BY item, date, reviewid"
        for row in self._rows("reviews", sql, list(sids)):
            out[row["item"]].append(
                Review(
                    reviewid=row["reviewid"],
                    sid=row["item"],
                    chapid=row.get("chapid") or 0,
                    reviewer=text_of(row.get("reviewer")).strip(),
                    uid=row.get("uid") or 0,
                    text=text_of(row.get("review")),
                    date=_moment(row.get("date")),
                    responded=_flag(row.get("respond")),
                )
            )
        return out


def chapter_file(stories_dir: Path | None, chapter: Chapter) -> Path | None:
    """Where eFiction kept a chapter as a file: ``stories/<author uid>/<chapter id>.txt``."""
    if stories_dir is None:
        return None
    return stories_dir / str(chapter.uid) / f"{chapter.chapid}.txt"


def stories_batches(stories: Sequence[Story], size: int) -> Iterator[list[Story]]:
    for start in range(0, len(stories), size):
        yield list(stories[start : start + size])
