"""Learning: wrangled synonyms become aliases at once; writers' rejections weaken names and tags."""

from __future__ import annotations

import pytest

from scriptorium.suggest.engine import suggest_document
from scriptorium.suggest.knowledge import knowledge_current
from scriptorium.suggest.services import suggestion_feedback_record
from scriptorium.suggest.textsource import document_from_text
from scriptorium.tags.canon.loader import canon_load
from scriptorium.tags.models import Tag, TagType
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Spangles sat on the roof of Avengers Tower and watched the sun come up over the East River. HYDRA was "
    "quiet for once. Spangles drank his coffee and thought about the Helicarrier and about nothing at all. "
) * 5


def test_a_new_synonym_is_an_alias_at_once() -> None:
    canon_load()
    before = suggest_document(document_from_text(TEXT))
    assert "Steve Rogers" not in before.names("characters")
    steve = Tag.objects.get(name="Steve Rogers")
    Tag.objects.create(name="Spangles", type=TagType.CHARACTER, merger=steve)
    after = suggest_document(document_from_text(TEXT))
    assert "Steve Rogers" in after.names("characters")


def test_the_cached_knowledge_is_reused_until_tags_change() -> None:
    first = knowledge_current()
    assert knowledge_current() is first
    Tag.objects.create(name="Some New Fandom", type=TagType.FANDOM, canonical=True)
    assert knowledge_current() is not first


def test_rejections_lower_a_suggestion_and_acceptances_keep_it() -> None:
    text = (
        "Dean Winchester drove the Impala through the night while Sam Winchester slept against the window. "
        "Dean hummed along to the radio, and the motel sign came up out of the dark. "
    ) * 6
    before = suggest_document(document_from_text(text)).find("characters", "Sam Winchester").confidence
    writer = UserFactory()
    for _ in range(3):
        suggestion_feedback_record(
            actor=writer,
            work=None,
            field_name="characters",
            name="Sam Winchester",
            decision="rejected",
            surfaces=["Sam"],
            fandom="Supernatural (TV 2005)",
        )
    after = suggest_document(document_from_text(text)).find("characters", "Sam Winchester")
    assert after is None or after.confidence < before


def test_a_rejected_name_counts_less_in_that_fandom() -> None:
    text = (
        "Dean Winchester drove the Impala through the night. Sammy slept against the window. Dean hummed along "
        "to the radio, and Sammy woke when the motel sign came up. Sammy yawned and the Impala stopped. "
    ) * 3
    before = suggest_document(document_from_text(text)).find("characters", "Sam Winchester")
    writer = UserFactory()
    for _ in range(4):
        suggestion_feedback_record(
            actor=writer,
            work=None,
            field_name="characters",
            name="Sam Winchester",
            decision="rejected",
            surfaces=["Sammy"],
            fandom="Supernatural (TV 2005)",
        )
    knowledge = knowledge_current()
    assert knowledge.weights.alias_factor("Sam Winchester", "Sammy", "Supernatural (TV 2005)") < 1
    assert knowledge.weights.alias_factor("Sam Winchester", "Sammy", "Teen Wolf (TV)") == 1
    after = suggest_document(document_from_text(text)).find("characters", "Sam Winchester")
    assert before is not None
    assert after is None or after.confidence < before.confidence
