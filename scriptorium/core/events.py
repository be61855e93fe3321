"""Domain events: how an app tells the others what happened, once it has happened.

An app declares its events in its own ``events.py`` and announces them from its services::

    work_revised = DomainEvent("work_revised", "work_id", "revision")
    ...
    events.work_revised.announce(work_id=work.pk, revision=work.revision)

``announce`` delivers the event when the current transaction commits (at once outside one), so a listener never
hears of a change that was rolled back, and always finds the rows committed. Apps that care listen in their
``receivers.py`` (connected from their ``AppConfig.ready``)::

    @work_revised.listen
    def _build_downloads(*, work_id: int, revision: int) -> None:
        downloads_build_task.enqueue(work_id, revision)

A receiver only enqueues a task (or touches a buffer): the task calls a service, which does the work. Receivers
take the payload as keyword arguments; the payload holds ids and plain values, never model instances, so what a
task is given is what the event said. Every event is listed in :data:`REGISTRY` (docs/architecture.md has the
table of who announces and who listens).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from django.db import transaction

logger = logging.getLogger(__name__)

Receiver = Callable[..., object]

#: Every declared event by name.
REGISTRY: dict[str, DomainEvent] = {}


class DomainEvent:
    """Something that happened in one app, announced after commit to the receivers of the others."""

    def __init__(self, name: str, *fields: str, doc: str = "") -> None:
        if name in REGISTRY:
            raise ValueError(f"The event {name!r} is declared twice.")
        self.name = name
        self.fields = frozenset(fields)
        self.doc = doc
        self._receivers: dict[str, Receiver] = {}
        REGISTRY[name] = self

    def __repr__(self) -> str:
        return f"<DomainEvent {self.name}>"

    def listen(self, receiver: Receiver) -> Receiver:
        """Connect ``receiver`` (usable as a decorator); connecting the same function twice keeps one."""
        self._receivers[f"{receiver.__module__}.{receiver.__qualname__}"] = receiver
        return receiver

    def disconnect(self, receiver: Receiver) -> None:
        self._receivers.pop(f"{receiver.__module__}.{receiver.__qualname__}", None)

    @property
    def receivers(self) -> list[Receiver]:
        return list(self._receivers.values())

    def announce(self, *, using: str | None = None, **payload: object) -> None:
        """Deliver the event to every receiver once the current transaction on ``using`` commits."""
        if set(payload) != self.fields:
            raise TypeError(f"{self.name} carries {sorted(self.fields)}, not {sorted(payload)}.")
        transaction.on_commit(partial(self.deliver, **payload), using=using)

    def deliver(self, **payload: object) -> None:
        """Call every receiver now. One failing receiver is logged and does not stop the others (the change
        has committed; a lost notification must not become a lost download build)."""
        for receiver in self.receivers:
            try:
                receiver(**payload)
            except Exception:
                logger.exception("Receiver %s of %s failed", receiver.__qualname__, self.name)
