"""schemathesis (issue 17's "Done when"): requests generated from the OpenAPI schema, against the running API
over HTTP, get answers the schema allows (no server error, a documented status, a body of the documented shape,
JSON) for every endpoint: as a guest, and with a write token of a test account over the whole schema (its writes
included, which act on that account's own things)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from scriptorium.search.backends import get_search_backend
from scriptorium.tags.vocabulary import EXPLICIT
from tests.api.writing import token_client
from tests.factories import UserFactory, make_work

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.validators]


@pytest.fixture
def api_schema(live_server, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"},
    }
    writer = UserFactory(username="schema_sam")
    works = [
        make_work(creator=writer, title="Small Hours", fandoms=("Sea Stories",), chapters=["One.", "Two."]),
        make_work(creator=writer, title="Late Light", rating=EXPLICIT, restricted=True),
    ]
    get_search_backend().index_works([w.pk for w in works])
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")


def _walk(api_schema, *, max_examples: int, headers: dict[str, str] | None = None) -> int:
    # schemathesis's own pytest integration (from_fixture) does not run under pytest 9: the operations are
    # walked here, each with its Hypothesis strategy.
    operations = [result.ok() for result in api_schema.get_all_operations()]
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=max_examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case) -> None:
            # Every check but "a schema-valid request is accepted": the works list's filters name tags, a write
            # names a work or a comment, and whether one of that name or id exists (else 400 or 404) is the
            # archive's data, not the schema's.
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        check()
    return len(operations)


def test_every_endpoint_answers_a_guest_as_its_schema_says(api_schema) -> None:
    assert _walk(api_schema, max_examples=30) >= 25


def test_every_endpoint_answers_a_write_token_as_its_schema_says(api_schema, settings) -> None:
    """The whole schema, writes included, with a write token of an account that has bookmarks, comments,
    subscriptions, marks and a history to read and change (and may comment without the rate limit)."""
    settings.SCRIPTORIUM_RATE_LIMITS = {"comment_account": "", "new_account_comment": ""}
    reader = UserFactory(username="schema_rue")
    work = make_work(title="Open Window", chapters=["Once.", "Twice."])
    get_search_backend().index_works([work.pk])
    client = token_client(reader)
    chapter = client.get(f"/api/v1/works/{work.pk}/chapters/").json()[0]["id"]
    client.post("/api/v1/bookmarks/", {"work": work.pk, "notes": "Kept."}, format="json")
    client.post(f"/api/v1/works/{work.pk}/chapters/{chapter}/comments/", {"text": "Hello."}, format="json")
    client.post("/api/v1/subscriptions/", {"kind": "work", "target_id": work.pk}, format="json")
    client.post("/api/v1/marked-for-later/", {"work": work.pk}, format="json")
    authorization = client._credentials["HTTP_AUTHORIZATION"]
    assert _walk(api_schema, max_examples=12, headers={"Authorization": authorization}) >= 25
