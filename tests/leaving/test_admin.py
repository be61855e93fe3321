"""The audit lines in the Django admin: listed, found by the id an account had, never added or changed there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scriptorium.leaving.models import AccountDeletion
from scriptorium.leaving.reference import account_reference
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:leaving_accountdeletion_changelist")


def test_admins_read_the_lines_and_find_one_by_the_accounts_id(client) -> None:
    AccountDeletion.objects.create(reference=account_reference(41), works_orphaned=2)
    AccountDeletion.objects.create(reference=account_reference(42), works_deleted=1)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(CHANGELIST).content.decode()
    assert account_reference(41) in page and account_reference(42) in page
    found = client.get(CHANGELIST, {"q": "42"}).content.decode()
    assert account_reference(42) in found and account_reference(41) not in found
    assert client.get(reverse("admin:leaving_accountdeletion_add")).status_code == 403


def test_the_reference_is_keyed_and_stable(settings) -> None:
    first = account_reference(7)
    assert first == account_reference(7) != account_reference(8)
    settings.SECRET_KEY = "another key entirely, for another archive"
    assert account_reference(7) != first
