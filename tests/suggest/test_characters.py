"""Characters and fandoms: names, aliases and nicknames found in one pass, resolved by fandom context."""

from __future__ import annotations

import pytest

from scriptorium.suggest.matcher import Scan
from scriptorium.suggest.textsource import document_from_text
from tests.suggest.helpers import canon_only, suggest

pytestmark = pytest.mark.django_db

MCU = (
    "Natasha Romanoff checked the street twice before she let Steve Rogers out of the car. HYDRA had people "
    'everywhere, and the Red Room had taught her to assume the worst. "Nat," Steve said. "Cap," she '
    "answered. S.H.I.E.L.D. would want a report, but Natasha wanted coffee first, and Steve wanted to sleep. "
) * 4


def test_full_names_aliases_and_nicknames_are_found_with_their_offsets() -> None:
    document = document_from_text(MCU)
    scan = Scan(document, canon_only())
    found = {document.parts[1].text[m.start : m.end] for m in scan.mentions}
    assert {"Natasha Romanoff", "Steve Rogers", "Nat", "Cap", "HYDRA", "Red Room"} <= found


def test_characters_and_fandom_come_with_evidence() -> None:
    result = suggest(MCU)
    assert result.names("fandoms")[0] == "Marvel Cinematic Universe"
    assert {"Natasha Romanov (Marvel)", "Steve Rogers"} <= set(result.names("characters"))
    natasha = result.find("characters", "Natasha Romanov (Marvel)")
    evidence = natasha.evidence[0]
    assert evidence.signal == "alias match"
    assert evidence.chapter == 1
    assert "Natasha" in evidence.excerpt
    assert 0 < natasha.confidence <= 1


def test_a_lower_case_word_is_not_a_nickname() -> None:
    result = suggest("She put the cap back on the pen and went to the window. " * 30)
    assert "Steve Rogers" not in result.names("characters")


def test_a_short_name_alone_is_weak_but_strong_in_its_fandom() -> None:
    plain = "Steve made tea. Steve sat down. Steve looked out of the window at the rain for a long time. " * 6
    assert "Steve Rogers" not in suggest(plain).names("characters")
    in_context = plain + "The Avengers Tower hummed. HYDRA was gone. The shield leaned by the door in the Helicarrier."
    assert "Steve Rogers" in suggest(in_context).names("characters")


def test_a_shared_nickname_goes_to_the_fandom_the_text_is_in() -> None:
    text = (
        "Harry Potter walked to Hogwarts with Hermione Granger. Quidditch practice was cancelled. "
        "Sirius wrote from Grimmauld Place. Peter sat with them and said nothing about the Gryffindor match. "
    ) * 4
    result = suggest(text)
    assert result.names("fandoms")[0] == "Harry Potter - J. K. Rowling"
    assert "Peter Parker" not in result.names("characters")


def test_a_passing_mention_is_not_a_character_on_the_page() -> None:
    text = (
        "Dean Winchester drove. Sam Winchester read the lore on his laptop while the Impala ate the miles. "
        "Dean hummed, Sam sighed, and the motel sign came up out of the dark. "
    ) * 6 + '"Bobby would know," Sam said.'
    result = suggest(text)
    assert {"Dean Winchester", "Sam Winchester"} <= set(result.names("characters"))
    assert "Bobby Singer" not in result.names("characters")


def test_text_with_no_fandom_reads_as_original_work() -> None:
    text = "Ines climbed the lighthouse stairs and counted them, as her father had, one hundred and twelve. " * 8
    result = suggest(text)
    assert result.names("fandoms") == ["Original Work"]
    assert result.characters == []
