"""Characters only mentioned: a separate, lower-confidence "Also mentioned" group, never among the main ones
and never taken by the imports' batch accept."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scriptorium.suggest.services import suggestions_accept_all
from scriptorium.works.models import Work
from tests.factories import make_work
from tests.suggest.helpers import suggest
from tests.works.forms_data import work_form_data

pytestmark = pytest.mark.django_db

SCENE = (
    "Sherlock Holmes paced the sitting room at Baker Street while John Watson read the paper. "
    '"{line}," John said. "He wants you at the Diogenes Club." Sherlock snorted and '
    "picked up his violin. John folded the paper and watched him play until the light went. "
)
WITH_MYCROFT = SCENE.format(line="Mycroft Holmes rang again") * 4
WITHOUT_MYCROFT = SCENE.format(line="Your brother rang again") * 4
MAIN = {"Sherlock Holmes", "John Watson"}


def test_a_character_named_only_in_dialogue_is_in_the_mentioned_group_alone() -> None:
    result = suggest(WITH_MYCROFT)
    assert set(result.names("characters")) == MAIN
    assert result.names("mentioned") == ["Mycroft Holmes"]
    mycroft = result.mentioned[0]
    assert mycroft.confidence < min(s.confidence for s in result.characters)
    assert "Mycroft Holmes" in mycroft.evidence[0].excerpt


def test_the_main_characters_are_the_same_with_or_without_the_mention() -> None:
    def main(text: str) -> list[tuple[str, float]]:
        return [(s.name, s.confidence) for s in suggest(text).characters]

    assert main(WITH_MYCROFT) == main(WITHOUT_MYCROFT)
    assert suggest(WITHOUT_MYCROFT).mentioned == []


def test_the_json_keeps_mentions_apart() -> None:
    data = suggest(WITH_MYCROFT).as_dict()
    assert [s["name"] for s in data["mentioned"]] == ["Mycroft Holmes"]
    assert "Mycroft Holmes" not in [s["name"] for s in data["characters"]]


def test_the_imports_batch_accept_never_takes_a_mention(user) -> None:
    work = make_work(creator=user, chapters=[WITH_MYCROFT], fandoms=("Sherlock (TV)",))
    applied = suggestions_accept_all(actor=user, work=work, suggestions=suggest(WITH_MYCROFT), min_confidence=0.0)
    assert "characters: Sherlock Holmes" in applied
    assert not any("Mycroft" in line for line in applied)
    names = {t.tag.name for t in Work.objects.get(pk=work.pk).taggings.select_related("tag")}
    assert "Mycroft Holmes" not in names


def test_the_posting_form_shows_the_group_apart_and_accepting_adds_a_character(writer_client, user) -> None:
    data = work_form_data(user, text=WITH_MYCROFT, fandoms="", action="suggest")
    page = writer_client.post(reverse("works:new"), data).content.decode()
    mentioned = page.split("Also mentioned", 1)[1]
    assert 'value="accept|characters|Mycroft Holmes"' in mentioned
    assert 'data-name="John Watson"' not in mentioned
    assert 'data-name="Mycroft Holmes"' not in page.split("Also mentioned", 1)[0]
    data = work_form_data(user, text=WITH_MYCROFT, characters="", suggestion="accept|characters|Mycroft Holmes")
    data.pop("action")
    page = writer_client.post(reverse("works:new"), data).content.decode()
    assert Work.objects.count() == 0
    assert 'name="characters" value="Mycroft Holmes"' in page
    assert "Also mentioned" not in page
