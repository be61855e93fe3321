"""Chips on the edit and posting forms: shown with their evidence, applied only when the writer accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from scriptorium.suggest.models import SuggestionFeedback
from scriptorium.works.models import Work
from tests.factories import make_work
from tests.works.forms_data import work_form_data

pytestmark = pytest.mark.django_db
TEXTS = Path(__file__).resolve().parents[2] / "scriptorium" / "suggest" / "evaluation" / "texts"


@pytest.fixture
def mcu_work(user):
    text = (TEXTS / "01-safehouse.txt").read_text(encoding="utf-8").split("Chapter 1", 1)[1]
    return make_work(
        creator=user, chapters=[text], summary="Post Avengers. Romangers.", fandoms=("Marvel Cinematic Universe",)
    )


def tag_names(work: Work, tag_type: str) -> list[str]:
    return [t.tag.name for t in work.taggings.select_related("tag") if t.tag.type == tag_type]


def decide(client, work: Work, field: str, name: str, decision: str, **extra):
    url = reverse("suggest:decide", kwargs={"work_id": work.pk})
    return client.post(url, {"field": field, "name": name, "decision": decision}, **extra)


def test_the_edit_form_shows_chips_with_their_evidence(writer_client, mcu_work) -> None:
    page = writer_client.get(reverse("works:edit", kwargs={"work_id": mcu_work.pk})).content.decode()
    assert 'id="suggestions"' in page
    assert 'data-name="Natasha Romanov (Marvel)"' in page
    assert 'data-name="Natasha Romanov/Steve Rogers"' in page
    assert '<details class="chip__why">' in page
    assert "ship name" in page and "Romangers" in page
    assert 'data-name="Marvel Cinematic Universe"' not in page  # the work has it already


def test_accepting_applies_the_tag_and_rejecting_only_remembers(writer_client, mcu_work, user) -> None:
    response = decide(writer_client, mcu_work, "characters", "Steve Rogers", "accept")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/works/{mcu_work.pk}/edit#suggestions")
    mcu_work.refresh_from_db()
    assert "Steve Rogers" in tag_names(mcu_work, "character")
    decide(writer_client, mcu_work, "relationships", "Natasha Romanov/Steve Rogers", "reject")
    mcu_work.refresh_from_db()
    assert tag_names(mcu_work, "relationship") == []
    decisions = dict(SuggestionFeedback.objects.filter(work=mcu_work).values_list("name", "decision"))
    assert decisions == {"Steve Rogers": "accepted", "Natasha Romanov/Steve Rogers": "rejected"}
    assert SuggestionFeedback.objects.get(name="Steve Rogers").surfaces  # the words it was found by
    page = writer_client.get(reverse("works:edit", kwargs={"work_id": mcu_work.pk})).content.decode()
    assert 'data-name="Steve Rogers"' not in page
    assert 'data-name="Natasha Romanov/Steve Rogers"' not in page
    assert 'data-name="Natasha Romanov (Marvel)"' in page


def test_accepting_a_rating_and_a_warning_replaces_the_defaults(writer_client, mcu_work) -> None:
    decide(writer_client, mcu_work, "rating", "Teen And Up Audiences", "accept")
    decide(writer_client, mcu_work, "warnings", "Graphic Depictions Of Violence", "accept")
    mcu_work.refresh_from_db()
    assert mcu_work.rating == "Teen And Up Audiences"
    assert tag_names(mcu_work, "warning") == ["Graphic Depictions Of Violence"]


def test_the_script_gets_json(writer_client, mcu_work) -> None:
    response = decide(
        writer_client, mcu_work, "fandoms", "Marvel Cinematic Universe", "accept", HTTP_ACCEPT="application/json"
    )
    assert response.json()["ok"] is True
    bad = decide(writer_client, mcu_work, "rating", "Very Spicy", "accept", HTTP_ACCEPT="application/json")
    assert bad.status_code == 400
    assert "not a valid choice" in bad.json()["error"]


def test_a_bad_choice_changes_nothing(writer_client, mcu_work) -> None:
    before = (mcu_work.rating, sorted(tag_names(mcu_work, "warning")))
    response = decide(writer_client, mcu_work, "rating", "Very Spicy", "accept", follow=True)
    assert "not a valid choice" in response.content.decode()
    response = decide(writer_client, mcu_work, "title", "Anything", "accept", follow=True)
    assert "not a field suggestions are made for" in response.content.decode()
    mcu_work.refresh_from_db()
    assert (mcu_work.rating, sorted(tag_names(mcu_work, "warning"))) == before
    assert not SuggestionFeedback.objects.exists()


def test_only_the_creators_decide(client, other_user, mcu_work) -> None:
    assert decide(client, mcu_work, "characters", "Steve Rogers", "accept").status_code == 302  # to login
    client.force_login(other_user)
    assert decide(client, mcu_work, "characters", "Steve Rogers", "accept").status_code == 404
    assert not SuggestionFeedback.objects.exists()


def test_the_posting_form_suggests_without_saving_and_accepting_fills_the_field(writer_client, user) -> None:
    text = (TEXTS / "15-nest.txt").read_text(encoding="utf-8")
    data = work_form_data(user, text=text, fandoms="", action="suggest")
    response = writer_client.post(reverse("works:new"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert Work.objects.count() == 0
    assert 'data-name="Supernatural (TV 2005)"' in page
    assert 'value="accept|fandoms|Supernatural (TV 2005)"' in page
    data = work_form_data(user, text=text, fandoms="", suggestion="accept|fandoms|Supernatural (TV 2005)")
    data.pop("action")
    page = writer_client.post(reverse("works:new"), data).content.decode()
    assert Work.objects.count() == 0
    assert 'name="fandoms" value="Supernatural (TV 2005)"' in page
    assert 'data-name="Supernatural (TV 2005)"' not in page
    data = work_form_data(user, text=text, characters="", suggestion="reject|characters|Dean Winchester")
    data.pop("action")
    page = writer_client.post(reverse("works:new"), data).content.decode()
    assert 'data-name="Dean Winchester"' not in page
    assert 'name="rejected" value="characters|Dean Winchester"' in page
    assert SuggestionFeedback.objects.filter(name="Dean Winchester", decision="rejected", work=None).exists()


def test_a_suggestion_round_shows_the_form_as_typed_without_its_errors(writer_client, user) -> None:
    posted = writer_client.post(reverse("works:new"), work_form_data(user, title="", fandoms=""))
    assert posted.status_code == 400 and "Nothing is saved yet." in posted.content.decode()  # a real post
    response = writer_client.post(reverse("works:new"), work_form_data(user, title="", fandoms="", action="suggest"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing is saved yet." not in page and 'aria-invalid="true"' not in page
    assert 'name="summary"' in page and "Two friends walk home." in page
    data = work_form_data(user, title="", suggestion="accept|rating|Very Spicy")
    data.pop("action")
    page = writer_client.post(reverse("works:new"), data, follow=True).content.decode()
    assert "not a valid choice" in page and "Nothing is saved yet." not in page
    assert not SuggestionFeedback.objects.exists() and Work.objects.count() == 0
