"""The starter canon and `scriptorium canon load`."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from scriptorium.tags import wrangling
from scriptorium.tags.canon.loader import canon_load
from scriptorium.tags.canon.schema import canon_read
from scriptorium.tags.models import MetaTagging, Tag, TagCue, TagParent, WorkFilter, WranglingLogEntry
from tests.factories import make_work

pytestmark = pytest.mark.django_db

FANDOMS = [
    "Marvel Cinematic Universe", "Harry Potter - J. K. Rowling", "Star Wars - All Media Types", "Sherlock (TV)",
    "Supernatural (TV 2005)", "Naruto", "僕のヒーローアカデミア | Boku no Hero Academia | My Hero Academia",
    "The Lord of the Rings - J. R. R. Tolkien", "Doctor Who", "Star Trek", "Genshin Impact (Video Game)",
    "Good Omens (TV)", "Teen Wolf (TV)", "Haikyuu!!", "Stranger Things (TV 2016)",
]  # fmt: skip


def snapshot() -> tuple:
    return (
        sorted(Tag.objects.values_list("name", "type", "canonical", "merger__name")),
        sorted(TagParent.objects.values_list("child__name", "parent__name")),
        sorted(MetaTagging.objects.values_list("meta__name", "sub__name")),
        sorted(TagCue.objects.values_list("tag__name", "kind", "text")),
        WranglingLogEntry.objects.count(),
    )


def test_the_starter_canon_is_valid_and_covers_the_big_fandoms() -> None:
    canon = canon_read()
    names = {f.name for f in canon.fandoms}
    assert set(FANDOMS) <= names
    characters = {c.name for c in canon.characters}
    for name in ["Natasha Romanov (Marvel)", "Steve Rogers", 'James "Bucky" Barnes', "Tony Stark", "Helmut Zemo"]:
        assert name in characters
    assert not canon.outside_characters and not canon.outside_fandoms


def test_loading_creates_canonical_tags_synonyms_parents_meta_and_cues() -> None:
    out = StringIO()
    call_command("canon", "load", stdout=out)

    assert "created" in out.getvalue()
    assert Tag.objects.get(name="Marvel Cinematic Universe").canonical
    romangers = Tag.objects.get(name="Romangers")
    assert not romangers.canonical and romangers.merger.name == "Natasha Romanov/Steve Rogers"
    assert Tag.objects.get(name="Stucky").merger.name == 'James "Bucky" Barnes/Steve Rogers'
    ship = Tag.objects.get(name="Natasha Romanov/Steve Rogers")
    assert set(ship.parents.values_list("name", flat=True)) == {
        "Marvel Cinematic Universe", "Natasha Romanov (Marvel)", "Steve Rogers",
    }  # fmt: skip
    assert MetaTagging.objects.filter(meta__name="Marvel Cinematic Universe", sub__name="The Avengers (Marvel Movies)")
    assert TagCue.objects.filter(tag__name="Natasha Romanov (Marvel)", kind="nickname", text="Nat").exists()
    assert TagCue.objects.filter(tag__name="Harry Potter - J. K. Rowling", kind="cue", text="Hogwarts").exists()
    assert not Tag.objects.filter(name="Nat").exists()  # nicknames are not tags
    assert WranglingLogEntry.objects.get().action == "canon_load"


def test_a_second_load_changes_nothing() -> None:
    canon_load()
    before = snapshot()
    out = StringIO()

    call_command("canon", "load", stdout=out)

    assert snapshot() == before
    assert "already loaded, nothing to change" in out.getvalue()


def test_loading_never_overrides_a_local_wrangling_decision(wrangler) -> None:
    canon_load()
    romangers = Tag.objects.get(name="Romangers")
    clintasha = Tag.objects.get(name="Clint Barton/Natasha Romanov")
    wrangling.tag_make_synonym(actor=wrangler, tag=romangers, target=clintasha)  # a (strange) local decision
    steve = Tag.objects.get(name="Steve Rogers")
    mcu = Tag.objects.get(name="Marvel Cinematic Universe")
    wrangling.tag_parent_remove(actor=wrangler, tag=steve, parent=mcu)
    avengers = Tag.objects.get(name="The Avengers (Marvel Movies)")
    wrangling.tag_meta_remove(actor=wrangler, tag=avengers, meta=mcu)
    before = snapshot()

    result = canon_load()

    assert snapshot() == before and not result.changed
    assert Tag.objects.get(name="Romangers").merger == clintasha
    assert not TagParent.objects.filter(child=steve, parent=mcu).exists()
    assert not MetaTagging.objects.filter(meta=mcu, sub=avengers).exists()


def test_tags_that_exist_before_the_canon_are_wrangled_only_when_undecided(wrangler) -> None:
    work = make_work(fandoms=("The Avengers (Marvel Movies)",), relationships=("Romanogers",))
    local = Tag.objects.create(name="Stucky", type="relationship")
    wrangling.tag_make_canonical(actor=wrangler, tag=local)

    result = canon_load()

    assert Tag.objects.get(name="Romanogers").merger.name == "Natasha Romanov/Steve Rogers"
    assert Tag.objects.get(name="Stucky").canonical
    assert any("Stucky" in line for line in result.kept_local)
    found_under = set(WorkFilter.objects.filter(work=work).values_list("tag__name", flat=True))
    assert {"Natasha Romanov/Steve Rogers", "Marvel Cinematic Universe", "The Avengers (Marvel Movies)"} <= found_under


def test_an_archive_extends_the_canon_with_its_own_file(tmp_path: Path) -> None:
    canon_load()
    own = tmp_path / "our-canon.toml"
    own.write_text(
        """
