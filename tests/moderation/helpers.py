"""Helpers the moderation tests share."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from scriptorium.accounts.models import User
from scriptorium.moderation.inputs import ReportInput
from scriptorium.moderation.models import Case
from scriptorium.moderation.services import report_create
from scriptorium.search.backends import get_search_backend
from scriptorium.works.models import Work
from tests.factories import PASSWORD


def index(*works: Work) -> None:
    get_search_backend().index_works([w.pk for w in works])


def login(client, user: User):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def reported(target_work: Work, *, reporter: User | None = None, category: str = "spam") -> Case:
    """A report about ``target_work`` (by a guest unless ``reporter``), answering its case."""
    report = report_create(
        actor=reporter or AnonymousUser(),
        kind="work",
        target_id=target_work.pk,
        data=ReportInput(category=category, description="Looks wrong.", email="guest@example.org"),
        origin="test-origin",
    )
    return report.case
