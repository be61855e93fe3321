"""The admin pages for accounts, works, series and tags open for staff and are closed to everyone else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scriptorium.tags.models import Tag
from scriptorium.works.models import Series
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_lists_and_change_pages_open(admin_client, user) -> None:
    work = make_work(creator=user, series_title="Saga", characters=("Ann",))
    series = Series.objects.get()
    tag = Tag.objects.get(name="Ann")
    pages = [
        ("accounts", "user", user.pk),
        ("accounts", "pseud", user.default_pseud.pk),
        ("works", "work", work.pk),
        ("works", "series", series.pk),
        ("tags", "tag", tag.pk),
    ]
    for app, model, pk in pages:
        assert admin_client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200, model
        assert admin_client.get(reverse(f"admin:{app}_{model}_change", args=[pk])).status_code == 200, model
    assert admin_client.get(reverse("admin:accounts_pseud_changelist"), {"q": user.username}).status_code == 200
    assert admin_client.get(reverse("admin:works_work_changelist"), {"q": work.title}).status_code == 200


def test_work_text_is_read_only_in_the_admin(admin_client, work) -> None:
    page = admin_client.get(reverse("admin:works_work_change", args=[work.pk])).content.decode()
    assert 'name="title"' not in page  # edited on the site, through the services
    assert 'name="restricted"' in page
    assert admin_client.get(reverse("admin:works_work_add")).status_code == 403


def test_admin_refuses_a_tag_name_with_forbidden_characters(admin_client) -> None:
    response = admin_client.post(reverse("admin:tags_tag_add"), {"name": "Bad*Tag", "type": "character"})
    assert response.status_code == 200
    assert "contains characters tags cannot use" in response.content.decode()
    assert not Tag.objects.filter(name="Bad*Tag").exists()


def test_fixed_tags_cannot_be_renamed_in_the_admin(admin_client) -> None:
    warning = Tag.objects.get(name="No Archive Warnings Apply")
    page = admin_client.get(reverse("admin:tags_tag_change", args=[warning.pk])).content.decode()
    assert 'name="name"' not in page


def test_writers_cannot_open_the_admin(writer_client) -> None:
    response = writer_client.get(reverse("admin:works_work_changelist"))
    assert response.status_code == 302
