"""``tags_remembered``: a bulk import looks each tag name up once, and never remembers a tag its rolled-back
transaction made."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from scriptorium.tags.models import Tag, TagType
from scriptorium.tags.services import fixed_tags, tags_remembered, tags_resolve
from scriptorium.tags.vocabulary import CHOSE_NOT_TO_WARN

pytestmark = pytest.mark.django_db


def test_names_are_looked_up_once_inside_the_block_and_every_time_outside(django_capture_on_commit_callbacks) -> None:
    with tags_remembered():
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            first = tags_resolve(names=["Harbour Lights", "harbour  lights", "Gulls"], tag_type=TagType.ADDITIONAL)
            fixed_tags(tag_type=TagType.WARNING, names=[CHOSE_NOT_TO_WARN])
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            again = tags_resolve(names=["HARBOUR LIGHTS", "Gulls"], tag_type=TagType.ADDITIONAL)
            warning = fixed_tags(tag_type=TagType.WARNING, names=[CHOSE_NOT_TO_WARN])
        asked = [q["sql"] for q in queries.captured_queries if "tags_tag" in q["sql"]]
    assert [t.name for t in first] == ["Harbour Lights", "Gulls"]
    assert again == first and warning[0].name == CHOSE_NOT_TO_WARN
    assert asked == []
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        tags_resolve(names=["Gulls"], tag_type=TagType.ADDITIONAL)
    assert any("tags_tag" in q["sql"] for q in queries.captured_queries)  # outside the block: asked again


def test_a_tag_made_in_a_rolled_back_transaction_is_not_remembered(django_capture_on_commit_callbacks) -> None:
    class Refused(Exception):
        pass

    with tags_remembered():
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(Refused), transaction.atomic():
            tags_resolve(names=["Lost Lantern"], tag_type=TagType.ADDITIONAL)
            raise Refused
        assert not Tag.objects.filter(name="Lost Lantern").exists()
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            (made,) = tags_resolve(names=["Lost Lantern"], tag_type=TagType.ADDITIONAL)
    assert Tag.objects.filter(pk=made.pk, name="Lost Lantern").exists()  # made again, not the rolled-back one
