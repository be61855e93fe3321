"""Managing your pseuds on the web."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scriptorium.accounts.models import Pseud
from scriptorium.accounts.services import pseud_create
from tests.factories import make_work

pytestmark = pytest.mark.django_db
PSEUDS = reverse("accounts:pseuds")


def _url(name: str, pseud: Pseud) -> str:
    return reverse(f"accounts:{name}", kwargs={"pseud_id": pseud.pk})


def test_list_shows_only_your_pseuds(writer_client, user, other_user) -> None:
    pseud_create(actor=user, name="Second Pen")
    response = writer_client.get(PSEUDS)
    names = [p.name for p in response.context["pseuds"]]
    assert names == [user.username, "Second Pen"]  # the default first
    assert other_user.default_pseud.name not in response.content.decode()


def test_create_a_pseud(writer_client, user) -> None:
    data = {"name": "  Night   Owl ", "description": "Writes late."}
    response = writer_client.post(reverse("accounts:pseud_new"), data)
    assert response.status_code == 302
    pseud = Pseud.objects.get(name="Night Owl")
    assert (pseud.user, pseud.description, pseud.is_default) == (user, "Writes late.", False)


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "This field is required."), ("Slash/Name", "Pseuds cannot contain"), ("TAKEN ONE", "is taken")],
)
def test_create_errors(writer_client, other_user, name, message) -> None:
    pseud_create(actor=other_user, name="Taken One")
    count = Pseud.objects.count()
    response = writer_client.post(reverse("accounts:pseud_new"), {"name": name})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["name"])
    assert Pseud.objects.count() == count


def test_rename_and_describe(writer_client, user) -> None:
    pseud = pseud_create(actor=user, name="Old Name")
    assert writer_client.get(_url("pseud_edit", pseud)).context["form"].initial["name"] == "Old Name"
    writer_client.post(_url("pseud_edit", pseud), {"name": "New Name", "description": "Now with a bio."})
    pseud.refresh_from_db()
    assert (pseud.name, pseud.description) == ("New Name", "Now with a bio.")


def test_make_default(writer_client, user) -> None:
    first = user.default_pseud
    second = pseud_create(actor=user, name="Second Pen")
    response = writer_client.post(PSEUDS, {"make_default": str(second.pk)})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_default, second.is_default) == (False, True)


def test_delete_moves_works_to_the_default(writer_client, user) -> None:
    pen = pseud_create(actor=user, name="Pen")
    work = make_work(creator=pen)
    page = writer_client.get(_url("pseud_delete", pen)).content.decode()
    assert "Are you sure you want to delete “Pen”? This cannot be undone." in page
    assert "Its 1 work will be credited to your default pseud instead." in page
    assert Pseud.objects.filter(pk=pen.pk).exists()

    response = writer_client.post(_url("pseud_delete", pen))
    assert response.status_code == 302
    assert not Pseud.objects.filter(pk=pen.pk).exists()
    assert list(work.creators.all()) == [user.default_pseud]


def test_the_default_pseud_cannot_be_deleted(writer_client, user) -> None:
    default = user.default_pseud
    page = writer_client.get(_url("pseud_delete", default)).content.decode()
    assert "is your default pseud, so it cannot be deleted" in page
    assert "Yes, delete the pseud" not in page
    response = writer_client.post(_url("pseud_delete", default))
    assert response.status_code == 400
    assert "The default pseud cannot be deleted" in response.content.decode()
    assert Pseud.objects.filter(pk=default.pk).exists()


def test_other_peoples_pseuds_are_not_found(writer_client, other_user) -> None:
    theirs = pseud_create(actor=other_user, name="Theirs")
    for url in (_url("pseud_edit", theirs), _url("pseud_delete", theirs)):
        assert writer_client.get(url).status_code == 404
        assert writer_client.post(url, {"name": "Stolen"}).status_code == 404
    assert writer_client.post(PSEUDS, {"make_default": str(theirs.pk)}).status_code == 404
    theirs.refresh_from_db()
    assert (theirs.name, theirs.is_default) == ("Theirs", False)
    assert Pseud.objects.filter(pk=theirs.pk).exists()


def test_guests_are_sent_to_login(client, user) -> None:
    pseud = user.default_pseud
    for url in (PSEUDS, reverse("accounts:pseud_new"), _url("pseud_edit", pseud), _url("pseud_delete", pseud)):
        assert client.get(url)["Location"].startswith(reverse("accounts:login"))
