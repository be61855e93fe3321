"""`scriptorium tags …` commands and the admin's read-only wrangling."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from scriptorium.tags.models import Tag
from scriptorium.tags.wrangling import can_wrangle
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_add_wrangler_gives_the_role() -> None:
    user = UserFactory(username="sorter")
    assert not can_wrangle(user)
    out = StringIO()
    call_command("tags", "add-wrangler", "sorter", stdout=out)
    user = type(user).objects.get(pk=user.pk)  # fresh: permissions are cached per instance
    assert can_wrangle(user) and "sorter is a tag wrangler" in out.getvalue()
    with pytest.raises(CommandError, match="No account"):
        call_command("tags", "add-wrangler", "nobody", stdout=StringIO())


def test_bench_autocomplete_runs_and_leaves_the_archive_unchanged() -> None:
    before = Tag.objects.count()
    out = StringIO()
    call_command("tags", "bench-autocomplete", "--tags", "400", "--rounds", "1", stdout=out)
    assert "Autocomplete at 400 tags: median" in out.getvalue()
    assert Tag.objects.count() == before


def test_the_admin_shows_wrangling_read_only_and_links_to_the_wrangling_page(admin_client) -> None:
    steve = Tag.objects.create(name="Steve Rogers", type="character", canonical=True)
    cap = Tag.objects.create(name="Cap", type="character", merger=steve)
    page = admin_client.get(reverse("admin:tags_tag_change", args=[cap.pk])).content.decode()
    assert 'name="merger"' not in page and 'name="canonical"' not in page
    assert 'href="/tags/Cap/wrangle"' in page

    admin_client.post(reverse("admin:tags_tag_change", args=[cap.pk]), {"name": "Captain"})
    cap.refresh_from_db()
    assert cap.name == "Captain" and cap.merger == steve and cap.type == "character"
    assert set(cap.words.values_list("word", flat=True)) == {"captain"}
