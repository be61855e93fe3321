"""Domain events: delivered once the change commits, never for a rolled-back one, with the payload declared."""

from __future__ import annotations

import pytest
from django.db import transaction

from scriptorium.core.events import REGISTRY, DomainEvent

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def event():
    made = DomainEvent("test_thing_happened", "thing_id")
    yield made
    REGISTRY.pop("test_thing_happened", None)


def test_receivers_hear_of_a_change_only_after_it_commits(event) -> None:
    heard: list[int] = []
    event.listen(lambda *, thing_id: heard.append(thing_id))
    with transaction.atomic():
        event.announce(thing_id=7)
        assert heard == []  # not while the transaction may still roll back
    assert heard == [7]


def test_a_rolled_back_change_is_never_announced(event) -> None:
    heard: list[int] = []
    event.listen(lambda *, thing_id: heard.append(thing_id))
    with pytest.raises(RuntimeError), transaction.atomic():
        event.announce(thing_id=1)
        raise RuntimeError("the service failed after announcing")
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():  # a savepoint rolled back inside a commit
            event.announce(thing_id=2)
            raise RuntimeError
        event.announce(thing_id=3)
    assert heard == [3]


def test_the_payload_must_be_what_the_event_declares(event) -> None:
    with pytest.raises(TypeError, match="thing_id"):
        event.announce(thing=1)
    with pytest.raises(TypeError):
        event.announce(thing_id=1, extra=2)


def test_one_failing_receiver_does_not_stop_the_others(event, caplog) -> None:
    heard: list[int] = []

    def broken(*, thing_id: int) -> None:
        raise ValueError("broken receiver")

    event.listen(broken)
    event.listen(lambda *, thing_id: heard.append(thing_id))
    event.announce(thing_id=5)  # outside a transaction: at once
    assert heard == [5]
    assert "broken" in caplog.text


def test_listening_twice_keeps_one_receiver_and_names_are_unique(event) -> None:
    heard: list[int] = []

    def receiver(*, thing_id: int) -> None:
        heard.append(thing_id)

    event.listen(receiver)
    event.listen(receiver)
    event.announce(thing_id=1)
    assert heard == [1]
    with pytest.raises(ValueError, match="declared twice"):
        DomainEvent("test_thing_happened", "thing_id")


def test_every_declared_event_has_a_documented_payload() -> None:
    import django.apps

    assert django.apps.apps.ready
    declared = {name: event for name, event in REGISTRY.items() if not name.startswith("test_")}
    assert {"work_posted", "work_revised", "pseud_renamed", "comment_posted", "kudos_given"} <= set(declared)
    for event in declared.values():
        assert event.fields and event.doc, event.name
