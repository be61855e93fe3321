"""Relationships: ship names (and near misses), "A/B", "A x B", "A & B", romantic scenes; categories."""

from __future__ import annotations

import pytest

from scriptorium.suggest.relationships import near_ship
from tests.suggest.helpers import canon_only, suggest

pytestmark = pytest.mark.django_db

BODY = (
    "Natasha Romanoff stitched the cut while Steve Rogers held still. HYDRA had nearly had them both. "
    "Natasha tied off the thread and Steve thanked her, and she told him to sleep. "
) * 5


def test_a_ship_name_in_the_summary_is_found() -> None:
    result = suggest(BODY, summary="Post Avengers. Romanogers.")
    suggestion = result.find("relationships", "Natasha Romanov/Steve Rogers")
    assert suggestion is not None
    assert suggestion.evidence[0].signal == "ship name"
    assert suggestion.evidence[0].chapter == 0


def test_a_near_miss_of_a_known_ship_name_is_found() -> None:
    assert near_ship("romanogerz", canon_only()) == "Natasha Romanov/Steve Rogers"
    assert near_ship("banana", canon_only()) is None
    result = suggest(BODY, summary="Post Avengers. Romanogerz, slow burn.")
    assert "Natasha Romanov/Steve Rogers" in result.names("relationships")


@pytest.mark.parametrize("summary", ["Steve/Natasha", "Natasha x Steve", "Steve Rogers / Natasha Romanoff"])
def test_a_slash_or_x_between_names_is_romantic(summary: str) -> None:
    result = suggest(BODY, summary=summary)
    assert "Natasha Romanov/Steve Rogers" in result.names("relationships")
    assert "F/M" in result.names("categories")


def test_an_ampersand_between_names_is_platonic_and_kept_apart() -> None:
    result = suggest(BODY, summary="Natasha & Steve, friends on the run.")
    names = result.names("relationships")
    assert "Natasha Romanov & Steve Rogers" in names
    assert "Natasha Romanov/Steve Rogers" not in names
    assert result.names("categories") == ["Gen"]


def test_a_kiss_between_two_characters_makes_them_a_couple() -> None:
    text = (
        "Han Solo leaned on the Millennium Falcon. Leia Organa walked across the hangar at Echo Base. "
        "Chewbacca groaned at both of them. Han grinned at Leia, and Leia rolled her eyes at Han. "
    ) * 4 + "Leia took his face in her hands and she kissed him, and Han forgot what he was saying."
    result = suggest(text)
    couple = result.find("relationships", "Han Solo/Leia Organa")
    assert couple is not None
    assert any(e.signal == "co-occurrence" and "kissed" in e.excerpt for e in couple.evidence)
    assert "F/M" in result.names("categories")


def test_two_men_kissing_is_m_m() -> None:
    text = (
        "Dean Winchester parked the Impala outside the motel. Castiel watched him from the passenger seat. "
        "Dean said nothing and Castiel said nothing. "
    ) * 4 + "Then Dean leaned over and kissed Castiel, slowly, and Castiel kissed him back."
    result = suggest(text)
    assert "Castiel/Dean Winchester" in result.names("relationships")
    assert "M/M" in result.names("categories")


def test_friends_without_romance_are_platonic_not_romantic() -> None:
    text = (
        "Sam Winchester and Dean Winchester cleaned the guns at the kitchen table in the bunker. Dean told "
        "Sam a terrible joke about a vampire, and Sam laughed anyway, and Dean passed him a beer. "
    ) * 5
    result = suggest(text)
    assert not any("/" in name for name in result.names("relationships"))
    assert result.names("categories") == ["Gen"]


def test_a_pronoun_is_resolved_to_the_last_named_character_of_that_gender() -> None:
    text = (
        "Hermione Granger spread the maps across the library table while Ron Weasley read the Quidditch page. "
        "Hogwarts was quiet. "
    ) * 4 + (
        "Hermione looked up from the maps for a long time. The library was empty and the candles were low. "
        "Then she leaned across the table and kissed him."
    )
    result = suggest(text)
    assert "Hermione Granger/Ron Weasley" in result.names("relationships")


def test_original_work_romance_takes_its_category_from_the_pronouns() -> None:
    text = (
        "The train rocked through the night. Ines could not sleep and neither could the woman in the berth above. "
    ) * 8 + (
        "She climbed down and she kissed her in the dark. Later she kissed her again, slower, and the train "
        "went on. In the morning she kissed her goodbye on the platform."
    )
    result = suggest(text)
    assert result.names("fandoms") == ["Original Work"]
    assert result.names("categories") == ["F/F"]
