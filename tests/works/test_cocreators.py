"""Co-creators by consent (issue 13): naming another writer's pseud invites it; it is credited nowhere (work
page, listings, search, the writer's page, downloads) until its account accepts; declining leaves it uncredited;
someone who blocked you cannot be invited; only the owner removes others; a co-creator leaves on their own and
cannot delete the work while others are credited."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from scriptorium.interactions.services.relations import block_add
from scriptorium.notifications.models import Notification, NotificationKind
from scriptorium.works import cocreators, services
from scriptorium.works.models import CreatorInvitation, Creatorship, InvitationState, Work
from scriptorium.works.selectors import work_input_current
from tests.factories import UserFactory, credit_co_creator, make_work
from tests.works.forms_data import edit_form_data, row_counts, work_form_data

pytestmark = pytest.mark.django_db

INVITATIONS = "/account/co-creator-invitations"


@pytest.fixture
def owner(db):
    return UserFactory(username="owner_olwen")


@pytest.fixture
def invitee(db):
    return UserFactory(username="zephyrine")


@pytest.fixture
def shared_work(owner, invitee, django_capture_on_commit_callbacks) -> Work:
    """A posted work whose owner named ``invitee`` as co-creator when posting it (so: invited, and told)."""
    from scriptorium.works.inputs import ChapterInput, WorkInput

    with django_capture_on_commit_callbacks(execute=True):
        return services.work_create(
            actor=owner,
            creators=[owner.default_pseud, invitee.default_pseud],
            data=WorkInput(title="Tidewater Lanterns", fandoms=("Original Work",), rating="General Audiences"),
            chapters=[ChapterInput(text="The lanterns drifted out on the ebb.")],
            post=True,
        )


def _invitation(work: Work) -> CreatorInvitation:
    return work.creator_invitations.get(state=InvitationState.PENDING)


def _epub_text(client, work: Work) -> str:
    response = client.get(reverse("transfer:download", kwargs={"work_id": work.pk, "format_name": "epub"}))
    assert response.status_code == 200
    book = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(book.read(n).decode() for n in book.namelist() if n.endswith((".xhtml", ".opf")))


def _html_download(client, work: Work) -> str:
    response = client.get(reverse("transfer:download", kwargs={"work_id": work.pk, "format_name": "html"}))
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def _everywhere(client, work: Work, name: str) -> dict[str, bool]:
    """Where a reader finds ``name`` credited: the work page's byline, the works listing, a creator search, the
    invitee's own page (their works), both downloads, the owner's Atom feed (an entry's authors), the invitee's
    feed (their works) and the API's work."""
    page = client.get(work.get_absolute_url()).content.decode()
    owner_feed = client.get(f"/users/{work.owner.username}/feed.atom").content.decode()
    their_feed = client.get(f"/users/{name}/feed.atom").content.decode()
    api = client.get(f"/api/v1/works/{work.pk}/").json()
    listing = client.get("/works/").content.decode()
    search = client.get("/works/search", {"q": f"creator:{name}"}).content.decode()
    profile = client.get(reverse("accounts:user", kwargs={"username": name})).content.decode()
    return {
        "work page": f">{name}</a>" in page,
        "listing": f">{name}</a>" in listing,
        "search": work.title in search,
        "their page": work.title in profile,
        "epub": name in _epub_text(client, work),
        "html": name in _html_download(client, work),
        "feed": f"<name>{name}</name>" in owner_feed,
        "their feed": work.title in their_feed,
        "api": name in [c["username"] for c in api["creators"]],
    }


def test_invited_is_credited_nowhere_until_accepting_then_everywhere(client, owner, invitee, shared_work) -> None:
    work = shared_work
    assert _everywhere(client, work, "zephyrine") == dict.fromkeys(
        ("work page", "listing", "search", "their page", "epub", "html", "feed", "their feed", "api"), False
    )
    assert not Work.objects.editable_by(invitee).exists()
    revision = Work.objects.get(pk=work.pk).revision

    client.force_login(invitee)
    response = client.post(INVITATIONS, {"invitation": _invitation(work).pk, "answer": "accept"})
    assert response.status_code == 302 and response["Location"] == work.get_absolute_url()
    client.logout()

    assert Work.objects.get(pk=work.pk).revision == revision + 1  # new byline: downloads are rebuilt
    assert _everywhere(client, work, "zephyrine") == dict.fromkeys(
        ("work page", "listing", "search", "their page", "epub", "html", "feed", "their feed", "api"), True
    )
    assert [c.pseud.user for c in work.creatorships.order_by("position")] == [owner, invitee]
    assert list(Work.objects.editable_by(invitee)) == [work]


def test_declining_never_credits_and_a_new_invitation_may_ask_again(client, owner, invitee, shared_work) -> None:
    work = shared_work
    client.force_login(invitee)
    response = client.post(INVITATIONS, {"invitation": _invitation(work).pk, "answer": "decline"})
    assert response.status_code == 302
    assert "declined" in client.get(INVITATIONS).content.decode()
    assert not Creatorship.objects.filter(work=work, pseud__user=invitee).exists()
    assert work.creator_invitations.get().state == InvitationState.DECLINED
    # Answering twice does nothing more.
    again = client.post(INVITATIONS, {"invitation": work.creator_invitations.get().pk, "answer": "accept"})
    assert again.status_code == 302
    assert not Creatorship.objects.filter(work=work, pseud__user=invitee).exists()

    cocreators.work_creator_invite(actor=owner, work=work, pseud=invitee.default_pseud)
    assert work.creator_invitations.filter(state=InvitationState.PENDING).count() == 1


def test_inviting_twice_or_inviting_a_credited_pseud_adds_nothing(owner, invitee, shared_work) -> None:
    work = shared_work
    cocreators.work_creator_invite(actor=owner, work=work, pseud=invitee.default_pseud)
    services.work_update(
        actor=owner,
        work=work,
        data=work_input_current(work),
        creators=[owner.default_pseud, invitee.default_pseud],
    )
    assert work.creator_invitations.count() == 1
    cocreators.creator_invitation_accept(actor=invitee, invitation_id=_invitation(work).pk)
    assert cocreators.work_creator_invite(actor=owner, work=work, pseud=invitee.default_pseud) is None
    assert work.creator_invitations.filter(state=InvitationState.PENDING).count() == 0


def test_only_the_invitee_answers(owner, invitee, shared_work) -> None:
    stranger = UserFactory()
    for actor in (owner, stranger):
        with pytest.raises(PermissionDenied):
            cocreators.creator_invitation_accept(actor=actor, invitation_id=_invitation(shared_work).pk)
    assert _invitation(shared_work).pending


def test_the_invitee_hears_in_the_inbox_and_by_email(client, owner, invitee, shared_work) -> None:
    entry = Notification.objects.get(recipient=invitee)
    assert entry.kind == NotificationKind.CO_CREATOR
    assert entry.link == f"{INVITATIONS}#invitation-{_invitation(shared_work).pk}"
    assert "owner_olwen" in entry.reason and "“Tidewater Lanterns”" in entry.reason
    [message] = [m for m in mail.outbox if invitee.email in m.to]
    assert "Tidewater Lanterns" in message.subject
    assert INVITATIONS in message.body and "not credited yet" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html" and INVITATIONS in html and "Tidewater Lanterns" in html
    # The inbox entry leads to the invitations page, which offers both answers.
    client.force_login(invitee)
    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert f'href="{entry.link}"' in inbox
    page = client.get(INVITATIONS).content.decode()
    assert f'id="invitation-{_invitation(shared_work).pk}"' in page
    assert "Tidewater Lanterns" in page and 'value="accept"' in page and 'value="decline"' in page
    assert "csrfmiddlewaretoken" in page


@pytest.mark.parametrize(("button", "answer"), [("accept", "accepted"), ("decline", "declined")])
def test_an_answer_settles_the_invitees_entry_and_the_inviter_hears_it(
    client, owner, invitee, shared_work, button, answer, django_capture_on_commit_callbacks
) -> None:
    invitation = _invitation(shared_work)
    client.force_login(invitee)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(INVITATIONS, {"invitation": invitation.pk, "answer": button})
    assert Notification.objects.get(recipient=invitee).read_at is not None  # it asks nothing more
    told = Notification.objects.get(recipient=owner)
    assert told.kind == NotificationKind.CO_CREATOR and told.actor_name == "zephyrine"
    assert told.reason == f"zephyrine {answer} your invitation to be credited on the work “Tidewater Lanterns”."
    assert told.link == reverse("works:creators", kwargs={"work_id": shared_work.pk}) and told.read_at is None
    client.force_login(owner)
    assert f"{answer} your invitation" in client.get(reverse("notifications:inbox")).content.decode()


def test_someone_who_blocked_you_cannot_be_invited(writer_client, user, invitee) -> None:
    block_add(actor=invitee, username=user.username)
    before = row_counts()
    data = work_form_data(user, co_creators="zephyrine")
    response = writer_client.post(reverse("works:new"), data)

    assert response.status_code == 400
    errors = response.context["form"].errors["co_creators"]
    assert errors == ["“zephyrine” cannot be invited."]  # the reason (a block) is not told
    assert row_counts() == before and not CreatorInvitation.objects.exists()
    work = make_work(creator=user)
    with pytest.raises(ValidationError):
        cocreators.work_creator_invite(actor=user, work=work, pseud=invitee.default_pseud)


def test_a_co_creator_cannot_delete_the_work_nor_remove_the_owner(client, owner, invitee, shared_work) -> None:
    work = shared_work
    cocreators.creator_invitation_accept(actor=invitee, invitation_id=_invitation(work).pk)
    with pytest.raises(PermissionDenied, match="other creators"):
        services.work_delete(actor=invitee, work=work)
    with pytest.raises(PermissionDenied):
        cocreators.work_creator_remove(actor=invitee, work=work, pseud_id=owner.default_pseud.pk)
    # Nor by leaving the owner out on the edit form.
    with pytest.raises(ValidationError, match="Only the account that created"):
        services.work_update(actor=invitee, work=work, data=work_input_current(work), creators=[invitee.default_pseud])
    client.force_login(invitee)
    page = client.get(work.get_absolute_url()).content.decode()
    assert reverse("works:delete", kwargs={"work_id": work.pk}) not in page
    assert reverse("works:creators", kwargs={"work_id": work.pk}) in page
    assert client.post(reverse("works:delete", kwargs={"work_id": work.pk})).status_code == 403
    assert Work.objects.filter(pk=work.pk).exists()
    assert [c.pseud.user for c in work.creatorships.all()] == [owner, invitee]


def test_the_owner_cannot_delete_while_others_are_credited_but_can_remove_them(client, owner, invitee) -> None:
    work = make_work(creator=owner, title="Harbour Bells")
    credit_co_creator(work, invitee)
    with pytest.raises(PermissionDenied):
        services.work_delete(actor=owner, work=work)
    client.force_login(owner)
    response = client.post(reverse("works:creators", kwargs={"work_id": work.pk}), {"remove": invitee.default_pseud.pk})
    assert response.status_code == 302
    assert [c.pseud.user for c in work.creatorships.all()] == [owner]
    services.work_delete(actor=owner, work=work)
    assert not Work.objects.filter(pk=work.pk).exists()


def test_a_co_creator_removes_themselves_but_the_last_creator_stays(client, owner, invitee) -> None:
    work = make_work(creator=owner, title="Harbour Bells")
    credit_co_creator(work, invitee)
    revision = Work.objects.get(pk=work.pk).revision
    client.force_login(invitee)
    page = client.get(reverse("works:creators", kwargs={"work_id": work.pk})).content.decode()
    assert "Remove me" in page and f"Remove {owner.default_pseud.name}" not in page
    response = client.post(reverse("works:creators", kwargs={"work_id": work.pk}), {"remove": invitee.default_pseud.pk})
    assert response.status_code == 302
    assert [c.pseud.user for c in work.creatorships.all()] == [owner]
    assert Work.objects.get(pk=work.pk).revision == revision + 1
    with pytest.raises(ValidationError):  # the owner alone: someone must stay credited
        cocreators.work_creator_remove(actor=owner, work=work, pseud_id=owner.default_pseud.pk)


def test_only_the_owner_cancels_invitations_and_deleting_the_work_drops_them(owner, invitee) -> None:
    co = UserFactory()
    work = make_work(creator=owner)
    credit_co_creator(work, co)
    invitation = cocreators.work_creator_invite(actor=co, work=work, pseud=invitee.default_pseud)
    with pytest.raises(PermissionDenied):
        cocreators.creator_invitation_cancel(actor=co, target=work, invitation_id=invitation.pk)
    cocreators.creator_invitation_cancel(actor=owner, target=work, invitation_id=invitation.pk)
    assert not CreatorInvitation.objects.filter(pk=invitation.pk).exists()

    lone = make_work(creator=owner)
    cocreators.work_creator_invite(actor=owner, work=lone, pseud=invitee.default_pseud)
    services.work_delete(actor=owner, work=lone)
    assert not CreatorInvitation.objects.filter(pseud=invitee.default_pseud, state="pending").exists()


def test_the_edit_form_keeps_pending_invitations(writer_client, user, invitee) -> None:
    work = make_work(creator=user)
    cocreators.work_creator_invite(actor=user, work=work, pseud=invitee.default_pseud)
    data = edit_form_data(work, user, title="Renamed")
    assert data["co_creators"] == "zephyrine"
    assert writer_client.post(reverse("works:edit", kwargs={"work_id": work.pk}), data).status_code == 302
    assert _invitation(work).pseud == invitee.default_pseud


def test_series_need_consent_too(client, owner, invitee, django_capture_on_commit_callbacks) -> None:
    make_work(creator=owner, title="Part One", series_title="Salt Roads")
    series = owner.default_pseud.series.get()
    assert series.owner == owner
    client.force_login(owner)
    url = reverse("series:creators", kwargs={"series_id": series.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"name": "zephyrine"}).status_code == 302
    assert list(series.creators.all()) == [owner.default_pseud]  # invited, not credited
    invitation = series.creator_invitations.get()
    told = Notification.objects.get(recipient=invitee, kind=NotificationKind.CO_CREATOR)
    assert "series “Salt Roads”" in told.reason

    cocreators.creator_invitation_accept(actor=invitee, invitation_id=invitation.pk)
    assert set(series.creators.all()) == {owner.default_pseud, invitee.default_pseud}
    assert "zephyrine" in client.get(series.get_absolute_url()).content.decode()
    with pytest.raises(PermissionDenied):
        cocreators.series_creator_remove(actor=invitee, series=series, pseud_id=owner.default_pseud.pk)
    cocreators.series_creator_remove(actor=invitee, series=series, pseud_id=invitee.default_pseud.pk)
    assert list(series.creators.all()) == [owner.default_pseud]

    blocker = UserFactory(username="hermit")
    block_add(actor=blocker, username=owner.username)
    client.post(url, {"name": "hermit"})
    assert not series.creator_invitations.filter(pseud__user=blocker).exists()


def test_the_migration_makes_the_first_creator_the_owner(owner, invitee) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("scriptorium.works.migrations.0005_creator_invitations_and_owners")
    work = make_work(creator=owner, series_title="Old Series")
    Creatorship.objects.create(work=work, pseud=invitee.default_pseud, position=1)  # credited before consent
    Work.objects.filter(pk=work.pk).update(owner=None)
    work.series_parts.get().series.__class__.objects.update(owner=None)

    migration.owners_from_first_creators(apps, None)
    work.refresh_from_db()
    assert work.owner == owner
    assert [c.pseud.user for c in work.creatorships.all()] == [owner, invitee]  # stays credited
    assert work.series_parts.get().series.owner == owner


def test_a_co_creator_edits_through_the_form_without_touching_the_credits(client, owner, invitee) -> None:
    work = make_work(creator=owner, title="Harbour Bells")
    credit_co_creator(work, invitee)
    client.force_login(invitee)
    edit = client.get(reverse("works:edit", kwargs={"work_id": work.pk})).content.decode()
    assert reverse("works:delete", kwargs={"work_id": work.pk}) not in edit  # not offered while others are credited
    data = edit_form_data(work, invitee, title="Harbour Bells, Rung Twice")
    assert data["co_creators"] == owner.default_pseud.name
    assert client.post(reverse("works:edit", kwargs={"work_id": work.pk}), data).status_code == 302
    work.refresh_from_db()
    assert work.title == "Harbour Bells, Rung Twice"
    assert [c.pseud.user for c in work.creatorships.all()] == [owner, invitee]

    client.force_login(owner)
    alone = make_work(creator=owner, title="Only Mine")
    edit = client.get(reverse("works:edit", kwargs={"work_id": alone.pk})).content.decode()
    assert reverse("works:delete", kwargs={"work_id": alone.pk}) in edit
