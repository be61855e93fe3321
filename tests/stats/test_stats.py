"""Writer statistics: who may see them, what they count, the chart, the CSV and the query counts."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scriptorium.interactions.inputs import BookmarkInput, CommentInput
from scriptorium.interactions.services import bookmark_create, comment_create, hits, kudos_give
from scriptorium.notifications.services import subscription_create
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quiet(settings) -> None:
    from django.core.cache import cache

    settings.SCRIPTORIUM_RATE_LIMITS = {"comment_account": "", "comment_guest": ""}
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": "scriptorium.interactions.spam.SpamCheck"}
    cache.clear()


def _busy_work(writer, title: str = "Harbour Lights"):
    """A two-chapter work with hits over two days, kudos on the work and on chapter 2, comments, bookmarks
    (one private) and a subscription."""
    work = make_work(creator=writer, title=title, chapters=["One.", "Two."])
    readers = [UserFactory() for _ in range(3)]
    today = timezone.localdate()
    for n, reader in enumerate(readers):
        hits.hits_record(work_id=work.pk, reader=f"u{reader.pk}", day=today)
        hits.hits_record(work_id=work.pk, reader=f"u{reader.pk}", day=today - datetime.timedelta(days=2))
        kudos_give(actor=reader, work=work)
        if n == 0:
            kudos_give(actor=reader, work=work, chapter=work.chapters.get(position=2))
        comment_create(actor=reader, chapter=work.chapters.get(position=2), data=CommentInput(f"Comment {n}"))
        bookmark_create(actor=reader, work=work, data=BookmarkInput(private=n == 2))  # a private one is not counted
    kudos_give(actor=AnonymousUser(), work=work, guest_key="a" * 64)
    subscription_create(actor=readers[0], kind="work", target_id=work.pk)
    hits.hits_flush()
    work.refresh_from_db()
    return work


def test_only_creators_and_staff_see_a_works_statistics(client) -> None:
    writer = UserFactory()
    work = make_work(creator=writer)
    url = reverse("stats:work", args=[work.pk])
    csv_url = reverse("stats:work_csv", args=[work.pk])
    assert client.get(url).status_code == 302  # a guest logs in first
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(csv_url).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 200
    client.force_login(writer)
    assert client.get(url).status_code == 200


def test_staff_do_not_see_the_statistics_of_someone_elses_draft(client) -> None:
    """Staff may not open another writer's draft: its statistics page (with its title) answers 404 like it."""
    writer = UserFactory()
    draft = make_work(creator=writer, title="Not Ready Yet", post=False)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for name in ("stats:work", "stats:work_csv"):
        response = client.get(reverse(name, args=[draft.pk]))
        assert response.status_code == 404, name
        assert "Not Ready Yet" not in response.content.decode()
    client.force_login(writer)
    assert client.get(reverse("stats:work", args=[draft.pk])).status_code == 200


def test_the_work_page_shows_totals_chapters_and_an_accessible_chart(client) -> None:
    writer = UserFactory()
    work = _busy_work(writer)
    client.force_login(writer)
    response = client.get(reverse("stats:work", args=[work.pk]))
    html = response.content.decode()
    assert "<dt>Hits</dt><dd>6</dd>" in html
    assert "<dt>Kudos</dt><dd>4</dd>" in html
    assert "<dt>Comments</dt><dd>3</dd>" in html
    assert "<dt>Bookmarks</dt><dd>2</dd>" in html
    assert "<dt>Subscriptions</dt><dd>1</dd>" in html
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in html
    assert "6 in all; the most in one day was 3" in html
    assert html.count('<rect class="stats-chart__bar"') == 2  # two days with hits
    rows = {c.position: (c.kudos_total, c.comments_total) for c in response.context["chapters"]}
    assert rows == {1: (0, 0), 2: (1, 3)}
    kudos_chart = client.get(reverse("stats:work", args=[work.pk]), {"metric": "kudos", "days": "90"})
    assert "Kudos per day, last 90 days" in kudos_chart.content.decode()
    assert "4 in all" in kudos_chart.content.decode()


def test_the_csv_has_a_row_per_day_with_every_measure(client) -> None:
    writer = UserFactory()
    work = _busy_work(writer)
    client.force_login(writer)
    response = client.get(reverse("stats:work_csv", args=[work.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["date", "hits", "kudos", "comments", "bookmarks", "subscriptions"]
    assert len(rows) == 31
    today = timezone.localdate()
    by_day = {r[0]: r[1:] for r in rows[1:]}
    assert by_day[today.isoformat()] == ["3", "4", "3", "2", "1"]
    assert by_day[(today - datetime.timedelta(days=2)).isoformat()] == ["3", "0", "0", "0", "0"]


def test_the_csv_of_a_work_with_no_data_is_all_zeros(client) -> None:
    writer = UserFactory()
    work = make_work(creator=writer)
    client.force_login(writer)
    rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("stats:work_csv", args=[work.pk]), {"days": "bogus"}).content.decode())
        )
    )
    assert len(rows) == 31  # an unknown range falls back to 30 days
    assert all(r[1:] == ["0", "0", "0", "0", "0"] for r in rows[1:])
    page = client.get(reverse("stats:work", args=[work.pk])).content.decode()
    assert "None in this period." in page and "No hits in the last 30 days." in page


def test_the_statistics_page_lists_my_posted_works_sorted(client) -> None:
    writer = UserFactory()
    busy = _busy_work(writer, "Busy")
    make_work(creator=writer, title="Quiet")
    make_work(creator=writer, title="Draft", post=False)
    make_work(title="Someone else's")
    client.force_login(writer)
    response = client.get(reverse("stats:index"))
    assert [w.title for w in response.context["works"]] == ["Busy", "Quiet"]
    assert response.context["totals"]["hits"] == busy.hits_count == 6
    by_title = client.get(reverse("stats:index"), {"sort": "title", "order": "asc"})
    assert [w.title for w in by_title.context["works"]] == ["Busy", "Quiet"]
    by_title_desc = client.get(reverse("stats:index"), {"sort": "title", "order": "desc"})
    assert [w.title for w in by_title_desc.context["works"]] == ["Quiet", "Busy"]
    assert 'aria-sort="descending"' in by_title_desc.content.decode()
    by_hits_asc = client.get(reverse("stats:index"), {"sort": "hits", "order": "asc"})
    assert [w.title for w in by_hits_asc.context["works"]] == ["Quiet", "Busy"]


def test_the_statistics_page_costs_the_same_queries_for_2_and_20_works(client) -> None:
    def queries(user) -> int:
        client.force_login(user)
        client.get(reverse("stats:index"))  # whatever other apps do once after writes (search indexing) is done
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("stats:index"))
        assert response.status_code == 200
        return len(context.captured_queries)

    few, many = UserFactory(), UserFactory()
    for n in range(2):
        _busy_work(few, f"Few {n}")
    for n in range(20):
        make_work(creator=many, title=f"Many {n}")
    assert queries(few) == queries(many)
