"""The demo archive (what `make run` shows) comes with starter policies, once, and its admin is not stopped by
the terms it published."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains

from scriptorium.accounts.models import User
from scriptorium.demo.services import ADMIN_USERNAME, demo_load
from scriptorium.policies.models import PolicyVersion

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_four_policies_and_loading_again_adds_none(client, settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path
    demo_load()
    for path, words in [
        ("/terms", "By making an account"),
        ("/privacy", "we never sell it"),
        ("/content-policy", "Fan works of every kind are welcome"),
        ("/faq", "What is a pseud?"),
    ]:
        assertContains(client.get(path), words)
    demo_load()
    assert PolicyVersion.objects.count() == 4
    assert PolicyVersion.objects.get(kind="terms").requires_acceptance
    client.force_login(User.objects.get(username=ADMIN_USERNAME))
    assert client.get("/works/").status_code == 200  # accepted already: no detour to the accept page
