"""tag_for_name: the one check of a typed tag name (spaces, length, characters, another type's tag)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from scriptorium.tags.models import Tag
from scriptorium.tags.services import TagTypeTaken, tag_for_name

pytestmark = pytest.mark.django_db


def test_a_new_name_is_tidied_and_has_no_tag_yet() -> None:
    assert tag_for_name("  Found   Family ", tag_type="additional") == ("Found Family", None)
    assert not Tag.objects.filter(name__iexact="found family").exists()  # it only checks


def test_a_known_name_of_the_same_type_is_that_tag_ignoring_case() -> None:
    fluff = Tag.objects.create(name="Fluff", type="additional")
    assert tag_for_name("fluff", tag_type="additional") == ("fluff", fluff)


def test_a_name_of_another_type_is_refused_with_the_tag_it_belongs_to() -> None:
    steve = Tag.objects.create(name="Steve Rogers", type="fandom")
    with pytest.raises(TagTypeTaken) as caught:
        tag_for_name("Steve Rogers", tag_type="character")
    assert caught.value.existing == steve and caught.value.tag_name == "Steve Rogers"
    assert caught.value.messages == ["“Steve Rogers” is already a fandom tag, so it cannot be used as a character tag."]


@pytest.mark.parametrize(("raw", "message"), [("   ", "needs a name"), ("x" * 151, "too long"), ("a<b", "cannot use")])
def test_names_that_cannot_be_tags_are_refused(raw: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        tag_for_name(raw, tag_type="additional")
