"""Deleting one's account (/account/delete): the works as chosen, every trace of the account gone, comments
kept from "a deleted account", an audit line without personal data; anything refused changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from scriptorium.accounts.models import FormerUsername, Pseud, User
from scriptorium.dataexport.models import DataExport
from scriptorium.interactions.inputs import BookmarkInput, CommentInput
from scriptorium.interactions.models import Block, Bookmark, Comment, Kudos, Mute, Reading
from scriptorium.interactions.services.bookmarks import bookmark_create
from scriptorium.interactions.services.comments import comment_create
from scriptorium.interactions.services.history import later_mark
from scriptorium.interactions.services.kudos import kudos_give
from scriptorium.interactions.services.relations import block_add, mute_add
from scriptorium.invitations.models import Invitation, InvitationRequest
from scriptorium.leaving import events
from scriptorium.leaving.models import AccountDeletion
from scriptorium.leaving.reference import account_reference
from scriptorium.notifications.models import Notification, Subscription
from scriptorium.notifications.services import subscription_create
from scriptorium.search.models import ExcludedTag, SavedSearch
from scriptorium.search.services import excluded_tag_add, saved_search_create
from scriptorium.transfer.models import ImportedFile
from scriptorium.works.cocreators import work_creator_invite
from scriptorium.works.models import CreatorInvitation, Series, SeriesPart, Work
from tests.factories import PASSWORD, UserFactory, credit_co_creator, make_work
from tests.leaving.conftest import Leaver, table_digest, totp_code, two_factor_on

pytestmark = pytest.mark.django_db
DELETE = reverse("leaving:delete")
GOODBYE = reverse("leaving:goodbye")


def _login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def _traces(leaver: Leaver, other: User) -> Work:
    """Everything an account leaves around the archive; answers the other account's work it touched."""
    theirs = make_work(creator=other, title="The Lighthouse Keeper")
    user = leaver.user
    kudos_give(actor=user, work=theirs)
    comment_create(actor=user, chapter=theirs.chapters.get(), data=CommentInput(text="The ending took my breath."))
    bookmark_create(actor=user, data=BookmarkInput(notes="Reread in winter."), work=theirs)
    later_mark(actor=user, work=theirs)
    subscription_create(actor=user, kind="work", target_id=theirs.pk)
    subscription_create(actor=user, kind="creator", target_id=other.pk)
    subscription_create(actor=other, kind="creator", target_id=user.pk)  # someone following the leaver
    saved_search_create(user=user, name="Lighthouses", query_string="q=lighthouse")
    excluded_tag_add(user=user, name="Original Work")
    block_add(actor=user, username=UserFactory().username)
    mute_add(actor=user, username=UserFactory().username)
    block_add(actor=other, username=user.username)  # someone who blocked the leaver
    Notification.objects.create(recipient=user, kind="account", reason="Welcome.", updated_at=theirs.created_at)
    ImportedFile.objects.create(owner=user, work=leaver.plain, content_hash="0" * 64, name="tides.txt")
    DataExport.objects.create(user=user)
    FormerUsername.objects.create(user=user, username="wanderer_before")
    now = timezone.now()
    joined_with = Invitation.objects.create(sent_to=user.email, sent_at=now, redeemed_by=user, redeemed_at=now)
    InvitationRequest.objects.create(email=user.email, invited_at=now, invitation=joined_with)
    Invitation.objects.create(creator=user)  # a code to give, never given
    Invitation.objects.create(creator=user, sent_to="friend@example.org", sent_at=now)  # given: the friend's now
    return theirs


def _post(client: Client, leaver: Leaver, **extra: str):
    return client.post(DELETE, {**leaver.choices, "password": PASSWORD, **extra})


def test_the_page_lists_every_work_with_its_choices_drafts_too(client, leaver) -> None:
    page = _login(client, leaver.user).get(DELETE).content.decode()
    for work in (leaver.kept, leaver.plain, leaver.doomed, leaver.draft):
        assert work.title in page
    assert f'name="work-{leaver.kept.pk}" value="orphan_keep_name"' in page
    assert "Orphan it, keeping the name “Lantern Moth”" in page
    assert f'name="work-{leaver.draft.pk}"' not in page  # a draft is only deleted, and the page says so
    assert "it is deleted with your account" in page
    assert 'name="code"' not in page  # no second factor on this account
    assert DELETE in client.get(reverse("accounts:preferences")).content.decode()


