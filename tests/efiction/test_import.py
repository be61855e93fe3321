"""`scriptorium import-efiction` on an eFiction archive of our own in MariaDB: what comes across, what is reported,
and that running it again (after a success or a crash) adds nothing and loses nothing."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from scriptorium.accounts.services import import_account
from scriptorium.efiction import services as efiction_services
from scriptorium.efiction.mapping import mapping_load
from scriptorium.efiction.models import EfictionRecord
from scriptorium.efiction.reader import EfictionReader, address_parse, connect
from scriptorium.efiction.services import ImportOptions, efiction_import
from scriptorium.interactions.models import Comment
from scriptorium.works.models import ExternalCreator, Series, Work
from tests.efiction.builder import EfictionDatabase
from tests.efiction.conftest import fill

pytestmark = pytest.mark.django_db


def run(db: EfictionDatabase, stories_dir=None, *, dry_run=False, mapping=None):
    connection = connect(address_parse(db.url))
    try:
        reader = EfictionReader(connection, prefix=db.prefix)
        options = ImportOptions(
            archivist=import_account(),
            source=f"efiction:{db.name}",
            mapping=mapping or mapping_load(),
            stories_dir=stories_dir,
            dry_run=dry_run,
        )
        return efiction_import(reader=reader, options=options)
    finally:
        connection.close()


def snapshot() -> list[tuple]:
    """What a reader of the archive would see of every imported work."""
    out = []
    for work in Work.objects.order_by("title"):
        out.append(
            (
                work.title,
                work.posted,
                work.rating,
                tuple(c.title for c in work.chapters.order_by("position")),
                tuple(
                    e.name
                    for e in ExternalCreator.objects.filter(creatorships__work=work).order_by("creatorships__position")
                ),
                tuple(
                    sorted((c.guest_name, c.text, c.parent_id is not None) for c in Comment.objects.filter(work=work))
                ),
                work.comments_count,
            )
        )
    return out


def test_stories_come_across_credited_to_their_authors(efiction_db, stories_dir):
    report = run(efiction_db, stories_dir)

    lamp = Work.objects.get(title="The Lamp Room")
    assert lamp.posted
    assert [
        e.name for e in ExternalCreator.objects.filter(creatorships__work=lamp).order_by("creatorships__position")
    ] == ["Quillwright", "Inkblot"]
    quill = ExternalCreator.objects.get(name="Quillwright")
    assert quill.email == "quill@example.org"
    assert quill.source == f"efiction:{efiction_db.name}:1"
    assert lamp.creatorships.get().pseud == import_account().default_pseud  # the archivist keeps it
    assert lamp.rating == "General Audiences"  # rating id 1, "All Ages"
    tags = {(t.tag.type, t.tag.name) for t in lamp.taggings.select_related("tag")}
    assert ("fandom", "Tidewater Chronicles") in tags
    assert {("character", "Mara Vell"), ("character", "Ossian Brand")} <= tags
    assert ("warning", "Major Character Death") in tags
    assert ("category", "M/M") in tags
    assert ("additional", "Romance") in tags
    assert lamp.complete and lamp.chapter_count == 2
    assert lamp.published_on == datetime.date(2007, 3, 1)
    assert lamp.revised_on == datetime.date(2008, 5, 1)
    chapters = list(lamp.chapters.order_by("position"))
    assert [c.title for c in chapters] == ["Wick", "Flame"]
    assert "trimmed the wick" in chapters[0].text and "First night." in chapters[0].notes
    assert "More soon." in chapters[0].end_notes
    assert chapters[1].text.count("<p>") == 2
    assert "Written for a friend." in lamp.notes

    # Reviews → comments on their chapters; the author's response appended to a review is a reply under it.
    review = Comment.objects.get(work=lamp, parent=None, chapter=chapters[0])
    assert review.guest_name == "Rook Reader" and "lamp oil" in review.text and "Response" not in review.text
    assert review.created_at == datetime.datetime(2007, 4, 1, 10, 30, tzinfo=datetime.UTC)
    reply = Comment.objects.get(parent=review)
    assert reply.guest_name == "Quillwright" and "three drafts" in reply.text
    assert Comment.objects.get(work=lamp, chapter=chapters[1]).guest_name == "Gull"
    assert lamp.comments_count == 3
    assert not Comment.objects.filter(text__contains="series, not a story").exists()

    # A chapter kept as a file is read from --stories-dir; a missing file is reported and the story goes on.
    salt = Work.objects.get(title="Salt on the Stairs")
    assert [c.title for c in salt.chapters.all()] == ["Landing"]
    assert "slick with brine" in salt.chapters.get().text and "\ufeff" not in salt.chapters.get().text
    assert salt.rating == "Teen And Up Audiences"  # stored as the string "Teen"
    assert not salt.complete
    assert {t.tag.name for t in salt.taggings.select_related("tag")} >= {"Night Shift", "Sea Shanty"}

    # An unknown rating string: reported, the work Not Rated; co-authors from the coauthors table.
    fog = Work.objects.get(title="Fog Signal")
    assert fog.rating == "Not Rated"
    assert "café" in fog.summary  # UTF-8 read back from a latin1 table
    # "Night Shift" is a fandom (story 2's category), so the character of that name is set apart, and reported.
    assert ("character", "Night Shift (Character)") in {
        (t.tag.type, t.tag.name) for t in fog.taggings.select_related("tag")
    }
    # A review naming no chapter is on the first; a member's review is under their penname.
    review = Comment.objects.get(work=fog, text__contains="No chapter named")
    assert review.guest_name == "Rook Reader" and review.chapter.position == 1
    assert [
        e.name for e in ExternalCreator.objects.filter(creatorships__work=fog).order_by("creatorships__position")
    ] == ["Quillwright", "Marginalia"]

    # A story eFiction had not validated comes as a draft.
    assert not Work.objects.get(title="Unfinished Draft").posted

    series = Series.objects.get(title="Coastal Lights")
    assert [p.work.title for p in series.parts.order_by("position")] == ["The Lamp Room", "Salt on the Stairs"]
    assert "headland" in series.summary

    text = report.text()
    assert "“Spicy Pepper”" in text
    assert "missing chapter file" in text and "chapter 4 of story 2" in text
    assert "“Sea Shanty”" in text
    assert "Storm Week" in text and "stories 1" in text
    assert report.counts["works"] == 4 and report.counts["drafts"] == 1
    assert report.counts["comments"] == 5 and report.counts["replies"] == 1
    assert "“Night Shift” → “Night Shift (Character)”" in text
    assert ExternalCreator.objects.count() == 4


def test_a_second_run_adds_nothing(efiction_db, stories_dir):
    run(efiction_db, stories_dir)
    before = snapshot()
    records = EfictionRecord.objects.count()
    creators = ExternalCreator.objects.count()

    report = run(efiction_db, stories_dir)

    assert snapshot() == before
    assert EfictionRecord.objects.count() == records
    assert ExternalCreator.objects.count() == creators
    assert report.counts["works"] == 0 and report.counts["stories_done"] == 4


def test_a_crash_midway_leaves_whole_stories_and_the_rerun_finishes(efiction_db, stories_dir, monkeypatch):
    real = efiction_services.work_create
    calls = []

    def crashing(**kwargs):
        calls.append(kwargs["data"].title)
        if len(calls) == 3:
            raise KeyboardInterrupt  # as a kill would stop it: not a failure the import reports and goes past
        return real(**kwargs)

    monkeypatch.setattr(efiction_services, "work_create", crashing)
    with pytest.raises(KeyboardInterrupt):
        run(efiction_db, stories_dir)
    # Two whole stories, nothing of the third (no work, no chapter, no comment).
    assert sorted(Work.objects.values_list("title", flat=True)) == sorted(calls[:2])
    assert not Comment.objects.exclude(work__in=Work.objects.all()).exists()
    assert EfictionRecord.objects.filter(kind="story").count() == 2

    monkeypatch.setattr(efiction_services, "work_create", real)
    run(efiction_db, stories_dir)
    resumed = snapshot()

    # The same as one clean run, into an empty archive.
    Comment.objects.all().delete()
    for work in Work.objects.all():
        work.delete()
    EfictionRecord.objects.all().delete()
    Series.objects.all().delete()
    run(efiction_db, stories_dir)
    assert resumed == snapshot()
    assert len(resumed) == 4


def test_a_missing_table_is_named_and_the_rest_comes_across(stories_dir):
    db = EfictionDatabase(without=("reviews", "series", "inseries"))
    try:
        fill(db)
        report = run(db, stories_dir)
    finally:
        db.drop()
    assert report.counts["works"] == 4
    assert not Comment.objects.exists()
    assert set(report.missing_tables) >= {"reviews", "series"}
    assert "reviews: needed for reviews" in report.text()


def test_a_dry_run_writes_nothing(efiction_db, stories_dir):
    report = run(efiction_db, stories_dir, dry_run=True)
    assert report.counts["works"] == 4
    assert not Work.objects.exists() and not ExternalCreator.objects.exists() and not EfictionRecord.objects.exists()
    assert "Dry run" in report.text()


def test_the_command_prints_the_report_and_how_to_send_claims(efiction_db, stories_dir):
    out, err = io.StringIO(), io.StringIO()
    call_command("import-efiction", efiction_db.url, "--stories-dir", str(stories_dir), stdout=out, stderr=err)
    assert Work.objects.count() == 4
    assert "stories: 4 read, 4 imported" in out.getvalue()
    assert f"scriptorium claims send --archivist {import_account().username} --all" in out.getvalue()
    assert "4/4 stories" in err.getvalue()  # the progress line


def test_another_table_prefix(stories_dir):
    db = EfictionDatabase(prefix="old_fanfiction_")
    try:
        fill(db)
        report = run(db, stories_dir)
    finally:
        db.drop()
    assert report.counts["works"] == 4


def test_an_archivist_of_ones_own_and_no_one_else_continues_it(efiction_db, stories_dir, user):
    out = io.StringIO()
    call_command(
        "import-efiction", efiction_db.url, "--stories-dir", str(stories_dir), "--archivist", user.username,
        stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    lamp = Work.objects.get(title="The Lamp Room")
    assert lamp.creatorships.get().pseud == user.default_pseud
    assert ExternalCreator.objects.filter(archivist=user).count() == 4
    assert f"claims send --archivist {user.username} --all" in out.getvalue()
    with pytest.raises(CommandError, match="imported by another account"):
        call_command("import-efiction", efiction_db.url, stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="No account named"):
        call_command("import-efiction", efiction_db.url, "--archivist", "nobody-here", stdout=io.StringIO())
    assert Work.objects.count() == 4
