"""The spam check every comment passes: pluggable, with plain heuristics by default.

``settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": "<dotted path>", "OPTIONS": {...}}`` names a ``SpamCheck``
subclass (an Akismet client, a model, …); it is built with the options as keyword arguments. A check answers
HAM (post it), SUSPECT (hold it for the work's creators to approve) or SPAM (refuse it, saving nothing).
"""

from __future__ import annotations

import datetime
import re
import zlib
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.utils import timezone

from scriptorium.core.backends import load_backend

DEFAULT_BACKEND = "scriptorium.interactions.spam.HeuristicSpamCheck"
_LINK = re.compile(r"https?://|www\.|<a\s", re.IGNORECASE)


class Verdict(StrEnum):
    HAM = "ham"
    SUSPECT = "suspect"
    SPAM = "spam"


@dataclass(frozen=True)
class SpamCandidate:
    """What a check may look at: the comment as typed and as it will be stored, and who sends it."""

    text: str
    html: str
    work_id: int
    user_id: int | None = None
    account_created: datetime.datetime | None = None
    guest_email: str = ""
    exclude_comment_id: int | None = None  # when editing: the comment itself is not a duplicate

    @property
    def is_guest(self) -> bool:
        return self.user_id is None


@dataclass(frozen=True)
class SpamResult:
    verdict: Verdict
    reasons: tuple[str, ...] = field(default_factory=tuple)


class SpamCheck:
    """The interface: subclasses override ``check``. This base passes everything."""

    def __init__(self, **options: object) -> None:
        self.options = options

    def check(self, candidate: SpamCandidate) -> SpamResult:
        return SpamResult(Verdict.HAM)


class HeuristicSpamCheck(SpamCheck):
    """Link count, repeated text, and new accounts (options: ``max_links``, ``new_account_hours``,
    ``repeat_window_hours``, ``min_compress_ratio``)."""

    def __init__(
        self,
        *,
        max_links: int = 3,
        new_account_hours: int = 24,
        repeat_window_hours: int = 24,
        min_compress_ratio: float = 0.2,
        **options: object,
    ) -> None:
        super().__init__(**options)
        self.max_links = max_links
        self.new_account_hours = new_account_hours
        self.repeat_window_hours = repeat_window_hours
        self.min_compress_ratio = min_compress_ratio

    def check(self, candidate: SpamCandidate) -> SpamResult:
        spam: list[str] = []
        suspect: list[str] = []
        links = len(_LINK.findall(candidate.text))
        if links > self.max_links:
            spam.append(f"more than {self.max_links} links")
        if self._repetitive(candidate.text):
            spam.append("the same words over and over")
        if self._posted_before(candidate):
            spam.append("the same comment again")
        if links and (candidate.is_guest or self._new_account(candidate)):
            suspect.append("a link from a guest or a new account")
        elif links > 1:
            suspect.append("several links")
        if spam:
            return SpamResult(Verdict.SPAM, tuple(spam))
        if suspect:
            return SpamResult(Verdict.SUSPECT, tuple(suspect))
        return SpamResult(Verdict.HAM)

    def _repetitive(self, text: str) -> bool:
        data = " ".join(text.split()).encode()
        if len(data) < 200:
            return False
        return len(zlib.compress(data, 9)) / len(data) < self.min_compress_ratio

    def _new_account(self, candidate: SpamCandidate) -> bool:
        if candidate.account_created is None:
            return False
        return timezone.now() - candidate.account_created < datetime.timedelta(hours=self.new_account_hours)

    def _posted_before(self, candidate: SpamCandidate) -> bool:
        from scriptorium.interactions.models import Comment

        since = timezone.now() - datetime.timedelta(hours=self.repeat_window_hours)
        earlier = Comment.objects.filter(created_at__gte=since, text=candidate.html, deleted=False)
        if candidate.user_id is not None:
            earlier = earlier.filter(user_id=candidate.user_id)
        elif candidate.guest_email:
            earlier = earlier.filter(user__isnull=True, guest_email__iexact=candidate.guest_email)
        else:
            return False
        if candidate.exclude_comment_id is not None:
            earlier = earlier.exclude(pk=candidate.exclude_comment_id)
        return earlier.exists()


def spam_check() -> SpamCheck:
    """The configured check (built once per configuration, through
    :func:`scriptorium.core.backends.load_backend`)."""
    config = getattr(settings, "SCRIPTORIUM_SPAM_CHECK", {}) or {}
    return load_backend({"BACKEND": DEFAULT_BACKEND, **config}, base=SpamCheck, setting="SCRIPTORIUM_SPAM_CHECK")
