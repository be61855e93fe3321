"""Rate limits and the pluggable spam check: a refused comment is a clear message and nothing saved."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from pytest_django.asserts import assertContains

from scriptorium.accounts.models import User
from scriptorium.interactions import ratelimit
from scriptorium.interactions.models import Comment
from scriptorium.interactions.spam import HeuristicSpamCheck, SpamCandidate, SpamCheck, SpamResult, Verdict, spam_check
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GUEST = {"guest_name": "Passing Reader", "guest_email": "reader@example.org"}


def _post(client, work, text: str, ip: str = "127.0.0.1", **fields: object):
    url = f"/works/{work.pk}/chapters/{work.chapters.get().pk}/comments"
    return client.post(url, {"text": text, **fields}, REMOTE_ADDR=ip)


def _old_account() -> User:
    reader = UserFactory()
    User.objects.filter(pk=reader.pk).update(date_joined=timezone.now() - datetime.timedelta(days=30))
    reader.refresh_from_db()
    return reader


# --- Rate limits -----------------------------------------------------------------------------------------


def test_an_account_may_comment_three_times_a_minute(client, work, other_user) -> None:
    client.force_login(other_user)
    for n in range(3):
        assert _post(client, work, f"Comment number {n}.").status_code == 302

    response = _post(client, work, "One too many.")

    assertContains(response, "You are commenting too quickly: please wait", status_code=400)
    assertContains(response, "One too many.", status_code=400)
    assert Comment.objects.count() == 3


def test_a_guest_may_comment_once_a_minute_per_address(client, work) -> None:
    assert _post(client, work, "First.", ip="192.0.2.10", **GUEST).status_code == 302

    refused = _post(client, work, "Second.", ip="192.0.2.10", **GUEST)
    other = _post(client, work, "From elsewhere.", ip="192.0.2.11", guest_name="Other", guest_email="other@example.org")

    assertContains(refused, "commenting too quickly", status_code=400)
    assert other.status_code == 302
    assert Comment.objects.count() == 2


def test_invalid_comments_do_not_use_up_the_limit(client, work, other_user) -> None:
    client.force_login(other_user)
    for _ in range(5):
        _post(client, work, "")

    assert _post(client, work, "Now a real one.").status_code == 302


def test_rate_limits_are_configurable(client, work, other_user, settings) -> None:
    settings.SCRIPTORIUM_RATE_LIMITS = {"comment_account": "1/h"}
    client.force_login(other_user)
    _post(client, work, "One.")

    assertContains(_post(client, work, "Two."), "commenting too quickly", status_code=400)
    settings.SCRIPTORIUM_RATE_LIMITS = {"comment_account": ""}  # no limit
    assert _post(client, work, "Two.").status_code == 302


def test_rate_parsing_and_windows() -> None:
    assert ratelimit.parse_rate("3/m") == ratelimit.Rate(3, 60)
    assert ratelimit.parse_rate("10/300") == ratelimit.Rate(10, 300)
    assert ratelimit.parse_rate("2/h") == ratelimit.Rate(2, 3600)
    assert ratelimit.parse_rate("") is None and ratelimit.parse_rate("0/m") is None

    ratelimit.rate_limit_hit("comment_guest", "x", now=1_000_000.0)
    with pytest.raises(ratelimit.RateLimited) as caught:
        ratelimit.rate_limit_hit("comment_guest", "x", now=1_000_010.0)
    assert caught.value.retry_after == 1_000_020 - 1_000_010  # the next minute starts at 1,000,020
    ratelimit.rate_limit_hit("comment_guest", "x", now=1_000_021.0)  # a new window


# --- Spam ------------------------------------------------------------------------------------------------


def test_too_many_links_are_refused_as_spam(client, work) -> None:
    client.force_login(_old_account())
    links = " ".join(f"https://shop{n}.example.com" for n in range(4))

    response = _post(client, work, f"Buy now {links}")

    assertContains(response, "looks like spam (more than 3 links)", status_code=400)
    assert not Comment.objects.exists()


def test_a_link_from_a_guest_or_new_account_is_held(client, work) -> None:
    _post(client, work, "My fic is at https://example.org/fic", **GUEST)
    client.force_login(UserFactory())  # joined just now
    _post(client, work, "Mine too: https://example.org/other")
    client.force_login(_old_account())
    _post(client, work, "A reader of long standing links https://example.org/essay")

    held = list(Comment.objects.order_by("id").values_list("state", flat=True))
    assert held == ["held", "held", "published"]
    work.refresh_from_db()
    assert work.comments_count == 1


def test_repeated_text_is_refused(client, work) -> None:
    client.force_login(_old_account())

    response = _post(client, work, "so good " * 60)

    assertContains(response, "the same words over and over", status_code=400)
    assert not Comment.objects.exists()


def test_the_same_comment_twice_is_refused(client, work, settings) -> None:
    settings.SCRIPTORIUM_RATE_LIMITS = {}
    client.force_login(_old_account())
    _post(client, work, "Loved the ending.")

    response = _post(client, work, "Loved the ending.")

    assertContains(response, "the same comment again", status_code=400)
    assert Comment.objects.count() == 1


class AlwaysSpam(SpamCheck):
    def check(self, candidate: SpamCandidate) -> SpamResult:
        return SpamResult(Verdict.SPAM, (self.options.get("why", "configured"),))


def test_the_spam_check_is_pluggable(client, work, settings) -> None:
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": f"{__name__}.AlwaysSpam", "OPTIONS": {"why": "test backend"}}
    client.force_login(_old_account())

    assert isinstance(spam_check(), AlwaysSpam)
    assertContains(_post(client, work, "Innocent."), "looks like spam (test backend)", status_code=400)
    assert not Comment.objects.exists()


def test_a_backend_must_be_a_spam_check(settings) -> None:
    settings.SCRIPTORIUM_SPAM_CHECK = {"BACKEND": "datetime.date"}

    with pytest.raises(TypeError):
        spam_check()


def test_heuristics_on_their_own() -> None:
    check = HeuristicSpamCheck(max_links=1)
    old = timezone.now() - datetime.timedelta(days=10)

    def verdict(text: str, **extra: object) -> Verdict:
        return check.check(SpamCandidate(text=text, html=f"<p>{text}</p>", work_id=1, **extra)).verdict

    assert verdict("Nice.", user_id=1, account_created=old) == Verdict.HAM
    assert verdict("see www.example.org", user_id=1, account_created=old) == Verdict.HAM
    assert verdict("see www.example.org", guest_email="a@example.org") == Verdict.SUSPECT
    assert verdict("a http://x.example b http://y.example", user_id=1, account_created=old) == Verdict.SPAM


def test_creators_skip_the_spam_check(client, work, user) -> None:
    client.force_login(user)
    links = " ".join(f"https://part{n}.example.org" for n in range(5))

    assert _post(client, work, f"All the parts: {links}").status_code == 302
    assert Comment.objects.get().state == "published"


def test_guests_are_limited_by_their_address_not_their_name(work) -> None:
    from django.core.exceptions import ValidationError

    from scriptorium.interactions.inputs import CommentInput
    from scriptorium.interactions.services import comment_create

    chapter = work.chapters.get()
    comment_create(actor=AnonymousUser(), chapter=chapter, data=CommentInput("One.", **GUEST), origin="same")
    with pytest.raises(ValidationError):
        comment_create(
            actor=AnonymousUser(),
            chapter=chapter,
            data=CommentInput("Two.", guest_name="New Name", guest_email="new@example.org"),
            origin="same",
        )
