"""FanFicFare (from PyPI, unchanged) downloads our works as it downloads AO3's.

The only thing written for us is an adapter subclass of FanFicFare's own OTW (AO3) adapter that points it at the
test server: the domain, and plain HTTP instead of HTTPS. Everything else (the pages it reads, the log-in, the
adult notice, the chapter index, the whole-work page) is what the archive serves to everyone.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scriptorium.tags.vocabulary import EXPLICIT, GENERAL, MAJOR_CHARACTER_DEATH, NO_WARNINGS_APPLY, TEEN, VIOLENCE
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.models import Chapter, Series, Work
from scriptorium.works.services import work_create
from tests.factories import PASSWORD, UserFactory, make_work

fanficfare_cli = pytest.importorskip("fanficfare.cli", reason="FanFicFare is installed by requirements-dev.txt")
adapters = pytest.importorskip("fanficfare.adapters")
base_otw = pytest.importorskip("fanficfare.adapters.base_otw_adapter")

pytestmark = [pytest.mark.interop, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


#: The metadata FanFicFare reads from OTW archives beyond its common set: its defaults.ini lists them in each OTW
#: site's section (AO3's among them), so a user adds the same line for ours; configuration, not code.
OTW_ENTRIES = "fandoms,freeformtags,ao3categories,chapterslashtotal,kudos,hits,bookmarks,comments,byline,restricted"


def _adapter_for(domain: str) -> type:
    """FanFicFare's AO3 adapter, told our domain and scheme: nothing else."""

    class ScriptoriumAdapter(base_otw.BaseOTWAdapter):
        @staticmethod
        def getSiteDomain() -> str:  # FanFicFare's name
            return domain

        def mod_url_request(self, url: str) -> str:
            return url.replace("https://", "http://", 1)

    return ScriptoriumAdapter


@pytest.fixture
def fanficfare(live_server) -> Iterator[str]:
    """Registers the adapter for the live server's address (FanFicFare's own registry) and removes it after."""
    domain = urlsplit(live_server.url).netloc
    cls = _adapter_for(domain)
    class_list = getattr(adapters, "__class_list")
    domain_map = getattr(adapters, "__domain_map")
    class_list.append(cls)
    domain_map[domain] = [cls]
    yield domain
    class_list.remove(cls)
    domain_map.pop(domain, None)


def run(tmp_path: Path, *argv: str) -> str:
    """``fanficfare ARGV`` in ``tmp_path`` (no pauses between requests): what it printed (also kept in out.txt)."""
    buffer = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(buffer):
            fanficfare_cli.main(
                ["--non-interactive", "-o", "slow_down_sleep_time=0", *argv],
                passed_defaultsini=None,
                passed_personalini=None,
            )
    finally:
        os.chdir(cwd)
    printed = buffer.getvalue()
    (tmp_path / "out.txt").write_text(printed)
    return printed


def download(domain: str, path: str, tmp_path: Path, *options: str, fmt: str = "epub") -> tuple[dict, Path]:
    """``fanficfare -f FMT --json-meta URL`` in ``tmp_path``: the metadata it printed and the file it wrote."""
    printed = run(
        tmp_path,
        "--json-meta",
        "-f",
        fmt,
        "-o",
        f"output_filename=${{storyId}}.{fmt}",
        "-o",
        f"extra_valid_entries={OTW_ENTRIES}",
        *(arg for option in options for arg in ("-o", option)),
        f"https://{domain}{path}",
    )
    start = printed.find("{")
    assert start >= 0, f"FanFicFare printed no metadata:\n{printed}"
    meta = json.loads(printed[start : printed.rindex("}") + 1])
    files = list(tmp_path.glob(f"*.{fmt}"))
    assert len(files) == 1, f"FanFicFare wrote {files}:\n{printed}"
    return meta, files[0]


def epub_metadata(book: Path) -> dict[str, str]:
    """The EPUB's title and first creator, from its package document."""
    with zipfile.ZipFile(book) as archive:
        opf = archive.read(next(n for n in archive.namelist() if n.endswith(".opf"))).decode()
    return {
        key: html.unescape(m.group(1))
        for key in ("title", "creator")
        if (m := re.search(rf"<dc:{key}[^>]*>([^<]*)</dc:{key}>", opf))
    }