def test_deleting_removes_the_account_and_every_trace(client, leaver, django_capture_on_commit_callbacks) -> None:
    other = UserFactory(username="keeper")
    theirs = _traces(leaver, other)
    user_id, pen_id = leaver.user.pk, leaver.pen.pk
    assert Work.objects.get(pk=theirs.pk).kudos_count == 1
    assert Work.objects.get(pk=theirs.pk).bookmarks_count == 1
    heard = []
    events.account_deleted.listen(receiver := lambda **payload: heard.append(payload))
    phone = Client()
    for browser in (client, phone):  # logged in twice, through the log-in page (allauth lists both sessions)
        browser.post(reverse("accounts:login"), {"login": "wanderer", "password": PASSWORD})
    assert UserSession.objects.filter(user=leaver.user).count() == 2
    phone_key = phone.cookies["sessionid"].value
    assert Session.objects.filter(session_key=phone_key).exists()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = _post(client, leaver)
    finally:
        events.account_deleted.disconnect(receiver)
    assert response.status_code == 302 and response["Location"] == GOODBYE
    assert "Your account is deleted" in client.get(GOODBYE).content.decode()
    assert client.get(DELETE)["Location"].startswith(reverse("accounts:login"))  # logged out
    assert phone.get(DELETE)["Location"].startswith(reverse("accounts:login"))  # everywhere
    assert not Session.objects.filter(session_key=phone_key).exists()

    assert not User.objects.filter(pk=user_id).exists()
    assert not User.objects.filter(username="wanderer").exists()
    for model, field in (
        (Pseud, "user"),
        (Kudos, "user"),
        (Bookmark, "user"),
        (Reading, "user"),
        (Subscription, "user"),
        (Subscription, "creator"),
        (SavedSearch, "user"),
        (ExcludedTag, "user"),
        (Block, "blocker"),
        (Block, "blocked"),
        (Mute, "muter"),
        (Notification, "recipient"),
        (ImportedFile, "owner"),
        (EmailAddress, "user"),
        (Authenticator, "user"),
        (UserSession, "user"),
        (DataExport, "user"),
        (FormerUsername, "user"),
        (Invitation, "redeemed_by"),
        (Invitation, "creator"),
    ):
        assert not model.objects.filter(**{f"{field}_id": user_id}).exists(), (model, field)
    assert not Mute.objects.exists() and Block.objects.count() == 0
    # No row keeps its address: the queue's request and its code's address went; the code given to a friend stays.
    assert not InvitationRequest.objects.exists()
    assert not Invitation.objects.filter(sent_to="wanderer@example.org").exists()
    assert list(Invitation.objects.values_list("sent_to", flat=True).order_by("sent_to")) == ["", "friend@example.org"]
    # Counters follow: the kudos and the bookmark went with the account.
    theirs.refresh_from_db()
    assert (theirs.kudos_count, theirs.bookmarks_count) == (0, 0)
    # The comment stays, from "a deleted account", with no name or link.
    comment = Comment.objects.get(work=theirs)
    assert (comment.user_id, comment.pseud_id, comment.guest_name) == (None, None, "")
    page = Client().get(theirs.get_absolute_url()).content.decode()
    assert "The ending took my breath." in page and "A deleted account" in page
    assert "wanderer" not in page and "Lantern Moth" not in page

    line = AccountDeletion.objects.get()
    assert line.reference == account_reference(user_id)
    assert (line.works_orphaned, line.works_deleted, line.credits_removed, line.comments_kept) == (2, 2, 0, 1)
    row = " ".join(str(getattr(line, f.name)) for f in AccountDeletion._meta.fields)
    assert "wanderer" not in row and "example.org" not in row
    assert heard == [{"deletion_id": line.pk, "user_id": user_id}]
    # The kept name moved with its pseud to the orphan account; nobody is left with the old one.
    assert Pseud.objects.get(pk=pen_id).user.username == "orphan_account"


