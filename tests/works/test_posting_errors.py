"""Bad input on the posting form: a clear message next to the field, what was typed kept, nothing written."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scriptorium.tags.models import Tag
from scriptorium.tags.vocabulary import SUMMARY_MAX
from tests.factories import make_work
from tests.works.forms_data import row_counts, work_form_data

pytestmark = pytest.mark.django_db
NEW = reverse("works:new")

CASES = [
    pytest.param({"title": "   "}, "title", "A work needs a title.", id="no-title"),
    pytest.param({"fandoms": " , "}, "fandoms", "Add at least one fandom", id="no-fandom"),
    pytest.param({"warnings": []}, "warnings", "Choose at least one archive warning.", id="no-warning"),
    pytest.param(
        {"warnings": ["No Archive Warnings Apply", "Graphic Depictions Of Violence"]},
        "warnings",
        "“No Archive Warnings Apply” cannot be combined with other warnings.",
        id="nawa-with-violence",
    ),
    pytest.param({"warnings": ["Mild Peril"]}, "warnings", "Select a valid choice", id="unknown-warning"),
    pytest.param({"rating": ""}, "rating", "Choose a rating.", id="no-rating"),
    pytest.param({"rating": "PG-13"}, "rating", "Select a valid choice", id="unknown-rating"),
    pytest.param(
        {"co_creators": "Nobody Here"}, "co_creators", "There is no pseud called “Nobody Here”", id="unknown-co-creator"
    ),
    pytest.param(
        {"characters": "Ann, Tony*Stark"},
        "characters",
        "“Tony*Stark” contains characters tags cannot use: *",
        id="forbidden-tag-characters",
    ),
    pytest.param({"summary": "x" * (SUMMARY_MAX + 1)}, "summary", "the limit is 1,250", id="summary-too-long"),
    pytest.param({"text": ""}, "text", "The chapter has no text yet", id="empty-text"),
    pytest.param({"text": "  \n\n \t "}, "text", "The chapter has no text yet", id="blank-text"),
    pytest.param(
        {"text": "<p><script>alert(1)</script></p>"}, "text", "Nothing is left of this text", id="text-only-script"
    ),
    pytest.param({"creators": []}, "creators", "Choose at least one of your pseuds.", id="no-own-pseud"),
    pytest.param(
        {"multichapter": "on", "expected_chapters": "0"},
        "expected_chapters",
        "greater than or equal to 1",
        id="expected-zero",
    ),
    pytest.param(
        {"series_title": "Walks", "series_position": "-2"},
        "series_position",
        "greater than or equal to 1",
        id="series-position-negative",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), CASES)
def test_bad_input_is_shown_by_its_field_and_nothing_is_written(writer_client, user, overrides, field, message) -> None:
    before = row_counts()
    data = work_form_data(user, **{"title": "Kept Title", **overrides})
    response = writer_client.post(NEW, data)

    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    page = response.content.decode()
    assert "Nothing is saved yet" in page
    assert f'id="id_{field}_error"' in page or field in ("warnings", "creators")  # next to the field
    if "title" not in overrides:
        assert 'value="Kept Title"' in page  # what was typed is still there
    assert row_counts() == before


def test_a_tag_name_used_by_another_type_is_refused_and_leaves_no_new_tags(writer_client, user) -> None:
    make_work(creator=user, fandoms=("Steve Rogers",))
    before = row_counts()
    data = work_form_data(
        user, fandoms="A Brand New Fandom", characters="Steve Rogers, A Brand New Character", additional_tags="Fluff"
    )
    response = writer_client.post(NEW, data)

    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["characters"])
    assert "“Steve Rogers” is already a fandom tag, so it cannot be used as a character tag." in errors
    assert row_counts() == before
    assert not Tag.objects.filter(name__in=["A Brand New Fandom", "A Brand New Character", "Fluff"]).exists()
    assert 'value="Steve Rogers, A Brand New Character"' in response.content.decode()


def test_several_problems_are_reported_together(writer_client, user) -> None:
    data = work_form_data(user, title="", fandoms="", warnings=[], text="")
    response = writer_client.post(NEW, data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) >= {"title", "fandoms", "warnings", "text"}
    assert "4 problems" in response.content.decode()


def test_errors_are_tied_to_their_inputs_for_screen_readers(writer_client, user) -> None:
    response = writer_client.post(NEW, work_form_data(user, title=""))
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_title_error"' in page
    assert 'role="alert"' in page
