"""The spam check: one pluggable judge for comments, works, bookmarks and profiles, with plain heuristics by default.

``settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": "<dotted path>", "OPTIONS": {...}}`` names a ``SpamCheck``
subclass (an Akismet client, a model, …); it is built with the options as keyword arguments. A check answers
HAM, SUSPECT or SPAM about a ``SpamCandidate``; what follows is the caller's:

- a comment: SUSPECT is held for the work's creators to approve, SPAM is refused (nothing saved);
- a work (on posting, and on every change to a posted work): SPAM hides it pending a moderator's review;
- a public bookmark: SPAM keeps it private (only its owner sees it) while it reads as spam;
- a pseud's description (the profile): SPAM is refused (nothing saved).

It lives in ``core`` so every app may ask it; ``scriptorium.interactions.spam`` names the same classes, so
settings written for it keep working.
"""

from __future__ import annotations

import datetime
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

from scriptorium.core.backends import load_backend

DEFAULT_BACKEND = "scriptorium.core.spam.HeuristicSpamCheck"
_LINK = re.compile(r"https?://|www\.|<a\s", re.IGNORECASE)
_ANCHOR = re.compile(r"<a\b[^>]*?href=\"([^\"]*)\"[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)


class Verdict(StrEnum):
    HAM = "ham"
    SUSPECT = "suspect"
    SPAM = "spam"


class SpamKind(StrEnum):
    """What is being judged."""

    COMMENT = "comment"
    WORK = "work"
    BOOKMARK = "bookmark"
    PROFILE = "profile"


@dataclass(frozen=True)
class SpamCandidate:
    """What a check may look at: the text as typed and as it will be stored, and who sends it.

    ``posted_before``, when given, answers whether the same sender already posted this very text recently (the
    caller knows where to look; the heuristic asks it only when the text would otherwise pass)."""

    text: str
    html: str
    kind: str = SpamKind.COMMENT
    work_id: int | None = None
    user_id: int | None = None
    account_created: datetime.datetime | None = None
    guest_email: str = ""
    exclude_comment_id: int | None = None  # when editing a comment: the comment itself is not a duplicate
    posted_before: Callable[[], bool] | None = field(default=None, compare=False, repr=False)

    @property
    def is_guest(self) -> bool:
        return self.user_id is None


@dataclass(frozen=True)
class SpamResult:
    verdict: Verdict
    reasons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def why(self) -> str:
        return "; ".join(self.reasons) or "it looks like spam"


class SpamCheck:
    """The interface: subclasses override ``check``. This base passes everything."""

    def __init__(self, **options: object) -> None:
        self.options = options

    def check(self, candidate: SpamCandidate) -> SpamResult:
        return SpamResult(Verdict.HAM)


class HeuristicSpamCheck(SpamCheck):
    """Link count, repeated text, and new accounts (options: ``max_links``, ``new_account_hours``,
    ``min_compress_ratio``, ``min_words_per_link``).

    A comment with more than ``max_links`` links is spam. Works, bookmarks and profiles are longer and
    legitimately link to art, betas and sources: they are spam when they have more than ``max_links`` links
    *and* fewer than ``min_words_per_link`` words around each (mostly links); repeated text is not held against
    a work."""

    def __init__(
        self,
        *,
        max_links: int = 3,
        new_account_hours: int = 24,
        repeat_window_hours: int = 24,
        min_compress_ratio: float = 0.2,
        min_words_per_link: int = 40,
        **options: object,
    ) -> None:
        super().__init__(**options)
        self.max_links = max_links
        self.new_account_hours = new_account_hours
        self.repeat_window_hours = repeat_window_hours  # read by callers that look for repeats
        self.min_compress_ratio = min_compress_ratio
        self.min_words_per_link = min_words_per_link

    def check(self, candidate: SpamCandidate) -> SpamResult:
        spam: list[str] = []
        suspect: list[str] = []
        links = len(_LINK.findall(candidate.text))
        if links > self.max_links and self._mostly_links(candidate, links):
            spam.append(f"more than {self.max_links} links")
        if candidate.kind != SpamKind.WORK and self._repetitive(candidate.text):  # stories may repeat a refrain
            spam.append("the same words over and over")
        if not spam and candidate.posted_before is not None and candidate.posted_before():
            spam.append(f"the same {candidate.kind} again")
        if links and (candidate.is_guest or self._new_account(candidate)):
            suspect.append("a link from a guest or a new account")
        elif links > 1:
            suspect.append("several links")
        if spam:
            return SpamResult(Verdict.SPAM, tuple(spam))
        if suspect:
            return SpamResult(Verdict.SUSPECT, tuple(suspect))
        return SpamResult(Verdict.HAM)

    def _mostly_links(self, candidate: SpamCandidate, links: int) -> bool:
        if candidate.kind == SpamKind.COMMENT:
            return True
        return len(candidate.text.split()) < links * self.min_words_per_link

    def _repetitive(self, text: str) -> bool:
        data = " ".join(text.split()).encode()
        if len(data) < 200:
            return False
        return len(zlib.compress(data, 9)) / len(data) < self.min_compress_ratio

    def _new_account(self, candidate: SpamCandidate) -> bool:
        if candidate.account_created is None:
            return False
        return timezone.now() - candidate.account_created < datetime.timedelta(hours=self.new_account_hours)


def plain_text(html: str) -> str:
    """Stored HTML as a check reads it: the text without tags, each link's address once (a link whose words are
    its address counts once, not twice)."""

    def anchor(match: re.Match[str]) -> str:
        label = match.group(2)
        return f" {match.group(1)} " + ("" if _LINK.search(label) else f"{label} ")

    return strip_tags(_ANCHOR.sub(anchor, html))


def spam_check() -> SpamCheck:
    """The configured check (built once per configuration, through
    :func:`scriptorium.core.backends.load_backend`)."""
    config = getattr(settings, "SCRIPTORIUM_SPAM_CHECK", {}) or {}
    return load_backend({"BACKEND": DEFAULT_BACKEND, **config}, base=SpamCheck, setting="SCRIPTORIUM_SPAM_CHECK")