def test_orphaned_works_read_for_a_guest_credited_to_the_orphan_account(client, leaver) -> None:
    _post(_login(client, leaver.user), leaver)
    guest = Client()
    kept = guest.get(leaver.kept.get_absolute_url())
    assert kept.status_code == 200
    assert "Lantern Moth (orphan_account)" in kept.content.decode()
    plain = guest.get(leaver.plain.get_absolute_url())
    assert plain.status_code == 200
    byline = plain.content.decode()
    assert "orphan_account" in byline and "wanderer" not in byline
    assert guest.get(f"/works/{leaver.doomed.pk}").status_code == 404
    assert not Work.objects.filter(pk__in=[leaver.doomed.pk, leaver.draft.pk]).exists()
    # The orphan account's page lists what was left to it, and it cannot log in.
    listing = guest.get(reverse("accounts:user", kwargs={"username": "orphan_account"})).content.decode()
    assert "Moth Songs" in listing and "Harbour Tides" in listing
    orphan = User.objects.get(username="orphan_account")
    assert (orphan.is_active, orphan.has_usable_password(), orphan.is_system) == (False, False, True)
    assert not guest.login(username="orphan_account", password="")
    assert orphan.default_pseud.name == "orphan_account"


def test_a_co_created_work_stays_with_the_other_creator_whatever_is_chosen(client, leaver) -> None:
    other = UserFactory(username="partner")
    shared = [make_work(creator=leaver.user, title=t) for t in ("Two Hands", "Four Hands")]
    choices = {f"work-{shared[0].pk}": "delete", f"work-{shared[1].pk}": "orphan"}
    for work in shared:
        credit_co_creator(work, other)  # invited by the leaver, who owns them, and accepted
    pending = make_work(creator=leaver.user, title="Asked, Not Answered")
    work_creator_invite(actor=leaver.user, work=pending, pseud=UserFactory(username="maybe").default_pseud)
    invited = make_work(creator=other, title="An Open Door")
    work_creator_invite(actor=other, work=invited, pseud=leaver.pen)
    choices[f"work-{pending.pk}"] = "orphan"
    page = _login(client, leaver.user).get(DELETE).content.decode()
    assert "Shared with partner: only your credit is removed" in page
    _post(client, leaver, **choices)
    for work in shared:
        assert list(Work.objects.get(pk=work.pk).creators.values_list("name", flat=True)) == ["partner"]
        assert Work.objects.get(pk=work.pk).owner == other  # who may now manage its creators
        assert "partner" in Client().get(work.get_absolute_url()).content.decode()
    assert AccountDeletion.objects.get().credits_removed == 2
    # Invitations from and to the account are withdrawn: nobody is asked to share a credit with it, and the
    # pseud that kept its name under orphan_account carries none along.
    assert not CreatorInvitation.objects.filter(state="pending").exists()
    assert not CreatorInvitation.objects.filter(pseud=leaver.pen).exists()
    assert Pseud.objects.get(pk=leaver.pen.pk).user.username == "orphan_account"
    orphaned = Work.objects.get(pk=pending.pk)
    assert orphaned.owner.username == "orphan_account"
    assert list(orphaned.creators.values_list("name", flat=True)) == ["orphan_account"]


def test_series_follow_their_works(client, leaver) -> None:
    pseud = leaver.user.default_pseud
    kept_series = Series.objects.create(title="Tides", owner=leaver.user)
    kept_series.creators.add(pseud)
    SeriesPart.objects.create(series=kept_series, work=leaver.plain, position=1)
    empty_series = Series.objects.create(title="Ashes")
    empty_series.creators.add(pseud)
    SeriesPart.objects.create(series=empty_series, work=leaver.doomed, position=1)
    _post(_login(client, leaver.user), leaver)
    assert not Series.objects.filter(pk=empty_series.pk).exists()
    assert list(Series.objects.get(pk=kept_series.pk).creators.values_list("name", flat=True)) == ["orphan_account"]
    assert Series.objects.get(pk=kept_series.pk).owner.username == "orphan_account"
    line = AccountDeletion.objects.get()
    assert (line.series_orphaned, line.series_deleted) == (1, 1)


