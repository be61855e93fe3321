"""The moderator role: given by the command, separate from the wranglers and from staff; admins count."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from scriptorium.accounts.models import User
from scriptorium.accounts.moderators import is_moderator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_add_moderator_command_gives_the_role(reader) -> None:
    assert not is_moderator(reader)
    call_command("moderation", "add-moderator", reader.username)
    assert is_moderator(User.objects.get(pk=reader.pk))


def test_add_moderator_for_an_unknown_account_fails_clearly(db) -> None:
    with pytest.raises(CommandError, match="No account named 'nobody'"):
        call_command("moderation", "add-moderator", "nobody")


def test_roles_are_separate(moderator, admin, wrangler) -> None:
    staff = UserFactory(is_staff=True)
    assert is_moderator(moderator) and is_moderator(admin)
    assert not is_moderator(wrangler) and not is_moderator(staff) and not is_moderator(AnonymousUser())
    assert not wrangler.has_perm("accounts.moderate_archive")
    assert not moderator.has_perm("tags.wrangle_tag")


@pytest.mark.parametrize("path", ["/moderation/", "/moderation/log"])
def test_moderation_pages_answer_404_to_everyone_else(client, reader, wrangler, moderator, admin, path) -> None:
    assert client.get(path).status_code == 404
    for user, status in ((reader, 404), (wrangler, 404), (moderator, 200), (admin, 200)):
        client.force_login(user)
        assert client.get(path).status_code == status, user.username


def test_admin_action_makes_moderators(client, admin, reader) -> None:
    client.force_login(admin)
    response = client.post(
        "/admin/accounts/user/", {"action": "make_moderators", "_selected_action": [reader.pk]}, follow=True
    )
    assert "1 account made moderators." in response.content.decode()
    assert is_moderator(User.objects.get(pk=reader.pk))
