"""What writers type: relationship names, and tags_resolve keeping their tags while finding the canonical."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from scriptorium.tags.canon.loader import canon_load
from scriptorium.tags.models import Tag, TagCue, TagParent
from scriptorium.tags.relationships import PLATONIC, ROMANTIC, parse_relationship, relationship_canonical_for
from scriptorium.tags.services import tags_resolve
from tests.tags.conftest import canonical


@pytest.mark.parametrize(
    ("name", "kind", "people"),
    [
        ("Steve/Natasha", ROMANTIC, ("Steve", "Natasha")),
        ("Natasha x Steve", ROMANTIC, ("Natasha", "Steve")),
        ("Natasha X Steve", ROMANTIC, ("Natasha", "Steve")),
        ("Natasha & Yelena", PLATONIC, ("Natasha", "Yelena")),
        ("Harry/Ron/Hermione", ROMANTIC, ("Harry", "Ron", "Hermione")),
    ],
)
def test_relationship_names_parse(name: str, kind: str, people: tuple[str, ...]) -> None:
    parsed = parse_relationship(name)
    assert parsed is not None and parsed.kind == kind and parsed.people == people


@pytest.mark.parametrize("name", ["Steve/Tony & Bucky", "Fluff", "Steve/", "Max & "])
def test_mixed_or_incomplete_names_are_not_relationships(name: str) -> None:
    assert parse_relationship(name) is None


@pytest.fixture
def marvel(db):
    canon_load()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    ["steve/natasha", "Natasha x Steve", "Steve Rogers/Natasha Romanoff", "Black Widow/Captain America", "nat/steve"],
)
def test_loose_relationship_names_resolve_to_the_canonical_relationship(marvel, typed: str) -> None:
    found = relationship_canonical_for(typed)
    assert found is not None and found.name == "Natasha Romanov/Steve Rogers"


@pytest.mark.django_db
def test_kinds_are_not_confused_and_unknown_people_resolve_to_nothing(marvel) -> None:
    assert relationship_canonical_for("Steve & Natasha") is None  # no canonical friendship in the canon
    assert relationship_canonical_for("Natasha & Yelena").name == "Natasha Romanov & Yelena Belova"
    assert relationship_canonical_for("Steve/Somebody Else") is None


@pytest.mark.django_db
def test_an_ambiguous_nickname_resolves_only_when_one_relationship_fits() -> None:
    peggy = canonical("Peggy Carter", "character")
    sharon = canonical("Sharon Carter", "character")
    steve = canonical("Steve Rogers", "character")
    ship = canonical("Peggy Carter/Steve Rogers", "relationship")
    for tag in (peggy, sharon):
        TagCue.objects.create(tag=tag, kind="nickname", text="Carter", folded="carter")
    TagCue.objects.create(tag=steve, kind="nickname", text="Steve", folded="steve")
    TagParent.objects.create(child=ship, parent=peggy)
    TagParent.objects.create(child=ship, parent=steve)
    assert relationship_canonical_for("Carter/Steve") == ship

    other = canonical("Sharon Carter/Steve Rogers", "relationship")
    TagParent.objects.create(child=other, parent=sharon)
    TagParent.objects.create(child=other, parent=steve)
    assert relationship_canonical_for("Carter/Steve") is None


@pytest.mark.django_db
def test_tags_resolve_keeps_a_synonym_as_typed_and_finds_loose_relationships(marvel) -> None:
    resolved = tags_resolve(names=["romangers", "Natasha x Steve", "Sam/Bucky forever"], tag_type="relationship")

    assert [t.name for t in resolved] == ["Romangers", "Natasha Romanov/Steve Rogers", "Sam/Bucky forever"]
    assert resolved[0].merger.name == "Natasha Romanov/Steve Rogers"
    assert resolved[2].is_unwrangled
    assert not Tag.objects.filter(name="Natasha x Steve").exists()


@pytest.mark.django_db
def test_tags_resolve_still_refuses_names_of_another_type(marvel) -> None:
    with pytest.raises(ValidationError, match="already a fandom tag"):
        tags_resolve(names=["MCU"], tag_type="character")


@pytest.mark.django_db
def test_a_name_another_writer_created_a_moment_ago_is_that_tag_not_an_error() -> None:
    """Two writers use a new tag name at once: both looked and found nothing, the other one's insert committed
    first. Ours must take that tag (on PostgreSQL the unique index refused the second insert, failing the post)."""
    from unittest import mock

    from django.db import transaction

    from scriptorium.tags import services

    theirs = Tag.objects.create(name="Moonlit Harbour", type="additional")
    looked_before_they_committed = [("Moonlit Harbour", None)]
    real = services.tag_for_name

    def lookup(raw, *, tag_type):
        return looked_before_they_committed.pop() if looked_before_they_committed else real(raw, tag_type=tag_type)

    with mock.patch.object(services, "tag_for_name", side_effect=lookup), transaction.atomic():
        resolved = services.tags_resolve(names=["moonlit harbour", "Quiet Docks"], tag_type="additional")
        assert [t.name for t in resolved] == ["Moonlit Harbour", "Quiet Docks"]
        assert resolved[0] == theirs
    assert Tag.objects.filter(name__iexact="moonlit harbour").count() == 1
