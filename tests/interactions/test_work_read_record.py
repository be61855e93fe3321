"""Reading a work records the visit through one named service, ``services.work_read_record``, which the work
view calls itself; the page context (``interactions.pages.work_page_context``) only reads."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from scriptorium.interactions import services
from scriptorium.interactions.models import Reading
from scriptorium.interactions.pages import work_page_context
from scriptorium.interactions.services import hits
from scriptorium.works import selectors
from scriptorium.works.models import Creatorship
from scriptorium.works.views import reading as reading_views
from tests.factories import UserFactory, make_work
from tests.interactions.conftest import two_chapters

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def test_the_work_view_records_the_visit_through_the_service(client, chaptered, other_user, monkeypatch) -> None:
    calls = []
    real = reading_views.interactions.work_read_record

    def spy(**kwargs: object) -> None:
        calls.append(kwargs)
        real(**kwargs)

    monkeypatch.setattr(reading_views.interactions, "work_read_record", spy)
    client.force_login(other_user)
    second = chaptered.chapters.get(position=2)
    client.get(chaptered.get_absolute_url())
    client.get(second.get_absolute_url())

    assert [(c["actor"], c["work"].pk, c["keep_place"]) for c in calls] == [
        (other_user, chaptered.pk, True),  # the front page keeps the place already recorded
        (other_user, chaptered.pk, False),  # a chapter's own page moves it
    ]
    assert Reading.objects.get(user=other_user, work=chaptered).chapter == second
    assert hits.hits_pending() == 3  # the work's once (same day), and each chapter shown alone (the front page's first)


def test_the_service_counts_a_hit_and_a_reading(chaptered, other_user) -> None:
    first = chaptered.chapters.get(position=1)
    services.work_read_record(actor=other_user, work=chaptered, shown=[first])

    reading = Reading.objects.get(user=other_user, work=chaptered)
    assert reading.chapter == first and reading.views == 1
    assert hits.hits_flush() == 1


def test_a_guest_counts_a_hit_and_no_reading(chaptered) -> None:
    first = chaptered.chapters.get(position=1)
    services.work_read_record(actor=AnonymousUser(), work=chaptered, shown=[first], guest_key="k1")
    services.work_read_record(actor=AnonymousUser(), work=chaptered, shown=[first], guest_key="k1")  # same day

    assert not Reading.objects.exists()
    assert hits.hits_flush() == 1


def test_creators_co_creators_and_drafts_count_nothing(chaptered, user) -> None:
    co_creator = UserFactory()
    Creatorship.objects.create(work=chaptered, pseud=co_creator.default_pseud, position=1)
    draft = make_work(creator=co_creator, post=False)
    first = chaptered.chapters.get(position=1)

    for actor in (user, co_creator):
        services.work_read_record(actor=actor, work=chaptered, shown=[first])
    services.work_read_record(actor=UserFactory(), work=draft, shown=list(draft.chapters.all()))

    assert not Reading.objects.exists()
    assert hits.hits_pending() == 0


@pytest.mark.parametrize("guest", [False, True], ids=["account", "guest"])
def test_the_page_context_alone_writes_nothing(user, other_user, guest) -> None:
    work = two_chapters(user)
    shown = [work.chapters.get(position=1)]
    request = RequestFactory().get(work.get_absolute_url())
    request.user = AnonymousUser() if guest else other_user
    prepared = selectors.work_for_reading(request.user, work.pk)

    with CaptureQueriesContext(connection) as context:
        found = work_page_context(request, prepared, shown=shown, creator=False)

    assert not [q["sql"] for q in context.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert not Reading.objects.exists()
    assert hits.hits_pending() == 0
    assert found["reading_tracked"] is not guest  # it still says the page will be tracked
