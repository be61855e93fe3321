"""Which versions count: the newest of a kind is the current one; the newest of the terms that asks for
acceptance is the one every account must have accepted (or a later one)."""

from __future__ import annotations

from django.db import models


class PolicyVersionQuerySet(models.QuerySet):
    def of_kind(self, kind: str) -> PolicyVersionQuerySet:
        return self.filter(kind=kind).order_by("-number")

    def current(self, kind: str) -> object | None:
        return self.of_kind(kind).first()

    def required_terms(self) -> object | None:
        """The newest terms version that asks accounts to accept it, or None."""
        return self.of_kind("terms").filter(requires_acceptance=True).first()
