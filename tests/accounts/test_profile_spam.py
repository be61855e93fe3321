"""A pseud's description (what the profile shows) is judged by the spam check when it is saved: judged spam, it
is refused with a clear message, nothing is saved and the form keeps the text to reword."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from pytest_django.asserts import assertContains

from scriptorium.accounts.models import Pseud
from scriptorium.accounts.services import pseud_create, pseud_update
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LINK_FARM = "Buy followers " + " ".join(f"https://followers{n}.example.com" for n in range(6))


def test_a_spam_description_is_refused_on_the_new_pseud_page(client, user) -> None:
    client.force_login(user)

    response = client.post("/account/pseuds/new", {"name": "Follower Shop", "description": LINK_FARM})

    assertContains(
        response, "This description looks like spam (more than 3 links), so it was not saved.", status_code=400
    )
    assertContains(response, "followers5.example.com", status_code=400)
    assert not Pseud.objects.filter(name="Follower Shop").exists()


def test_editing_a_description_into_spam_keeps_the_old_one(user) -> None:
    pseud = pseud_create(actor=user, name="Quiet Pen", description="I write about kettles.")

    with pytest.raises(ValidationError, match="looks like spam"):
        pseud_update(actor=user, pseud=pseud, name="Loud Pen", description=LINK_FARM)

    pseud.refresh_from_db()
    assert (pseud.name, pseud.description) == ("Quiet Pen", "I write about kettles.")
    pseud_update(actor=user, pseud=pseud, name="Quiet Pen", description="Art by https://friend.example.org")
    pseud.refresh_from_db()
    assert pseud.description.startswith("Art by")


def test_staff_descriptions_are_not_judged() -> None:
    staff = UserFactory(is_staff=True)
    assert pseud_create(actor=staff, name="Archive Team", description=LINK_FARM).description == LINK_FARM