def json_objects(printed: str) -> list[dict]:
    """Every JSON object FanFicFare printed (one per story with ``--json-meta``), between its log lines."""
    decoder = json.JSONDecoder()
    found, at = [], printed.find("{")
    while at >= 0:
        value, end = decoder.raw_decode(printed, at)
        found.append(value)
        at = printed.find("{", end)
    return found


def epub_chapters(book: Path) -> list[str]:
    """The chapter files' text, in reading order (FanFicFare names them file0001.xhtml …)."""
    with zipfile.ZipFile(book) as archive:
        names = sorted(n for n in archive.namelist() if re.search(r"file\d+\.xhtml$", n))
        return [re.sub(r"<[^>]+>", " ", archive.read(n).decode()) for n in names]


def test_one_chapter_work(fanficfare, tmp_path):
    writer = UserFactory(username="quill_keeper")
    work = make_work(
        creator=writer,
        title="Lanterns Over the Harbour",
        summary="Two keepers, one lighthouse.",
        rating=TEEN,
        warnings=(VIOLENCE,),
        categories=("F/F",),
        fandoms=("Original Work",),
        relationships=("Keeper/Keeper",),
        characters=("The Older Keeper", "The Younger Keeper"),
        additional_tags=("Fluff", "Storms"),
        chapters=["The lamp turned all night, and nobody slept.\n\nBy morning the storm had gone east."],
    )

    meta, book = download(fanficfare, f"/works/{work.pk}", tmp_path)

    assert meta["title"] == "Lanterns Over the Harbour"
    assert meta["author"] == "quill_keeper"
    assert meta["authorUrl"].endswith("/users/quill_keeper/pseuds/quill_keeper")
    assert meta["rating"] == TEEN
    assert meta["warnings"] == VIOLENCE
    assert meta["ao3categories"] == "F/F"
    assert meta["fandoms"] == "Original Work"
    assert meta["ships"] == "Keeper/Keeper"
    assert meta["characters"] == "The Older Keeper, The Younger Keeper"
    assert meta["freeformtags"] == "Fluff, Storms"
    assert meta["language"] == "English"
    assert meta["numChapters"] == "1"
    assert meta["chapterslashtotal"] == "1/?"
    assert meta["status"] == "In-Progress"  # no chapter count promised
    assert not meta.get("restricted")  # no (Restricted) mark on a public work
    assert "Two keepers, one lighthouse." in meta["description"]
    chapters = epub_chapters(book)
    assert len(chapters) == 1
    assert "The lamp turned all night" in chapters[0] and "the storm had gone east" in chapters[0]


def test_forty_chapter_work(fanficfare, tmp_path):
    writer = UserFactory(username="long_haul")
    texts = [f"Chapter text number {n}: the road went on." for n in range(1, 41)]
    work = make_work(creator=writer, title="Forty Milestones", chapters=texts, rating=GENERAL)
    for chapter in Chapter.objects.filter(work=work):
        chapter.title = f"Milestone {chapter.position}"
        chapter.save(update_fields=["title"])

    meta, book = download(fanficfare, f"/works/{work.pk}", tmp_path)

    assert meta["title"] == "Forty Milestones"
    assert meta["numChapters"] == "40"
    titles = [chapter["title"] for _number, chapter in meta["zchapters"]]
    assert titles[:2] == ["1. Milestone 1", "2. Milestone 2"] and titles[-1] == "40. Milestone 40"
    assert len(titles) == 40
    chapters = epub_chapters(book)
    assert len(chapters) == 40
    for n in (1, 17, 40):
        assert f"Chapter text number {n}:" in chapters[n - 1]


