"""One suite for every spam check the archive ships (and the alias older settings name): each answers a
``SpamResult`` with a ``Verdict`` for every kind of text, is loaded from ``SCRIPTORIUM_SPAM_CHECK``, and the
heuristic judges each kind by its own measure."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from scriptorium.core.spam import (
    HeuristicSpamCheck,
    SpamCandidate,
    SpamCheck,
    SpamKind,
    SpamResult,
    Verdict,
    plain_text,
    spam_check,
)

BACKENDS = [
    "scriptorium.core.spam.SpamCheck",
    "scriptorium.core.spam.HeuristicSpamCheck",
    "scriptorium.interactions.spam.HeuristicSpamCheck",  # what settings written for comments name
]
OLD = timezone.now() - datetime.timedelta(days=30)
LINKS = " ".join(f"https://shop{n}.example.com" for n in range(5))
STORY = "The kettle sang twice before anyone moved, and then everyone moved at once. " * 20


@pytest.fixture(params=BACKENDS)
def check(request, settings) -> SpamCheck:
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": request.param, "OPTIONS": {}}
    return spam_check()


@pytest.mark.parametrize("kind", list(SpamKind))
def test_every_check_answers_every_kind(check, kind) -> None:
    for text in ("", "Nice.", STORY, f"Cheap watches {LINKS}"):
        result = check.check(SpamCandidate(text=text, html=text, kind=kind, user_id=1, account_created=OLD))
        assert isinstance(result, SpamResult)
        assert result.verdict in set(Verdict)
        assert all(isinstance(reason, str) for reason in result.reasons)


def test_every_check_passes_plain_prose(check) -> None:
    for kind in SpamKind:
        candidate = SpamCandidate(text=STORY[:300], html=STORY[:300], kind=kind, user_id=1, account_created=OLD)
        assert check.check(candidate).verdict == Verdict.HAM


def test_the_old_dotted_path_names_the_same_class() -> None:
    from scriptorium.interactions import spam as old

    assert old.HeuristicSpamCheck is HeuristicSpamCheck
    assert old.SpamCheck is SpamCheck
    assert old.SpamCandidate is SpamCandidate


def test_the_default_is_the_heuristic(settings) -> None:
    del settings.SCRIPTORIUM_SPAM_CHECK
    assert type(spam_check()) is HeuristicSpamCheck


def _verdict(kind: str, text: str, **extra: object) -> Verdict:
    extra.setdefault("user_id", 1)
    extra.setdefault("account_created", OLD)
    return HeuristicSpamCheck().check(SpamCandidate(text=text, html=text, kind=kind, **extra)).verdict


@pytest.mark.parametrize("kind", [SpamKind.WORK, SpamKind.BOOKMARK, SpamKind.PROFILE])
def test_a_link_farm_is_spam_in_every_kind(kind) -> None:
    assert _verdict(kind, f"Best prices {LINKS}") == Verdict.SPAM


def test_a_long_work_may_link_to_its_art_and_sources() -> None:
    notes = " ".join(f"Art by a friend: https://art{n}.example.org." for n in range(5))
    assert _verdict(SpamKind.WORK, f"{notes}\n{STORY * 3}") != Verdict.SPAM
    assert _verdict(SpamKind.COMMENT, notes) == Verdict.SPAM  # the same links alone, as a comment


def test_a_refrain_is_not_held_against_a_work_but_is_against_a_comment() -> None:
    refrain = "so good " * 60
    assert _verdict(SpamKind.WORK, refrain) == Verdict.HAM
    assert _verdict(SpamKind.COMMENT, refrain) == Verdict.SPAM
    assert _verdict(SpamKind.PROFILE, refrain) == Verdict.SPAM


def test_a_repeat_is_asked_of_the_caller_only_when_the_text_would_pass() -> None:
    asked: list[str] = []

    def seen() -> bool:
        asked.append("asked")
        return True

    assert _verdict(SpamKind.COMMENT, "Loved it.", posted_before=seen) == Verdict.SPAM
    assert asked == ["asked"]
    assert _verdict(SpamKind.COMMENT, f"x {LINKS}", posted_before=seen) == Verdict.SPAM
    assert asked == ["asked"]


def test_plain_text_counts_each_link_once() -> None:
    html = '<p>Art: <a href="https://a.example">https://a.example</a> and <a href="https://b.example">this</a></p>'
    text = plain_text(html)
    assert text.count("https://") == 2
    assert "this" in text and "<" not in text