def test_orphaning_bumps_the_revision_so_downloads_and_bylines_refresh(client, leaver) -> None:
    before = {w.pk: w.revision for w in (leaver.kept, leaver.plain)}
    _post(_login(client, leaver.user), leaver)
    for pk, revision in before.items():
        assert Work.objects.get(pk=pk).revision > revision


def test_a_wrong_password_deletes_nothing(client, leaver) -> None:
    _traces(leaver, UserFactory())
    _login(client, leaver.user)
    before = table_digest()
    response = _post(client, leaver, password="not my password")
    assert response.status_code == 400
    page = response.content.decode()
    assert "That is not your password. Nothing was deleted." in page
    assert 'aria-invalid="true"' in page
    assert table_digest() == before
    assert client.get(DELETE).status_code == 200  # still logged in


def test_a_missing_choice_deletes_nothing(client, leaver) -> None:
    _login(client, leaver.user)
    before = table_digest()
    data = {**leaver.choices, "password": PASSWORD}
    del data[f"work-{leaver.plain.pk}"]
    response = client.post(DELETE, data)
    assert response.status_code == 400
    assert "Choose what happens to each work: “Harbour Tides”." in response.content.decode()
    assert table_digest() == before


def test_two_factor_asks_for_a_code_and_refuses_a_wrong_one(client, leaver) -> None:
    secret, codes = two_factor_on(leaver.user)
    page = _login(client, leaver.user).get(DELETE).content.decode()
    assert 'name="code"' in page and 'autocomplete="one-time-code"' in page
    before = table_digest()
    wrong = "000000" if totp_code(secret) != "000000" else "111111"
    for code in ("", wrong, "not-a-recovery-code"):
        response = _post(client, leaver, code=code)
        assert response.status_code == 400
        assert "That code is not right" in response.content.decode()
        assert table_digest() == before
    assert _post(client, leaver, code=totp_code(secret))["Location"] == GOODBYE
    assert not User.objects.filter(username="wanderer").exists()
    assert not Authenticator.objects.exists()  # the app's secret and the recovery codes went with it
    assert AccountDeletion.objects.get().had_two_factor


def test_a_recovery_code_confirms_too(client, leaver) -> None:
    _, codes = two_factor_on(leaver.user)
    assert _post(_login(client, leaver.user), leaver, code=codes[0])["Location"] == GOODBYE
    assert not User.objects.filter(username="wanderer").exists()


def test_wrong_attempts_run_out_the_throttle_even_for_the_right_password(client, leaver) -> None:
    _login(client, leaver.user)
    for _ in range(5):
        assert _post(client, leaver, password="guess").status_code == 400
    response = _post(client, leaver)
    assert response.status_code == 400
    assert "Too many attempts. Please try again in" in response.content.decode()
    assert User.objects.filter(username="wanderer").exists()


def test_a_guest_is_sent_to_log_in_and_nothing_changes(client, leaver) -> None:
    before = table_digest()
    assert client.get(DELETE)["Location"].startswith(reverse("accounts:login"))
    assert client.post(DELETE, {**leaver.choices, "password": PASSWORD})["Location"].startswith(
        reverse("accounts:login")
    )
    assert table_digest() == before


def test_another_account_deletes_only_itself(client, leaver) -> None:
    """The page acts on the logged-in account: another account's password and works get nowhere."""
    _login(client, UserFactory())
    before = table_digest()
    response = client.post(DELETE, {**leaver.choices, "password": PASSWORD})
    assert response.status_code == 400
    assert "not yours" in response.content.decode()
    assert table_digest() == before


def test_a_post_without_the_csrf_token_is_refused(leaver) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(leaver.user)
    before = table_digest()
    assert _post(client, leaver).status_code == 403
    assert table_digest() == before


