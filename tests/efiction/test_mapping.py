"""The operator's mapping file: the default written out for editing, an edited one read back, mistakes named."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from scriptorium.efiction.mapping import MappingError, mapping_load
from scriptorium.efiction.reader import EfictionError, address_parse
from scriptorium.works.models import Work


def test_write_mapping_writes_the_default_for_editing(tmp_path):
    target = tmp_path / "mapping.toml"
    call_command("import-efiction", "--write-mapping", str(target), stdout=io.StringIO())
    mapping = mapping_load(target)
    assert mapping.rating("  all ages ") == "General Audiences"
    assert mapping.warning("Character Death") == "Major Character Death"
    with pytest.raises(CommandError, match="exists already"):
        call_command("import-efiction", "--write-mapping", str(target), stdout=io.StringIO())


def test_a_mapping_with_words_outside_the_vocabulary_is_refused_with_each_mistake(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[ratings]\n"Teen" = "PG-ish"\n[warnings]\n"Gore" = "Lots Of Blood"\n', encoding="utf-8")
    with pytest.raises(MappingError) as caught:
        mapping_load(bad)
    assert "“teen” = “PG-ish” is not a rating" in str(caught.value)
    assert "“Lots Of Blood” is not an archive warning" in str(caught.value)
    broken = tmp_path / "broken.toml"
    broken.write_text("[ratings\n", encoding="utf-8")
    with pytest.raises(MappingError, match="not valid TOML"):
        mapping_load(broken)


@pytest.mark.django_db
def test_an_edited_mapping_changes_what_comes_across(efiction_db, stories_dir, tmp_path):
    edited = tmp_path / "mine.toml"
    edited.write_text(
        '[ratings]\n"Spicy Pepper" = "Explicit"\n"All Ages" = "General Audiences"\n"Teen" = "Teen And Up Audiences"\n'
        '[categories]\narchive_fandom = "Harbour Lights (Novels)"\n',
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command(
        "import-efiction", efiction_db.url, "--stories-dir", str(stories_dir), "--mapping", str(edited),
        stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    fog = Work.objects.get(title="Fog Signal")
    assert fog.rating == "Explicit"
    tags = {(t.tag.type, t.tag.name) for t in fog.taggings.select_related("tag")}
    assert ("fandom", "Harbour Lights (Novels)") in tags
    assert ("additional", "Tidewater Chronicles") in tags  # the category, now a tag
    assert "Spicy Pepper" not in out.getvalue()


@pytest.mark.django_db
def test_bad_addresses_and_prefixes_are_named(efiction_db):
    with pytest.raises(EfictionError, match="mysql://"):
        address_parse("postgres://x@y/z")
    with pytest.raises(EfictionError, match="names no database"):
        address_parse("mysql://root@127.0.0.1:3306/")
    with pytest.raises(CommandError, match="table prefix"):
        call_command("import-efiction", efiction_db.url, "--table-prefix", "nope_", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Cannot open"):
        call_command("import-efiction", efiction_db.url + "_absent", stdout=io.StringIO())
    assert not Work.objects.exists()


@pytest.mark.django_db
def test_top_level_categories_as_fandoms(efiction_db, stories_dir, tmp_path):
    edited = tmp_path / "top.toml"
    edited.write_text('[categories]\nfandom_from = "top"\n', encoding="utf-8")
    call_command(
        "import-efiction", efiction_db.url, "--stories-dir", str(stories_dir), "--mapping", str(edited),
        stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    salt = Work.objects.get(title="Salt on the Stairs")  # filed in "Night Shift", under "Tidewater Chronicles"
    tags = {(t.tag.type, t.tag.name) for t in salt.taggings.select_related("tag")}
    assert ("fandom", "Tidewater Chronicles") in tags
    assert ("additional", "Night Shift") in tags
    assert not any(kind == "fandom" and name == "Night Shift" for kind, name in tags)
