"""A small eFiction archive of our own (own names, own words) in a fresh MariaDB database per test."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tests.efiction.builder import EfictionDatabase

D = datetime.datetime

AUTHORS = [
    {"uid": 1, "penname": "Quillwright", "realname": "Ada Quill", "email": "quill@example.org"},
    {"uid": 2, "penname": "Marginalia", "realname": "", "email": "margin@example.org"},
    {"uid": 3, "penname": "Inkblot", "realname": "", "email": "ink@example.net"},
    {"uid": 4, "penname": "Rook Reader", "realname": "", "email": "rook@example.net"},
]
CATEGORIES = [
    {"catid": 1, "parentcatid": -1, "category": "Tidewater Chronicles"},
    {"catid": 2, "parentcatid": 1, "category": "Night Shift"},
]
CHARACTERS = [
    {"charid": 1, "catid": 1, "charname": "Mara Vell"},
    {"charid": 2, "catid": 1, "charname": "Ossian Brand"},
    {"charid": 3, "catid": 1, "charname": "Night Shift"},  # also a category's name: a fandom here first
]
RATINGS = [
    {"rid": 1, "rating": "All Ages"},
    {"rid": 2, "rating": "Teen"},
    {"rid": 3, "rating": "Adults Only"},
]
CLASSTYPES = [
    {"classtype_id": 1, "classtype_name": "genres", "classtype_title": "Genres"},
    {"classtype_id": 2, "classtype_name": "warnings", "classtype_title": "Warnings"},
]
CLASSES = [
    {"class_id": 1, "class_type": 1, "class_name": "Romance"},
    {"class_id": 2, "class_type": 1, "class_name": "Sea Shanty"},
    {"class_id": 3, "class_type": 2, "class_name": "Character Death"},
    {"class_id": 4, "class_type": 1, "class_name": "Slash"},
]


def _story(sid, title, uid, rid, **extra):
    row = {
        "sid": sid,
        "title": title,
        "summary": f"What happens in {title}.",
        "storynotes": "",
        "catid": "1",
        "classes": "",
        "charid": "",
        "rid": rid,
        "date": D(2007, 3, sid),
        "updated": D(2008, 5, sid),
        "uid": uid,
        "coauthors": None,
        "validated": "1",
        "completed": "1",
        "wordcount": 100,
        "challenges": "0",
    }
    row.update(extra)
    return row


STORIES = [
    _story(
        1,
        "The Lamp Room",
        1,
        "1",
        charid="1,2",
        classes="1,3,4",
        coauthors="3",
        storynotes="Written for a friend.",
        challenges="1",
    ),
    _story(2, "Salt on the Stairs", 2, "Teen", catid="2", classes="2", completed="0"),
    # Its summary was UTF-8 written into a latin1 table ("café" stored as "cafÃ©"), as many old archives did.
    _story(3, "Fog Signal", 1, "Spicy Pepper", charid="3", summary="A café by the foghorn.".encode().decode("latin-1")),
    _story(4, "Unfinished Draft", 2, "2", validated="0"),
]


def _chapter(chapid, sid, uid, inorder, title, text, **extra):
    row = {
        "chapid": chapid,
        "sid": sid,
        "uid": uid,
        "inorder": inorder,
        "title": title,
        "notes": "",
        "storytext": text,
        "endnotes": None,
        "validated": "1",
    }
    row.update(extra)
    return row


CHAPTERS = [
    _chapter(
        1,
        1,
        1,
        1,
        "Wick",
        "<p>The keeper trimmed the wick at dusk.</p><p>Salt crusted the glass.</p>",
        notes="First night.",
        endnotes="More soon.",
    ),
    _chapter(2, 1, 1, 2, "Flame", "The flame held through the gale.\n\nBy morning the boats were home."),
    _chapter(3, 2, 2, 1, "Landing", ""),  # kept as a file: stories/2/3.txt
    _chapter(4, 2, 2, 2, "Cellar", None),  # its file is missing
    _chapter(5, 3, 1, 1, "Horn", "Three long blasts, then silence over the water."),
    _chapter(6, 4, 2, 1, "Notes", "A beginning that never went on."),
]
REVIEWS = [
    {
        "reviewid": 1,
        "item": 1,
        "chapid": 1,
        "reviewer": "Rook Reader",
        "uid": 4,
        "type": "ST",
        "respond": "1",
        "review": "I could smell the lamp oil!<br><br><i>Author's Response: Thank you, it took three drafts.</i>",
        "date": D(2007, 4, 1, 10, 30),
    },
    {
        "reviewid": 2,
        "item": 1,
        "chapid": 2,
        "reviewer": "Gull",
        "uid": 0,
        "type": "ST",
        "respond": "0",
        "review": "Lovely storm.",
        "date": D(2007, 4, 2, 8, 0),
    },
    {
        "reviewid": 3,
        "item": 3,
        "chapid": 5,
        "reviewer": "Tern",
        "uid": 0,
        "type": "ST",
        "respond": "0",
        "review": "Eerie and short.",
        "date": D(2007, 5, 1, 9, 0),
    },
    {
        "reviewid": 4,
        "item": 1,
        "chapid": 0,
        "reviewer": "Series Fan",
        "uid": 0,
        "type": "SE",
        "respond": "0",
        "review": "A review of a series, not a story.",
        "date": D(2007, 5, 2, 9, 0),
    },
    {
        "reviewid": 5,
        "item": 3,
        "chapid": 0,
        "reviewer": "",
        "uid": 4,
        "type": "ST",
        "respond": "0",
        "review": "No chapter named, so on the first.",
        "date": D(2007, 5, 3, 9, 0),
    },
]
SERIES = [{"seriesid": 1, "title": "Coastal Lights", "summary": "Stories from the headland.", "uid": 1}]
INSERIES = [{"seriesid": 1, "sid": 1, "inorder": 1}, {"seriesid": 1, "sid": 2, "inorder": 2}]
COAUTHORS = [{"sid": 3, "uid": 2}]
CHALLENGES = [{"chalid": 1, "challenger": "Marginalia", "uid": 2, "title": "Storm Week", "summary": "Weather."}]


def fill(db: EfictionDatabase) -> None:
    for table, rows in (
        ("authors", AUTHORS),
        ("categories", CATEGORIES),
        ("characters", CHARACTERS),
        ("ratings", RATINGS),
        ("classtypes", CLASSTYPES),
        ("classes", CLASSES),
        ("stories", STORIES),
        ("chapters", CHAPTERS),
        ("reviews", REVIEWS),
        ("series", SERIES),
        ("inseries", INSERIES),
        ("coauthors", COAUTHORS),
        ("challenges", CHALLENGES),
    ):
        if table in db.tables:
            db.insert(table, rows)


@pytest.fixture
def efiction_db():
    db = EfictionDatabase()
    fill(db)
    yield db
    db.drop()


@pytest.fixture
def stories_dir(tmp_path) -> Path:
    folder = tmp_path / "stories"
    (folder / "2").mkdir(parents=True)
    # A file eFiction wrote: UTF-8 with a byte-order mark, paragraphs between blank lines.
    (folder / "2" / "3.txt").write_bytes("\ufeffThe stairs were slick with brine.\n\nShe counted every step.".encode())
    return folder
