"""The write path for accounts and pseuds."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from scriptorium.accounts import services
from scriptorium.accounts.models import Pseud, User
from scriptorium.works.services import pseud_delete
from tests.factories import make_work

pytestmark = pytest.mark.django_db


def test_user_create_makes_a_default_pseud() -> None:
    user = services.user_create(username="Ann", email="ann@example.org", password="a long passphrase")
    assert [(p.name, p.is_default) for p in user.pseuds.all()] == [("Ann", True)]
    assert user.default_pseud.name == "Ann"
    assert user.check_password("a long passphrase")


def test_user_create_without_password_cannot_log_in() -> None:
    user = services.user_create(username="robot", email="", password=None, is_system=True)
    assert not user.has_usable_password()
    assert user.is_system


@pytest.mark.parametrize("username", ["ann", "ANN"])
def test_a_taken_username_is_a_validation_error(username: str) -> None:
    services.user_create(username="Ann", email="", password=None)
    with pytest.raises(ValidationError) as caught:
        services.user_create(username=username, email="", password=None)
    assert caught.value.message_dict == {"username": [f"The username “{username}” is taken."]}
    assert User.objects.count() == 1


def test_a_username_taken_as_someone_elses_pseud_is_refused_on_the_username_field() -> None:
    owner = services.user_create(username="owner", email="", password=None)
    services.pseud_create(actor=owner, name="Wren")
    with pytest.raises(ValidationError) as caught:
        services.user_create(username="wren", email="", password=None)
    assert "username" in caught.value.message_dict
    assert not User.objects.filter(username="wren").exists()


def test_pseud_names_are_tidied_and_unique_ignoring_case(user, other_user) -> None:
    pseud = services.pseud_create(actor=user, name="  Night \t Owl  ", description="  hi  ")
    assert (pseud.name, pseud.description) == ("Night Owl", "hi")
    with pytest.raises(ValidationError):
        services.pseud_create(actor=other_user, name="night owl")
    for bad in ("", "a/b", "a,b", "<b>", "x" * 61):
        with pytest.raises(ValidationError):
            services.pseud_create(actor=user, name=bad)


def test_pseud_update_keeps_its_own_name_free(user) -> None:
    pseud = services.pseud_create(actor=user, name="Wren")
    services.pseud_update(actor=user, pseud=pseud, name="WREN", description="bio")
    pseud.refresh_from_db()
    assert (pseud.name, pseud.description) == ("WREN", "bio")


def test_only_the_owner_may_change_a_pseud(user, other_user) -> None:
    pseud = services.pseud_create(actor=user, name="Mine")
    for attempt in (
        lambda: services.pseud_update(actor=other_user, pseud=pseud, name="Theirs"),
        lambda: services.pseud_make_default(actor=other_user, pseud=pseud),
        lambda: pseud_delete(actor=other_user, pseud=pseud),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    pseud.refresh_from_db()
    assert (pseud.name, pseud.is_default) == ("Mine", False)


def test_make_default_leaves_exactly_one_default(user) -> None:
    second = services.pseud_create(actor=user, name="Second")
    services.pseud_make_default(actor=user, pseud=second)
    assert list(user.pseuds.filter(is_default=True)) == [second]
    assert user.default_pseud == second


def test_pseud_delete_moves_works_and_never_doubles_a_credit(user) -> None:
    default = user.default_pseud
    pen = services.pseud_create(actor=user, name="Pen")
    solo = make_work(creator=pen, title="Solo")
    both = make_work(creator=pen, title="Both")
    from scriptorium.works.models import Creatorship

    Creatorship.objects.create(work=both, pseud=default, position=1)
    pseud_delete(actor=user, pseud=pen)
    assert not Pseud.objects.filter(pk=pen.pk).exists()
    assert list(solo.creators.all()) == [default]
    assert list(both.creators.all()) == [default]


def test_the_default_pseud_cannot_be_deleted(user) -> None:
    with pytest.raises(ValidationError):
        pseud_delete(actor=user, pseud=user.default_pseud)


def test_set_view_adult(user) -> None:
    services.user_set_view_adult(user=user, value=True)
    user.refresh_from_db()
    assert user.view_adult is True


def test_import_account_is_made_once(settings) -> None:
    settings.SCRIPTORIUM_IMPORT_ACCOUNT = "archive-import"
    first = services.import_account()
    assert services.import_account() == first
    assert first.is_system and not first.has_usable_password()


def test_nobody_can_take_the_orphan_accounts_name_but_the_archive(client) -> None:
    with pytest.raises(ValidationError):
        services.user_create(username="Orphan_Account", email="", password=None)
    response = client.post(
        "/signup",
        {
            "username": "orphan_account",
            "email": "pose@example.org",
            "password1": "a long passphrase",
            "password2": "a long passphrase",
            "accept_terms": "on",
        },
    )
    assert not User.objects.filter(username__iexact="orphan_account").exists()
    assert "is taken" in response.content.decode()
    person = services.user_create(username="person", email="", password="a long passphrase")
    with pytest.raises(ValidationError):
        services.pseud_create(actor=person, name="orphan_account")
    with pytest.raises(ValidationError):
        services.user_rename(user=person, username="orphan_account", password="a long passphrase")
    assert person.pseuds.count() == 1
    archive = services.user_create(username="orphan_account", email="", password=None, is_system=True)
    assert archive.default_pseud.name == "orphan_account"


@pytest.mark.parametrize("username", ["login", "Logout"])
def test_names_of_pages_under_users_cannot_be_taken(username: str) -> None:
    with pytest.raises(ValidationError):
        services.user_create(username=username, email="", password=None)
    assert not User.objects.filter(username__iexact=username).exists()