def _noted_work() -> Work:
    """Three chapters; the second has a summary, notes before and notes after, as a writer types them."""
    writer = UserFactory(username="margin_writer")
    return work_create(
        actor=writer,
        creators=[writer.default_pseud],
        data=WorkInput(
            title="Notes in the Margin",
            rating=GENERAL,
            warnings=(NO_WARNINGS_APPLY,),
            fandoms=("Original Work",),
            notes="Thanks to the harbour choir.",
            end_notes="The end, for now.",
        ),
        chapters=[
            ChapterInput(text="The first tide came in."),
            ChapterInput(
                text="The second tide came in.",
                summary="A storm is coming.",
                notes="Written in one night.",
                end_notes="More soon.",
            ),
            ChapterInput(text="The third tide came in."),
        ],
        post=True,
    )


@pytest.mark.parametrize("whole_work", [True, False], ids=["whole-work page", "chapter pages"])
def test_chapter_summaries_and_notes(fanficfare, tmp_path, whole_work):
    """FanFicFare reads a chapter's summary and notes from the whole-work page (its default for works of several
    chapters) and from each chapter's page (``use_view_full_work:false``), and puts them before the chapter."""
    work = _noted_work()

    meta, book = download(fanficfare, f"/works/{work.pk}", tmp_path, f"use_view_full_work={str(whole_work).lower()}")

    assert meta["numChapters"] == "3"
    first, second, third = epub_chapters(book)
    assert "Thanks to the harbour choir." in first  # the work's notes, before its first chapter
    assert "A storm is coming." in second and "Written in one night." in second and "More soon." in second
    assert second.index("A storm is coming.") < second.index("The second tide") < second.index("More soon.")
    for other in (first, third):
        assert "A storm is coming." not in other and "Written in one night." not in other
    assert "The end, for now." in third  # the work's end notes, after its last chapter


def test_adult_work(fanficfare, tmp_path):
    work = make_work(
        creator=UserFactory(username="night_writer"),
        title="After Midnight",
        rating=EXPLICIT,
        warnings=(MAJOR_CHARACTER_DEATH,),
        chapters=["The last train left without them."],
    )

    meta, book = download(fanficfare, f"/works/{work.pk}", tmp_path, "is_adult=true")

    assert meta["title"] == "After Midnight"
    assert meta["rating"] == EXPLICIT
    assert meta["warnings"] == MAJOR_CHARACTER_DEATH
    assert "The last train left without them." in epub_chapters(book)[0]


def test_adult_work_needs_consent(fanficfare, tmp_path):
    """Without ``is_adult`` FanFicFare meets our adult notice and stops, as it does on AO3."""
    work = make_work(title="After Midnight", rating=EXPLICIT, chapters=["The last train left without them."])
    with pytest.raises(AssertionError, match="no metadata|wrote"):
        download(fanficfare, f"/works/{work.pk}", tmp_path)
    assert "Adult check required" in (tmp_path / "out.txt").read_text()


def test_restricted_work_after_logging_in(fanficfare, tmp_path):
    UserFactory(username="reader_one")
    work = make_work(
        creator=UserFactory(username="private_pen"),
        title="Behind the Velvet Rope",
        restricted=True,
        warnings=(NO_WARNINGS_APPLY,),
        chapters=["Only members heard this one."],
    )

    meta, book = download(
        fanficfare, f"/works/{work.pk}", tmp_path, "username=reader_one", f"password={PASSWORD}", fmt="html"
    )

    assert meta["title"] == "Behind the Velvet Rope"
    assert meta["author"] == "private_pen"
    assert meta["warnings"] == NO_WARNINGS_APPLY
    assert meta["restricted"] == "Restricted"  # from the work page's img[alt="(Restricted)"], as on AO3
    assert "Only members heard this one." in book.read_text()


def test_restricted_work_with_a_wrong_password(fanficfare, tmp_path):
    UserFactory(username="reader_two")
    work = make_work(title="Behind the Velvet Rope", restricted=True, chapters=["Only members heard this one."])

    with pytest.raises(AssertionError):
        download(fanficfare, f"/works/{work.pk}", tmp_path, "username=reader_two", "password=not it")
    assert "Login Failed" in (tmp_path / "out.txt").read_text()