version = 1

[[fandoms]]
name = "Marvel Cinematic Universe"

[[fandoms.characters]]
name = "Kate Bishop"
aliases = ["Hawkeye (Kate Bishop)"]
nicknames = ["Katie-Kate"]

[[fandoms.relationships]]
name = "Clint Barton & Kate Bishop"
characters = ["Clint Barton", "Kate Bishop"]
kind = "platonic"
aliases = ["Hawkeyes"]

[[fandoms]]
name = "Hawkeye (TV 2021)"
meta = ["Marvel Cinematic Universe"]
""",
        encoding="utf-8",
    )

    canon_load(own)

    assert Tag.objects.get(name="Hawkeyes").merger.name == "Clint Barton & Kate Bishop"
    assert Tag.objects.get(name="Kate Bishop").parents.get().name == "Marvel Cinematic Universe"
    assert MetaTagging.objects.filter(meta__name="Marvel Cinematic Universe", sub__name="Hawkeye (TV 2021)").exists()
    assert not canon_load(own).changed


def test_a_file_with_mistakes_loads_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        """
[[fandoms]]
name = "Fandom, With Comma"

[[fandoms.relationships]]
name = "A & B"
characters = ["A", "Nobody Here"]
kind = "romantic"
""",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        canon_load(bad)
    text = " ".join(caught.value.messages)
    assert "characters tags cannot use" in text or "cannot use" in text
    assert "must join the characters with “/”" in text
    assert not Tag.objects.filter(name__in=["A & B", "Fandom, With Comma"]).exists()

    with pytest.raises(CommandError, match="not loaded"):
        call_command("canon", "load", str(bad), stdout=StringIO())
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("canon", "load", str(tmp_path / "missing.toml"), stdout=StringIO())


def test_relationships_must_name_known_characters(tmp_path: Path) -> None:
    orphan = tmp_path / "orphan.toml"
    orphan.write_text(
        '[[fandoms]]\nname = "X"\n[[fandoms.relationships]]\nname = "P/Q"\n'
        'characters = ["P", "Q"]\nkind = "romantic"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="neither in the file nor a canonical character"):
        canon_load(orphan)
    assert not Tag.objects.filter(name="X").exists()
