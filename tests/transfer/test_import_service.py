"""The import service: what a writer gets from a real-looking dump, and what bad files leave behind."""

from __future__ import annotations

import pytest

from scriptorium.accounts.models import Pseud, User
from scriptorium.tags.models import Tag
from scriptorium.tags.vocabulary import CHOSE_NOT_TO_WARN, NOT_RATED
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import import_summary, work_import
from scriptorium.works.models import Chapter, Work

pytestmark = pytest.mark.django_db

DUMP = """[All Rights Reserved ©]
Two rival bakers share one oven for a week, and neither will admit the bread is better together.

Romance / Humor
4.7 31 reviews
Age Rating:

Chapter 1: Flour

“You’re standing on my side of the counter,” Mara said—without looking up.

Ilse put the tray down anyway… and smiled.

Chapter 2: Salt

By Thursday they had stopped labelling the jars.

The End.
"""


def _counts() -> tuple[int, int, int, int, int]:
    return (
        Work.objects.count(),
        Chapter.objects.count(),
        Tag.objects.count(),
        User.objects.count(),
        Pseud.objects.count(),
    )


def test_inkitt_dump_becomes_an_untitled_draft_with_defaults() -> None:
    result = work_import(data=DUMP.encode(), filename="bakers.txt")
    work = result.work
    assert work.title == "Untitled"
    assert not work.posted  # no title: kept as a draft until one is given
    assert work.rating == NOT_RATED
    assert [t.name for t in work.tags.filter(type="warning")] == [CHOSE_NOT_TO_WARN]
    assert sorted(t.name for t in work.tags.filter(type="additional")) == ["Humor", "Romance"]
    assert work.complete
    chapters = list(work.chapters.order_by("position"))
    assert [c.title for c in chapters] == ["Flour", "Salt"]
    assert "“You’re standing on my side of the counter,” Mara said—without looking up." in chapters[0].text
    assert "The End." in chapters[1].text  # the author's words stay in the text
    assert {p.field for p in result.problems} >= {"title", "fandoms", "rating"}
    assert work.creators.get().user.username == "archive-import"


def test_title_and_creator_given_but_no_fandom_keep_a_draft_that_says_what_to_fill_in(user) -> None:
    result = work_import(data=DUMP.encode(), title="One Oven", creator=user.default_pseud)
    # The posting form requires a fandom, and the file names none: nothing is posted that the form would refuse.
    assert not result.work.posted
    assert result.work.title == "One Oven"
    assert list(result.work.creators.all()) == [user.default_pseud]
    fields = {p.field: p for p in result.problems}
    assert "title" not in fields
    assert "kept as a draft" in fields["fandoms"].message
    assert fields["fandoms"].severity == "missing"
    summary = import_summary(result)
    assert summary["title"] == "One Oven"
    assert summary["posted"] is False
    assert summary["chapters"] == [{"title": "Flour", "word_count": 21}, {"title": "Salt", "word_count": 10}]
    assert summary["word_count"] == 31


#: A Markdown story whose header gives everything the posting form requires.
COMPLETE_MARKDOWN = """---
title: Bread for Two
fandom: Original Work
rating: General Audiences
warnings: No Archive Warnings Apply
---

# Flour

They argued about the oven until the loaves were done, and then they ate them together.
"""


def test_a_file_with_a_title_and_a_fandom_is_posted(user) -> None:
    result = work_import(data=COMPLETE_MARKDOWN.encode(), filename="bread.md", creator=user.default_pseud)
    assert result.work.posted
    assert result.work.title == "Bread for Two"
    assert [t.name for t in result.work.tags.filter(type="fandom")] == ["Original Work"]
    assert not [p for p in result.problems if p.severity == "missing" and p.field in ("title", "fandoms")]


def test_a_fandom_the_archive_cannot_take_keeps_the_work_a_draft(user) -> None:
    Tag.objects.create(name="Original Work", type="character")  # the name is taken by another kind of tag
    result = work_import(data=COMPLETE_MARKDOWN.encode(), filename="bread.md", creator=user.default_pseud)
    assert not result.work.posted
    assert {"fandoms"} <= {p.field for p in result.problems}


def test_draft_flag_keeps_a_titled_import_as_draft(user) -> None:
    result = work_import(data=DUMP.encode(), title="One Oven", creator=user.default_pseud, draft=True)
    assert not result.work.posted


def test_windows_1252_file_is_read_and_reported() -> None:
    data = DUMP.replace("[All Rights Reserved ©]\n", "").encode("cp1252")
    result = work_import(data=data, title="Encoded")
    assert "“You’re standing" in result.work.chapters.first().text
    assert result.parsed.encoding == "cp1252"
    assert any(p.field == "encoding" and "Windows-1252" in p.message for p in result.problems)


def test_utf8_bom_file_is_read() -> None:
    result = work_import(data=b"\xef\xbb\xbf" + DUMP.encode(), title="Bom")
    assert result.parsed.encoding == "utf-8-sig"
    assert result.work.chapters.count() == 2


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \n\n  \t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"text\x00with\x00nul\x00bytes" * 20, "binary"),
        (b"Some summary here.\n\nRomance / Drama\nAge Rating: 16+\n\nChapter 1\n", "no-prose"),
    ],
    ids=["empty", "whitespace", "png", "nul-bytes", "header-without-prose"],
)
def test_bad_files_are_rejected_and_leave_nothing(data: bytes, code: str) -> None:
    before = _counts()
    with pytest.raises(ImportRejected) as info:
        work_import(data=data, filename="bad.txt")
    assert info.value.code == code
    assert info.value.message
    assert _counts() == before


def test_file_over_the_limit_is_rejected(settings) -> None:
    settings.SCRIPTORIUM_IMPORT_MAX_BYTES = 1024
    before = _counts()
    with pytest.raises(ImportRejected) as info:
        work_import(data=DUMP.encode() * 20)
    assert info.value.code == "too-large"
    assert _counts() == before


def test_a_failure_after_tags_were_made_rolls_everything_back(user) -> None:
    huge_title = "T" * 300  # too long for a title: fails inside work_create, after the import account exists
    before = _counts()
    with pytest.raises(ImportRejected) as info:
        work_import(data=DUMP.encode(), title=huge_title)
    assert "title" in info.value.message.lower()
    assert _counts() == before


def test_tags_a_file_cannot_use_are_left_out_and_reported() -> None:
    from scriptorium.transfer.parsed import ParsedWork
    from scriptorium.transfer.services import work_input_from_parsed

    Tag.objects.create(name="Steve Rogers", type="character")
    parsed = ParsedWork(title="Shield", fandoms=["steve  rogers", "Marvel"], additional_tags=["Fluff", "a*b"])
    data, problems = work_input_from_parsed(parsed)
    assert data.fandoms == ("Marvel",) and data.additional_tags == ("Fluff",)
    messages = {(p.field, p.message) for p in problems}
    assert ("fandoms", "“steve rogers” is already a character tag here, so it was left out.") in messages
    assert ("additional_tags", "Tag left out: “a*b” contains characters tags cannot use: *") in messages