def test_series(fanficfare, tmp_path):
    writer = UserFactory(username="saga_smith")
    first = make_work(creator=writer, title="The Crossing", series_title="Tidewater", chapters=["Part one."])
    second = make_work(creator=writer, title="The Landing", series_title="Tidewater", chapters=["Part two."])

    meta, _book = download(fanficfare, f"/works/{second.pk}", tmp_path)

    assert meta["series"] == "Tidewater [2]"
    assert re.search(r"/series/\d+$", meta["seriesUrl"])
    assert first.pk != second.pk


def _tidewater() -> tuple[Series, list[Work]]:
    """A series of three posted works (one of them restricted) and a draft, by two writers."""
    writer = UserFactory(username="saga_smith")
    crossing = make_work(creator=writer, title="The Crossing", series_title="Tidewater", chapters=["Part one."])
    series = Series.objects.get(title="Tidewater")
    make_work(creator=writer, title="Unfinished Draft", series_title="Tidewater", post=False)
    landing = make_work(creator=writer, title="The Landing", series_title="Tidewater", chapters=["Part two."])
    members = make_work(
        creator=writer, title="The Harbour Town", series_title="Tidewater", restricted=True, chapters=["Part three."]
    )
    Series.objects.filter(pk=series.pk).update(summary="<p>Three crossings of one estuary.</p>", complete=True)
    return series, [crossing, landing, members]


def _listed(printed: str) -> dict:
    start = printed.find("{")
    assert start >= 0, f"FanFicFare printed no list:\n{printed}"
    return json.loads(printed[start : printed.rindex("}") + 1])


def test_series_page_as_a_list_of_works(fanficfare, tmp_path):
    """``fanficfare --list /series/ID``: the series' works a guest may read, in order, its name and state."""
    series, (crossing, landing, _members) = _tidewater()

    listed = _listed(run(tmp_path, "--json-meta", "--list", f"https://{fanficfare}/series/{series.pk}"))

    assert listed["name"] == "Tidewater"
    assert "Three crossings of one estuary." in listed["desc"]
    assert listed["status"] == "Completed"
    # No draft, and the restricted work only for an account (below): what a guest sees on the page.
    assert [urlsplit(url).path for url in listed["urllist"]] == [f"/works/{crossing.pk}", f"/works/{landing.pk}"]


def test_series_list_after_logging_in_includes_restricted_works(fanficfare, tmp_path):
    series, (crossing, landing, members) = _tidewater()
    UserFactory(username="reader_three")

    listed = _listed(
        run(
            tmp_path,
            "--json-meta",
            "-o",
            "username=reader_three",
            "-o",
            f"password={PASSWORD}",
            "--list",
            f"https://{fanficfare}/series/{series.pk}",
        )
    )

    paths = [urlsplit(url).path for url in listed["urllist"]]
    assert paths == [f"/works/{crossing.pk}", f"/works/{landing.pk}", f"/works/{members.pk}"]


def test_series_downloads_every_work(fanficfare, tmp_path):
    """``fanficfare --download-list /series/ID``: one book per work, each with its title, author and place."""
    series, (crossing, landing, _members) = _tidewater()

    printed = run(
        tmp_path,
        "--json-meta",
        "-f",
        "epub",
        "-o",
        "output_filename=${storyId}.epub",
        "--download-list",
        f"https://{fanficfare}/series/{series.pk}",
    )

    books = {int(path.stem): path for path in tmp_path.glob("*.epub")}
    assert sorted(books) == sorted([crossing.pk, landing.pk]), printed
    metas = {int(meta["storyId"]): meta for meta in json_objects(printed)}
    for work, place in ((crossing, 1), (landing, 3)):  # the draft holds place 2, unseen
        assert metas[work.pk]["title"] == work.title
        assert metas[work.pk]["author"] == "saga_smith"
        assert metas[work.pk]["series"] == f"Tidewater [{place}]"
        assert metas[work.pk]["seriesUrl"].endswith(f"/series/{series.pk}")
        assert epub_metadata(books[work.pk]) == {"title": work.title, "creator": "saga_smith"}
        assert f"Part {'one' if work == crossing else 'two'}." in epub_chapters(books[work.pk])[0]
