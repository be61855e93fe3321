from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from scriptorium.policies.models import PolicyVersion
from scriptorium.policies.services import policy_publish
from tests.factories import UserFactory


@pytest.fixture
def editor(db):
    """A staff member given the permission to publish policies (not a superuser)."""
    user = UserFactory(username="policyeditor", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="publish_policy"))
    return type(user).objects.get(pk=user.pk)  # permissions are cached per instance


def publish(editor, kind: str = "terms", body: str = "Be kind.", **kwargs: object) -> PolicyVersion:
    return policy_publish(actor=editor, kind=kind, body=body, **kwargs)
