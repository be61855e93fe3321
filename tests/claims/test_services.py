"""Claim invitations and the author's three answers, through the services (issue 15)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from scriptorium.accounts.moderators import moderators_group
from scriptorium.claims import events, services
from scriptorium.claims.models import ClaimInvitation, ClaimState
from scriptorium.claims.selectors import claim_by_token
from scriptorium.works import external as works_external
from scriptorium.works.models import Creatorship, Series, Work
from tests.claims.conftest import archive_works
from tests.factories import PseudFactory, UserFactory, make_work

pytestmark = pytest.mark.django_db


def _send(actor, creators, capture) -> str:
    """Send and answer the token the one email carried."""
    mail.outbox.clear()
    with capture(execute=True):
        report = services.claim_invitations_send(actor=actor, external_creators=creators)
    assert [c.pk for c in report.sent] == [c.pk for c in creators]
    (message,) = mail.outbox
    return message.body.split("/claims/")[1].split()[0]


@pytest.fixture
def token(archivist, archived, django_capture_on_commit_callbacks) -> str:
    return _send(archivist, [archived[0]], django_capture_on_commit_callbacks)


@pytest.fixture
def heard():
    log = []

    def spy(**payload):
        log.append(payload)

    spy.__qualname__ = "spy_claimed"
    events.external_works_claimed.listen(spy)
    yield log
    events.external_works_claimed.disconnect(spy)


def _credits(work: Work) -> list[str]:
    return list(Creatorship.objects.filter(work=work).order_by("position", "id").values_list("pseud__name", flat=True))


# Sending


def test_the_archivist_sends_one_email_listing_the_works_and_a_link(archivist, archived, token) -> None:
    creator, works = archived
    (message,) = mail.outbox
    assert message.to == ["marigold@example.org"]
    assert "Marigold Vane" in message.subject
    for work in works:
        assert work.title in message.body
        assert work.title in message.alternatives[0][0].replace("&#x27;", "'")
    assert f"/claims/{token}" in message.alternatives[0][0]
    invitation = ClaimInvitation.objects.get()
    assert invitation.state == ClaimState.PENDING and invitation.sent_to == "marigold@example.org"
    assert invitation.sent_by == archivist
    assert claim_by_token(token) == invitation
    assert token not in repr(list(ClaimInvitation.objects.values()))  # only a hash of it is kept


@pytest.mark.parametrize("who", ["plain", "other_archivist", "guest"])
def test_only_the_archivist_or_a_moderator_may_send(archived, who) -> None:
    actor = AnonymousUser() if who == "guest" else UserFactory()
    if who == "other_archivist":
        archive_works(actor, "Someone Else", "else@example.org", ["Other Things"])
    with pytest.raises(PermissionDenied):
        services.claim_invitations_send(actor=actor, external_creators=[archived[0]])
    assert not ClaimInvitation.objects.exists()
    assert mail.outbox == []


def test_a_moderator_may_send_for_any_archivist(archived) -> None:
    moderator = UserFactory()
    moderator.groups.add(moderators_group())
    report = services.claim_invitations_send(actor=moderator, external_creators=[archived[0]])
    assert report.sent == [archived[0]]
    assert len(mail.outbox) == 1


def test_one_creator_not_the_actors_refuses_the_whole_batch(archivist, archived) -> None:
    other = UserFactory()
    theirs, _ = archive_works(other, "Not Kits", "notkits@example.org", ["Elsewhere"])
    with pytest.raises(PermissionDenied):
        services.claim_invitations_send(actor=archivist, external_creators=[archived[0], theirs])
    assert not ClaimInvitation.objects.exists() and mail.outbox == []


def test_creators_without_an_address_are_skipped_and_reported(archivist, archived) -> None:
    silent, _ = archive_works(archivist, "No Address", "", ["Quiet Work"])
    report = services.claim_invitations_send(actor=archivist, external_creators=[silent, archived[0]])
    assert report.sent == [archived[0]]
    assert report.skipped == [(silent, services.NO_EMAIL)]
    assert [m.to for m in mail.outbox] == [["marigold@example.org"]]
    assert not ClaimInvitation.objects.filter(external_creator=silent).exists()


def test_sending_again_makes_a_fresh_link_and_voids_the_old(archivist, archived, token, author) -> None:
    first = ClaimInvitation.objects.get()
    mail.outbox.clear()
    services.claim_invitations_send(actor=archivist, external_creators=[archived[0]])
    (message,) = mail.outbox
    fresh = message.body.split("/claims/")[1].split()[0]
    assert fresh != token
    first.refresh_from_db()
    assert first.state == ClaimState.VOIDED
    with pytest.raises(services.ClaimAnswered):
        services.claim_accept(actor=author, token=token, pseud_id=author.default_pseud.pk)
    assert not archived[0].__class__.objects.get(pk=archived[0].pk).is_claimed
    services.claim_accept(actor=author, token=fresh, pseud_id=author.default_pseud.pk)


def test_a_failing_mail_server_leaves_the_old_link_working(archivist, archived, token, monkeypatch) -> None:
    def refuse(**kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(services, "message_send", refuse)
    report = services.claim_invitations_send(actor=archivist, external_creators=[archived[0]])
    assert report.sent == [] and report.skipped == [(archived[0], services.MAIL_FAILED)]
    assert ClaimInvitation.objects.get().state == ClaimState.PENDING
    assert claim_by_token(token) is not None


# Accepting


def test_accepting_moves_the_works_onto_the_pseud(
    archivist, archived, token, author, heard, django_capture_on_commit_callbacks
) -> None:
    creator, works = archived
    pen = PseudFactory(user=author, name="Marigold Writes")
    revisions = dict(Work.objects.filter(pk__in=[w.pk for w in works]).values_list("pk", "revision"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.claim_accept(actor=author, token=token, pseud_id=pen.pk)
    assert sorted(outcome.work_ids) == sorted(w.pk for w in works)
    for work in works:
        work.refresh_from_db()
        assert _credits(work) == ["Marigold Writes"]
        assert work.owner == author
        assert work.revision == revisions[work.pk] + 1
    assert Work.objects.created_by(archivist).count() == 0
    creator.refresh_from_db()
    assert creator.claimed_by == pen and creator.claimed_at is not None
    invitation = ClaimInvitation.objects.get()
    assert invitation.state == ClaimState.ACCEPTED and invitation.answered_by == author and invitation.pseud == pen
    assert heard == [{"external_creator_id": creator.pk, "pseud_id": pen.pk, "work_ids": outcome.work_ids}]
    (notice,) = mail.outbox
    assert notice.to == [archivist.email] and "claimed" in notice.subject and "Marigold" in notice.body


def test_accepting_twice_changes_nothing_and_says_so(archived, token, author) -> None:
    services.claim_accept(actor=author, token=token, pseud_id=author.default_pseud.pk)
    again = services.claim_accept(actor=author, token=token, pseud_id=author.default_pseud.pk)
    assert again.changed is False and again.work_ids == []
    other = UserFactory()
    with pytest.raises(services.ClaimAnswered):
        services.claim_accept(actor=other, token=token, pseud_id=other.default_pseud.pk)
    assert Work.objects.created_by(other).count() == 0


def test_a_guest_or_another_accounts_pseud_cannot_accept(archived, token, author) -> None:
    with pytest.raises(PermissionDenied):
        services.claim_accept(actor=AnonymousUser(), token=token, pseud_id=author.default_pseud.pk)
    stranger = UserFactory()
    with pytest.raises(ValidationError):
        services.claim_accept(actor=author, token=token, pseud_id=stranger.default_pseud.pk)
    assert ClaimInvitation.objects.get().state == ClaimState.PENDING
    assert Work.objects.created_by(author).count() == 0


@pytest.mark.parametrize(
    "bad",
    ["", "short", "x" * 55, "é" * 55, None],
    ids=["empty", "short", "unknown", "not-ascii", "right-selector-wrong-verifier"],
)
def test_bad_tokens_open_nothing_and_change_nothing(archived, token, author, bad) -> None:
    if bad is None:
        bad = token[:12] + ("A" if token[12] != "A" else "B") + token[13:]
    assert claim_by_token(bad) is None
    for answer in (
        lambda: services.claim_accept(actor=author, token=bad, pseud_id=author.default_pseud.pk),
        lambda: services.claim_removal_request(token=bad),
        lambda: services.claim_decline(token=bad),
    ):
        with pytest.raises(services.ClaimUnknown):
            answer()
    assert ClaimInvitation.objects.get().state == ClaimState.PENDING
    assert not Work.objects.filter(hidden=True).exists()


def test_a_failure_midway_leaves_no_work_half_moved(archivist, archived, token, author, monkeypatch) -> None:
    creator, works = archived

    def broken(work_ids):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(works_external, "works_revise", broken)  # after every work's credits were moved
    with pytest.raises(RuntimeError):
        services.claim_accept(actor=author, token=token, pseud_id=author.default_pseud.pk)
    for work in works:
        work.refresh_from_db()
        assert _credits(work) == [archivist.default_pseud.name] and work.owner == archivist
    creator.refresh_from_db()
    assert not creator.is_claimed
    assert ClaimInvitation.objects.get().state == ClaimState.PENDING


def test_a_shared_work_keeps_its_archivist_until_every_author_claimed(archivist, author) -> None:
    first, (work,) = archive_works(archivist, "Ash Fern", "ash@example.org", ["Two Hands"])
    second, _ = archive_works(archivist, "Birch Vale", "birch@example.org", [])
    works_external.work_external_creators_set(work=work, external_creators=[first, second])
    tokens = {}
    for creator in (first, second):
        mail.outbox.clear()
        services.claim_invitations_send(actor=archivist, external_creators=[creator])
        tokens[creator.pk] = mail.outbox[0].body.split("/claims/")[1].split()[0]
    services.claim_accept(actor=author, token=tokens[first.pk], pseud_id=author.default_pseud.pk)
    assert set(_credits(work)) == {archivist.default_pseud.name, author.default_pseud.name}
    birch = UserFactory(username="birch")
    services.claim_accept(actor=birch, token=tokens[second.pk], pseud_id=birch.default_pseud.pk)
    assert set(_credits(work)) == {author.default_pseud.name, "birch"}
    work.refresh_from_db()
    assert work.owner == author  # the first claimer took it from the archivist


# Taking down, not mine


def test_asking_removal_hides_the_works_at_once(
    client, archivist, archived, token, django_capture_on_commit_callbacks
) -> None:
    creator, works = archived
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_removal_request(token=token)
    for work in works:
        work.refresh_from_db()
        assert work.hidden and work.hidden_reason == works_external.REMOVAL_REASON
        assert client.get(work.get_absolute_url()).status_code == 404
    assert Work.objects.visible_to(archivist).filter(pk__in=[w.pk for w in works]).count() == 2  # its keeper
    creator.refresh_from_db()
    assert creator.removal_requested_at is not None
    assert ClaimInvitation.objects.get().state == ClaimState.REMOVAL
    (notice,) = mail.outbox
    assert notice.to == [archivist.email] and "taken down" in notice.subject
    assert services.claim_removal_request(token=token).changed is False
    with pytest.raises(services.ClaimAnswered):
        services.claim_decline(token=token)


def test_not_mine_declines_and_tells_the_archivist(
    archivist, archived, token, author, django_capture_on_commit_callbacks
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_decline(token=token)
    assert ClaimInvitation.objects.get().state == ClaimState.DECLINED
    assert [m.to for m in mail.outbox] == [[archivist.email]]
    assert _credits(archived[1][0]) == [archivist.default_pseud.name]
    with pytest.raises(services.ClaimAnswered):
        services.claim_accept(actor=author, token=token, pseud_id=author.default_pseud.pk)
    report = services.claim_invitations_send(actor=archivist, external_creators=[archived[0]])
    assert report.skipped == [(archived[0], services.DECLINED)]


@pytest.mark.parametrize("standing", ["suspended", "banned"])
def test_a_suspended_or_banned_account_cannot_accept(archived, token, author, standing) -> None:
    creator, works = archived
    if standing == "suspended":
        author.suspended_until = timezone.now() + datetime.timedelta(days=3)
        author.suspension_reason = "Spam in comments."
        expected = "Works cannot be added to a suspended account"
    else:
        author.banned_at, author.is_active = timezone.now(), False
        expected = "This account is banned"
    author.save()
    with pytest.raises(ValidationError, match=expected) as refused:
        services.claim_accept(actor=author, token=token, pseud_id=author.default_pseud.pk)
    assert refused.value.code == standing
    assert ClaimInvitation.objects.get().state == ClaimState.PENDING
    assert Work.objects.created_by(author).count() == 0
    creator.refresh_from_db()
    assert creator.claimed_by is None
    if standing == "suspended":  # once the suspension is over, the same link works
        author.suspended_until = timezone.now() - datetime.timedelta(minutes=1)
        author.save()
        assert len(services.claim_accept(actor=author, token=token, pseud_id=author.default_pseud.pk).work_ids) == 2


def _archived_in_series(archivist, name: str, email: str, titles: list[str], series: str):
    creator = works_external.external_creator_get_or_create(archivist=archivist, name=name, email=email, source="t")
    works = []
    for title in titles:
        work = make_work(creator=archivist, title=title, series_title=series)
        works_external.work_external_creators_set(work=work, external_creators=[creator])
        works.append(work)
    return creator, works


def test_a_series_of_only_the_claimed_works_moves_with_them(archivist, author, django_capture_on_commit_callbacks):
    creator, works = _archived_in_series(
        archivist, "Marigold Vane", "marigold@example.org", ["Salt Roads", "Tide Tables"], "Coast Road"
    )
    token = _send(archivist, [creator], django_capture_on_commit_callbacks)
    services.claim_accept(actor=author, token=token, pseud_id=author.default_pseud.pk)
    series = Series.objects.get(title="Coast Road")
    assert list(series.creators.all()) == [author.default_pseud]
    assert series.owner == author


def test_a_series_shared_with_another_author_stays_with_the_archivist(
    archivist, author, django_capture_on_commit_callbacks
):
    creator, _ = _archived_in_series(archivist, "Marigold Vane", "marigold@example.org", ["Salt Roads"], "Two Hands")
    _archived_in_series(archivist, "Other Pen", "other@example.org", ["Not Hers"], "Two Hands")
    token = _send(archivist, [creator], django_capture_on_commit_callbacks)
    services.claim_accept(actor=author, token=token, pseud_id=author.default_pseud.pk)
    series = Series.objects.get(title="Two Hands")
    assert series.parts.count() == 2
    assert list(series.creators.all()) == [archivist.default_pseud]
    assert series.owner == archivist
    assert _credits(Work.objects.get(title="Salt Roads")) == [author.default_pseud.name]
