"""Who sees a work hidden by a moderator, and where: its creators and the moderators (admins included) open it
with the reason; everyone else gets the missing-work answer; it leaves every listing, search, tag page, count,
download and announcement, for everyone; showing it again brings it all back."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from scriptorium.moderation.models import Case
from scriptorium.moderation.services import work_moderate
from scriptorium.notifications.models import Notification, NotificationKind
from scriptorium.notifications.services import subscription_create
from scriptorium.works.models import Work
from tests.factories import make_work
from tests.moderation.helpers import login, reported

pytestmark = pytest.mark.django_db

REASON = "Copied from another archive without permission."
ROLES = ("guest", "reader", "wrangler", "creator", "co_creator", "moderator", "admin")
SEES_IT = {"creator", "co_creator", "moderator", "admin"}


def _client(request, role: str) -> Client:
    client = Client()
    if role != "guest":
        login(client, request.getfixturevalue(role))
    return client


def _hide(work: Work, moderator, *, action: str = "hide") -> None:
    case = reported(work)
    work_moderate(actor=moderator, case_id=case.pk, work_id=work.pk, action=action, reason=REASON)


@pytest.fixture
def hidden(work, moderator, committed) -> Work:
    """The work, hidden; what the commit triggers (the search index update) has run."""
    with committed():
        _hide(work, moderator)
    work.refresh_from_db()
    return work


@pytest.mark.parametrize("role", ROLES)
def test_hidden_work_page_only_for_creators_and_moderators(request, hidden, role) -> None:
    client = _client(request, role)
    chapter = hidden.chapters.first()
    for url in (f"/works/{hidden.pk}", f"/works/{hidden.pk}/chapters/{chapter.pk}", f"/works/{hidden.pk}/navigate"):
        response = client.get(url)
        if role in SEES_IT:
            assert response.status_code == 200, (role, url)
        else:
            assert response.status_code == 404, (role, url)
    page = client.get(f"/works/{hidden.pk}")
    if role in SEES_IT:
        text = page.content.decode()
        assert "Hidden by a moderator" in text and REASON in text


@pytest.mark.parametrize("role", ROLES)
def test_hidden_work_leaves_listings_search_tags_and_counts_for_everyone(request, hidden, creator, role) -> None:
    client = _client(request, role)
    title = "Lanterns Over Quayside"
    places = [
        "/works/",
        "/works/search?q=Lanterns",
        "/tags/Harbour Town/works",
        f"/users/{creator.username}/",
    ]
    for url in places:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert title not in response.content.decode(), (role, url)
    tag_page = client.get("/tags/Harbour Town")
    if tag_page.status_code == 200:  # the tag is only on the hidden work: unknown to most
        assert tag_page.context["work_count"] == 0, role
    suggestions = client.get("/tags/autocomplete/additional?q=Harbour").content.decode()
    # The JSON endpoint: only those who may open the work learn the tag (and wranglers, who see every tag).
    assert ("Harbour Town" in suggestions) == (role in SEES_IT | {"wrangler"}), role


@pytest.mark.parametrize("role", ROLES)
def test_hidden_work_downloads_only_for_creators_and_moderators(request, hidden, role) -> None:
    response = _client(request, role).get(f"/works/{hidden.pk}/download/html")
    if role in SEES_IT:
        assert response.status_code in (200, 202), role
        assert response.get("Cache-Control", "").startswith("private")
    else:
        assert response.status_code == 404, role


@pytest.mark.parametrize("role", ("guest", "reader"))
def test_hidden_work_takes_no_kudos_comments_or_bookmarks(request, hidden, role) -> None:
    client = _client(request, role)
    chapter = hidden.chapters.first()
    assert client.post(f"/works/{hidden.pk}/kudos").status_code == 404
    assert client.post(f"/works/{hidden.pk}/chapters/{chapter.pk}/comments", {"text": "hello"}).status_code == 404
    assert client.get(f"/works/{hidden.pk}/bookmark").status_code in (302, 404)
    assert hidden.kudos.count() == 0


def test_hidden_work_is_announced_to_nobody(work, moderator, reader, committed) -> None:
    """A new chapter on a hidden work reaches no subscriber; the inbox no longer shows older news of it."""
    subscription_create(actor=reader, kind="work", target_id=work.pk)
    _hide(work, moderator)
    from scriptorium.works.inputs import ChapterInput
    from scriptorium.works.services import chapter_add

    with committed():
        chapter_add(actor=work.creators.first().user, work=work, data=ChapterInput(text="More lanterns."))
    assert not Notification.objects.filter(recipient=reader, kind=NotificationKind.NEW_CHAPTER).exists()


def test_moderators_see_it_but_other_queries_do_not(hidden, moderator, admin, reader, creator, co_creator) -> None:
    assert Work.objects.visible_to(moderator).filter(pk=hidden.pk).exists()
    assert Work.objects.visible_to(admin).filter(pk=hidden.pk).exists()
    assert Work.objects.visible_to(creator).filter(pk=hidden.pk).exists()
    assert Work.objects.visible_to(co_creator).filter(pk=hidden.pk).exists()
    assert not Work.objects.visible_to(reader).filter(pk=hidden.pk).exists()
    assert not Work.objects.visible_to(AnonymousUser()).filter(pk=hidden.pk).exists()
    for user in (moderator, admin, creator, reader, AnonymousUser()):
        assert not Work.objects.listed_for(user).filter(pk=hidden.pk).exists()


def test_a_moderator_does_not_see_other_peoples_drafts(moderator) -> None:
    draft = make_work(post=False)
    assert not Work.objects.visible_to(moderator).filter(pk=draft.pk).exists()


def test_unhiding_brings_it_back_everywhere(client, hidden, moderator, committed) -> None:
    case = Case.objects.get(target_kind="work", target_id=hidden.pk)
    with committed():
        work_moderate(actor=moderator, case_id=case.pk, work_id=hidden.pk, action="unhide", reason="Permission shown.")
    assert client.get(f"/works/{hidden.pk}").status_code == 200
    assert "Lanterns Over Quayside" in client.get("/works/").content.decode()
    assert "Lanterns Over Quayside" in client.get("/works/search?q=Lanterns").content.decode()
    assert client.get("/tags/Harbour Town").context["work_count"] == 1


def test_spam_hides_and_says_so(client, work, moderator, creator) -> None:
    _hide(work, moderator, action="spam")
    work.refresh_from_db()
    assert work.hidden and work.hidden_as_spam
    login(client, creator)
    assert "Hidden by a moderator as spam" in client.get(f"/works/{work.pk}").content.decode()