def test_an_account_with_moderation_cases_deletes_and_the_cases_stay(client, leaver) -> None:
    from scriptorium.moderation.inputs import ReportInput
    from scriptorium.moderation.models import Action, Case, Report
    from scriptorium.moderation.services import account_moderate, moderator_add, report_create

    other = UserFactory()
    theirs = make_work(creator=other, title="Questionable")
    mine = report_create(actor=leaver.user, kind="work", target_id=theirs.pk, data=ReportInput(category="spam"))
    about = report_create(actor=other, kind="user", target_id=leaver.user.pk, data=ReportInput(category="spam"))
    moderator = moderator_add(actor=None, user=UserFactory())
    account_moderate(
        actor=moderator, case_id=about.case_id, user_id=leaver.user.pk, action="suspend", reason="Spam.", days=3
    )
    assert _post(_login(client, leaver.user), leaver)["Location"] == GOODBYE
    assert Report.objects.get(pk=mine.pk).reporter_id is None  # the report stays for the moderators, unsigned
    assert Report.objects.get(pk=about.pk).reporter_id == other.pk
    assert Case.objects.count() == 2
    action = Action.objects.get()  # a suspended account may still leave; the moderators' log keeps the action
    assert list(action.subjects.all()) == []


def test_one_choice_for_every_work_with_a_single_work_chosen_otherwise(client, leaver) -> None:
    page = _login(client, leaver.user).get(DELETE).content.decode()
    assert "Every work at once" in page
    response = client.post(
        DELETE, {"every": "delete", f"work-{leaver.kept.pk}": "orphan_keep_name", "password": PASSWORD}
    )
    assert response["Location"] == GOODBYE
    assert list(Work.objects.values_list("title", flat=True)) == ["Moth Songs"]
    assert AccountDeletion.objects.get().works_deleted == 3  # two chosen at once, and the draft


def test_other_inboxes_stop_naming_the_account(client, leaver) -> None:
    other = UserFactory(username="keeper")
    theirs = make_work(creator=other, title="The Lighthouse Keeper")
    comment = comment_create(actor=leaver.user, chapter=theirs.chapters.get(), data=CommentInput(text="Lovely."))
    now = timezone.now()
    for kind, extra in (
        ("comment", {"actor_name": "wanderer", "comment": comment}),
        ("kudos", {"account_names": ["wanderer", "gull"], "account_count": 2, "period": now.date()}),
        ("kudos", {"account_names": ["roamer"], "account_count": 1, "period": now.date() - timedelta(days=9)}),
        ("co_creator", {"actor_name": "wanderer", "reason": "wanderer invited your pseud keeper to co-create."}),
    ):
        Notification.objects.create(recipient=other, kind=kind, actor=leaver.user, work=theirs, updated_at=now, **extra)
    FormerUsername.objects.create(user=leaver.user, username="roamer")  # its name when it left those kudos
    inbox = reverse("notifications:inbox")
    before = _login(client, other).get(inbox).content.decode()
    assert "wanderer" in before and "roamer" in before
    _post(_login(client, leaver.user), leaver)
    page = _login(client, other).get(inbox).content.decode()
    assert "wanderer" not in page and "roamer" not in page
    assert "A deleted account commented on" in page
    assert "gull and 1 more account left kudos" in page  # still counted, no longer named


def test_the_goodbye_page_is_only_for_those_who_left(client, leaver) -> None:
    assert "Your account is deleted" in client.get(GOODBYE).content.decode()
    assert _login(client, leaver.user).get(GOODBYE)["Location"] == reverse("home")


def test_an_archivist_leaves_and_the_authors_archived_works_stay_claimable(client, leaver) -> None:
    from scriptorium.works.external import external_creator_get_or_create, work_external_creators_set
    from scriptorium.works.models import ExternalCreator
    from scriptorium.works.orphaning import ORPHAN_USERNAME

    author = external_creator_get_or_create(archivist=leaver.user, name="Wren Halloway", email="wren@example.org")
    work_external_creators_set(work=leaver.kept, external_creators=[author])
    response = _post(_login(client, leaver.user), leaver)
    assert response.status_code == 302
    assert not User.objects.filter(pk=leaver.user.pk).exists()
    kept = ExternalCreator.objects.get(pk=author.pk)  # the account's deletion was not refused for it
    assert kept.archivist.username == ORPHAN_USERNAME
    assert kept.email == "wren@example.org"
    assert list(
        Work.objects.get(pk=leaver.kept.pk).external_creatorships.values_list("external_creator", flat=True)
    ) == [author.pk]
