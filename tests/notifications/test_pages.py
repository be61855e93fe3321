"""Subscribe buttons, the subscriptions page, the inbox and the header's unread count, with bad input."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scriptorium.interactions.services import kudos_give
from scriptorium.notifications.models import DigestSettings, Notification, Subscription
from scriptorium.search.models import SavedSearch
from scriptorium.tags.models import Tag
from tests.factories import UserFactory, make_work
from tests.notifications.conftest import comment_on

pytestmark = pytest.mark.django_db


def _subscribe(client, kind: str, target_id: int, **extra: str):
    return client.post(
        reverse("notifications:change", args=[kind, target_id]), {"action": "subscribe", **extra}, follow=True
    )


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_subscribing_twice_keeps_one_subscription_and_says_so(client) -> None:
    reader = UserFactory()
    work = make_work(title="Tidewater")
    client.force_login(reader)
    first = _subscribe(client, "work", work.pk, next=work.get_absolute_url())
    assert "You are subscribed to “Tidewater”." in _messages(first)
    assert first.redirect_chain[-1][0] == work.get_absolute_url()
    second = _subscribe(client, "work", work.pk)
    assert "You were already subscribed to “Tidewater”; nothing changed." in _messages(second)
    assert Subscription.objects.filter(user=reader).count() == 1


def test_a_draft_cannot_be_subscribed_to_even_by_its_writer(client) -> None:
    writer = UserFactory()
    draft = make_work(creator=writer, post=False)
    client.force_login(UserFactory())
    assert (
        client.post(reverse("notifications:change", args=["work", draft.pk]), {"action": "subscribe"}).status_code
        == 404
    )
    client.force_login(writer)
    assert (
        client.post(reverse("notifications:change", args=["work", draft.pk]), {"action": "subscribe"}).status_code
        == 404
    )
    assert not Subscription.objects.exists()


def test_unknown_kinds_and_missing_targets_are_404(client) -> None:
    client.force_login(UserFactory())
    assert client.post(reverse("notifications:change", args=["planet", 1]), {"action": "subscribe"}).status_code == 404
    assert (
        client.post(reverse("notifications:change", args=["tag", 999999]), {"action": "subscribe"}).status_code == 404
    )
    assert (
        client.post(reverse("notifications:change", args=["series", 999999]), {"action": "subscribe"}).status_code
        == 404
    )
    assert not Subscription.objects.exists()


def test_someone_elses_saved_search_cannot_be_subscribed_to(client) -> None:
    owner = UserFactory()
    saved = SavedSearch.objects.create(user=owner, name="Boats", query_string="q=boats")
    client.force_login(UserFactory())
    assert (
        client.post(reverse("notifications:change", args=["search", saved.pk]), {"action": "subscribe"}).status_code
        == 404
    )
    client.force_login(owner)
    response = _subscribe(client, "search", saved.pk)
    assert "You are subscribed to your saved search “Boats”." in _messages(response)


def test_a_guest_is_sent_to_log_in_and_nothing_is_saved(client) -> None:
    work = make_work()
    response = client.post(reverse("notifications:change", args=["work", work.pk]), {"action": "subscribe"})
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert not Subscription.objects.exists()
    page = client.get(work.get_absolute_url())
    assert "Log in to subscribe" in page.content.decode()


def test_nobody_can_subscribe_to_themselves(client) -> None:
    me = UserFactory()
    client.force_login(me)
    response = _subscribe(client, "creator", me.pk)
    assert "You can’t subscribe to yourself." in _messages(response)
    assert not Subscription.objects.exists()


def test_buttons_on_work_user_series_and_tag_pages_subscribe_and_unsubscribe(client) -> None:
    writer = UserFactory(username="quill")
    work = make_work(creator=writer, series_title="Tides", additional_tags=("Lighthouses",))
    series = work.series_parts.get().series
    tag = Tag.objects.get(name="Lighthouses")
    client.force_login(UserFactory())
    pages = {
        "work": (work.pk, work.get_absolute_url()),
        "creator": (writer.pk, reverse("accounts:user", args=["quill"])),
        "series": (series.pk, series.get_absolute_url()),
        "tag": (tag.pk, reverse("tags:detail", kwargs={"name": tag.name})),
    }
    for kind, (target_id, url) in pages.items():
        action = reverse("notifications:change", args=[kind, target_id])
        html = client.get(url).content.decode()
        assert f'action="{action}"' in html and ">Subscribe</button>" in html, kind
        _subscribe(client, kind, target_id)
        assert ">Unsubscribe</button>" in client.get(url).content.decode(), kind
    assert Subscription.objects.count() == 4
    listing = client.get(reverse("notifications:subscriptions")).content.decode()
    assert "Tides" in listing and "quill" in listing and "Lighthouses" in listing
    client.post(reverse("notifications:change", args=["work", work.pk]), {"action": "unsubscribe"})
    assert Subscription.objects.count() == 3


def test_the_header_counts_unread_and_the_inbox_marks_one_and_all_read(client, committed) -> None:
    writer, reader = UserFactory(), UserFactory(username="alice")
    work = make_work(creator=writer, title="Harbour")
    with committed():
        comment_on(work, reader, "The lamps!")
        kudos_give(actor=reader, work=work)
    client.force_login(writer)
    html = client.get(reverse("works:index")).content.decode()
    assert '<span class="header-count">2<span class="visually-hidden"> unread</span></span>' in html
    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert "alice commented on “Harbour”." in inbox and "The lamps!" in inbox
    assert "alice left kudos on “Harbour”." in inbox
    first = Notification.objects.filter(recipient=writer).first()
    client.post(reverse("notifications:read", args=[first.pk]))
    assert Notification.objects.filter(recipient=writer, read_at__isnull=True).count() == 1
    assert '<span class="header-count">1<' in client.get(reverse("works:index")).content.decode()
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(recipient=writer, read_at__isnull=True).exists()
    assert "header-count" not in client.get(reverse("works:index")).content.decode()


def test_someone_elses_notification_cannot_be_marked(client, committed) -> None:
    writer = UserFactory()
    work = make_work(creator=writer)
    with committed():
        comment_on(work, UserFactory())
    note = Notification.objects.get()
    client.force_login(UserFactory())
    assert client.post(reverse("notifications:read", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.unread


def test_the_inbox_costs_the_same_queries_for_3_and_60_notifications(client, committed) -> None:
    def queries(user) -> int:
        client.force_login(user)
        client.get(reverse("notifications:inbox"))  # whatever other apps do once after writes is done
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("notifications:inbox"))
        assert response.status_code == 200
        return len(context.captured_queries)

    few_writer, many_writer = UserFactory(), UserFactory()
    readers = [UserFactory() for _ in range(3)]
    with committed():
        for writer, count in ((few_writer, 1), (many_writer, 12)):
            for n in range(count):
                work = make_work(creator=writer, title=f"Work {n}", chapters=["One.", "Two."])
                for reader in readers:
                    top = comment_on(work, reader, f"Comment by {reader.username}", position=2)
                    comment_on(work, writer, "Thanks!", position=2, parent=top)
                    kudos_give(actor=reader, work=work)
    few = Notification.objects.filter(recipient=few_writer).count()
    many = Notification.objects.filter(recipient=many_writer).count()
    assert (few, many) == (4, 48)
    assert queries(few_writer) == queries(many_writer)
    client.force_login(many_writer)
    first = client.get(reverse("notifications:inbox")).content.decode()
    second = client.get(reverse("notifications:inbox"), {"page": 2}).content.decode()
    assert first.count('class="inbox__item') == 25 and second.count('class="inbox__item') == 23
    assert 'rel="next"' in first
    Notification.objects.filter(recipient=many_writer).exclude(kind="kudos").update(read_at=timezone.now())
    unread = client.get(reverse("notifications:inbox"), {"show": "unread"}).content.decode()
    assert unread.count('class="inbox__item') == 12


def test_digest_choice_is_saved_and_a_bad_value_changes_nothing(client) -> None:
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("notifications:digest"), {"frequency": "hourly"}, follow=True)
    assert "Choose how often to get the digest." in " ".join(_messages(response))
    assert not DigestSettings.objects.exists()
    client.post(reverse("notifications:digest"), {"frequency": "weekly"})
    assert DigestSettings.objects.get(user=user).frequency == "weekly"
    assert (
        'value="weekly" id="digest-weekly" checked'
        in client.get(reverse("notifications:subscriptions")).content.decode()
    )


def test_muting_a_creator_later_hides_their_news_from_the_inbox_and_the_count(client, committed) -> None:
    from scriptorium.interactions.models import Mute
    from scriptorium.notifications.services import subscription_create

    writer, fan = UserFactory(), UserFactory()
    subscription_create(actor=fan, kind="creator", target_id=writer.pk)
    with committed():
        make_work(creator=writer, title="Lamplight")
    client.force_login(fan)
    assert "“Lamplight” by" in client.get(reverse("notifications:inbox")).content.decode()
    Mute.objects.create(muter=fan, muted=writer)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Lamplight" not in page and "header-count" not in page


def test_a_subscribed_work_hidden_or_taken_back_is_named_nowhere_on_the_page(client) -> None:
    reader = UserFactory()
    hidden = make_work(title="Lantern Under Review")
    withdrawn = make_work(title="Lantern Taken Back")
    shown = make_work(title="Lantern Still Lit")
    for work in (hidden, withdrawn, shown):
        Subscription.objects.create(user=reader, kind="work", work=work)
    type(hidden).objects.filter(pk=hidden.pk).update(hidden=True)  # as a moderator's hiding leaves it
    type(withdrawn).objects.filter(pk=withdrawn.pk).update(posted=False)
    client.force_login(reader)

    page = client.get(reverse("notifications:subscriptions")).content.decode()

    assert "Lantern Still Lit" in page
    assert "Lantern Under Review" not in page  # not in the link, not in the button's hidden words
    assert "Lantern Taken Back" not in page
    assert page.count("no longer posted") == 4  # twice for each: the entry and its button
