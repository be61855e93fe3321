"""Rating, archive warnings, additional tags and language: explainable rules, unsure when they should be."""

from __future__ import annotations

import pytest

from scriptorium.suggest.language import detect_language
from tests.suggest.helpers import suggest

pytestmark = pytest.mark.django_db

CALM = "They drank their tea in the garden and talked about the weather and the roses and the neighbours. " * 20
FIGHT = (
    "He stabbed the first man under the ribs and the blood sprayed across the snow. He slit the second man's "
    "throat and the body dropped, and he killed the third with the knife through his neck. "
) * 4 + CALM
SEX = (
    "They undressed each other slowly. He unbuttoned her shirt and they fell onto the bed, and they had sex, "
    "and she came with a cry, and then they made love again until the orgasm left them both shaking. "
) * 3 + CALM


def test_a_calm_story_is_general_with_no_warnings() -> None:
    result = suggest(CALM)
    assert result.rating[0].name == "General Audiences"
    assert result.names("warnings") == ["No Archive Warnings Apply"]


def test_graphic_violence_is_flagged_with_its_passages() -> None:
    result = suggest(FIGHT)
    warning = result.find("warnings", "Graphic Depictions Of Violence")
    assert warning is not None
    assert all(e.signal == "lexicon rule" for e in warning.evidence)
    assert any("throat" in e.excerpt for e in warning.evidence)
    assert result.rating[0].name in ("Mature", "Explicit")
    assert {"Blood", "Violence"} <= set(result.names("additional_tags"))


def test_explicit_sexual_content_is_explicit() -> None:
    result = suggest(SEX)
    assert result.rating[0].name == "Explicit"
    assert result.rating[0].evidence


def test_a_named_character_dying_is_a_major_character_death() -> None:
    text = (
        (
            "Boromir sat against the tree with three arrows in his chest, and Aragorn knelt beside him in Amon Hen. "
            '"I have failed," Boromir said. Aragorn held his hand. '
        )
        * 3
        + "Then Boromir died, there in the leaves. Aragorn closed his eyes, and said that in death his face was young. "
    )
    result = suggest(text + CALM)
    assert "Major Character Death" in result.names("warnings")


def test_too_little_text_is_not_rated_and_not_warned() -> None:
    result = suggest("Steve smiled.")
    assert result.rating[0].name == "Not Rated"
    assert result.names("warnings") == ["Creator Chose Not To Use Archive Warnings"]


def test_content_notes_come_from_their_lexicons() -> None:
    text = (
        "He woke from the nightmare shaking, the same nightmare about the chair and the handlers, years of "
        "abuse in a cold room. She held him and said it's okay, you're safe, I've got you. "
    ) * 3 + CALM
    tags = suggest(text).names("additional_tags")
    assert "Nightmares" in tags
    assert "Past Abuse" in tags


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The cat sat on the mat and it was happy with the sun and the day, as he said to her. " * 3, "en"),
        ("Le chat est sur la table et il ne dort pas, mais elle est dans le jardin avec une amie. " * 3, "fr"),
        ("El gato está en la mesa y no duerme, pero ella está en el jardín con una amiga que se ríe. " * 3, "es"),
        ("猫は机の上で寝ています。彼女は庭で友達と話しています。とても静かな午後でした。" * 3, "ja"),
    ],
)
def test_language_is_detected(text: str, code: str) -> None:
    assert detect_language(text).name == code


def test_no_language_is_guessed_from_almost_nothing() -> None:
    assert detect_language("Hi.") is None
