"""Kudos: once per account, once per guest (by a daily salted hash of the address), never from the creators."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.interactions import guests
from scriptorium.interactions.models import GuestSalt, Kudos
from scriptorium.interactions.services import KUDOS_OWN_WORK, KUDOS_TWICE, kudos_give
from scriptorium.works.models import Work
from tests.factories import UserFactory, make_work
from tests.interactions.conftest import two_chapters

pytestmark = pytest.mark.django_db


def _kudos(client, work: Work, **extra: object):
    return client.post(f"/works/{work.pk}/kudos", {"next": f"/works/{work.pk}"}, **extra)


def test_an_account_leaves_kudos_and_is_listed(client, work, other_user) -> None:
    client.force_login(other_user)

    response = _kudos(client, work)

    assert response.status_code == 302 and response["Location"] == f"/works/{work.pk}#kudos"
    work.refresh_from_db()
    assert work.kudos_count == 1
    page = client.get(f"/works/{work.pk}")
    assertContains(page, "Thank you for leaving kudos!")
    assertContains(page, f'<a href="/users/{other_user.username}/">{other_user.username}</a>')
    assertContains(page, "left kudos on this work!")
    assertContains(page, "You left kudos on this work.")
    assertContains(page, "<dt>Kudos:</dt><dd>1</dd>")


def test_kudos_twice_is_refused_with_a_message_and_counted_once(client, work, other_user) -> None:
    client.force_login(other_user)
    _kudos(client, work)

    response = _kudos(client, work)

    assert response.status_code == 302 and response["Location"] == f"/works/{work.pk}"
    assertContains(client.get(response["Location"]), "You have already left kudos here. :)")
    assert Kudos.objects.filter(work=work).count() == 1
    work.refresh_from_db()
    assert work.kudos_count == 1


def test_the_service_refuses_kudos_twice(work, other_user) -> None:
    kudos_give(actor=other_user, work=work)

    with pytest.raises(ValidationError) as caught:
        kudos_give(actor=other_user, work=work)

    assert caught.value.messages == [KUDOS_TWICE]


def test_creators_cannot_leave_kudos_on_their_own_work(writer_client, work) -> None:
    page = writer_client.get(f"/works/{work.pk}")
    assertNotContains(page, f'action="/works/{work.pk}/kudos"')  # no button for the creator

    response = _kudos(writer_client, work)

    assertContains(writer_client.get(response["Location"]), KUDOS_OWN_WORK)
    assert not Kudos.objects.exists()
    work.refresh_from_db()
    assert work.kudos_count == 0


def test_a_guest_leaves_kudos_once_per_address(client, work) -> None:
    _kudos(client, work, REMOTE_ADDR="203.0.113.7")
    again = _kudos(client, work, REMOTE_ADDR="203.0.113.7")
    _kudos(client, work, REMOTE_ADDR="203.0.113.8")

    assertContains(client.get(again["Location"]), KUDOS_TWICE)
    work.refresh_from_db()
    assert work.kudos_count == 2
    assert Kudos.objects.filter(user__isnull=True).count() == 2
    page = client.get(f"/works/{work.pk}", REMOTE_ADDR="203.0.113.7")
    assertContains(page, "2 guests")
    assertContains(page, "You left kudos on this work.")


def test_the_raw_address_is_never_stored(client, work) -> None:
    _kudos(client, work, REMOTE_ADDR="198.51.100.23")

    kudos = Kudos.objects.get()
    assert "198.51.100.23" not in kudos.guest_key
    assert len(kudos.guest_key) == 64
    assert kudos.guest_key == guests.stored_guest_key("198.51.100.23")


def test_guest_keys_rotate_daily_and_old_salts_are_deleted(work) -> None:
    monday, tuesday = datetime.date(2026, 3, 2), datetime.date(2026, 3, 3)

    first = guests.stored_guest_key("192.0.2.1", day=monday)
    second = guests.stored_guest_key("192.0.2.1", day=tuesday)

    assert first != second
    assert list(GuestSalt.objects.values_list("day", flat=True)) == [tuesday]
    assert guests.stored_guest_key("192.0.2.1", day=tuesday) == second


def test_forwarded_addresses_count_only_behind_a_proxy(client, work, settings) -> None:
    _kudos(client, work, HTTP_X_FORWARDED_FOR="192.0.2.50")
    second = _kudos(client, work, HTTP_X_FORWARDED_FOR="192.0.2.51")
    assertContains(client.get(second["Location"]), KUDOS_TWICE)  # both came from 127.0.0.1

    settings.SCRIPTORIUM_BEHIND_PROXY = True
    _kudos(client, work, HTTP_X_FORWARDED_FOR="10.0.0.1, 192.0.2.52")
    work.refresh_from_db()
    assert work.kudos_count == 2


@pytest.mark.parametrize("hidden", ["draft", "restricted"])
def test_kudos_on_a_hidden_work_is_404_like_a_missing_work(client, user, hidden) -> None:
    work = make_work(creator=user, post=hidden != "draft", restricted=hidden == "restricted")
    if hidden == "draft":
        client.force_login(UserFactory())

    assert _kudos(client, work).status_code == 404
    assert _kudos(client, Work(pk=999_999)).status_code == 404
    assert not Kudos.objects.exists()


def test_kudos_needs_a_post(client, work) -> None:
    assert client.get(f"/works/{work.pk}/kudos").status_code == 405


def test_kudos_on_chapters_are_counted_per_chapter(client, user, other_user) -> None:
    work = two_chapters(user)
    first, second = work.chapters.order_by("position")
    client.force_login(other_user)
    url = f"/works/{work.pk}/chapters/{second.pk}"

    response = client.post(f"{url}/kudos", {"next": url})
    again = client.post(f"{url}/kudos", {"next": url})

    assert response["Location"] == f"{url}#chapter-kudos-{second.pk}"
    assertContains(client.get(again["Location"]), KUDOS_TWICE)
    assert Kudos.objects.filter(chapter=second).count() == 1
    work.refresh_from_db()
    assert work.kudos_count == 0  # the work's own kudos are separate
    page = client.get(url)
    assertContains(page, "You left kudos on this chapter.")
    assertContains(page, "1 kudos on this chapter")
    first_page = client.get(f"/works/{work.pk}/chapters/{first.pk}")
    assertContains(first_page, 'Kudos for this chapter<span class="visually-hidden"> (Chapter 1)')
    _kudos(client, work)
    work.refresh_from_db()
    assert work.kudos_count == 1


def test_a_chapter_of_another_work_is_404(client, user, other_user) -> None:
    work, other = two_chapters(user), two_chapters(user)
    client.force_login(other_user)

    response = client.post(f"/works/{work.pk}/chapters/{other.chapters.first().pk}/kudos")

    assert response.status_code == 404
    assert not Kudos.objects.exists()


def test_kudos_list_names_accounts_then_guests(client, work) -> None:
    readers = [UserFactory(username=f"reader{i}") for i in range(3)]
    for reader in readers:
        kudos_give(actor=reader, work=work)
    kudos_give(actor=AnonymousUser(), work=work, guest_key="a" * 64)

    body = client.get(f"/works/{work.pk}").content.decode()

    assert "reader2</a>, <a" in body and "reader1</a> and <a" in body  # newest first
    assert "as well as 1 guest" in body


def test_kudos_names_are_capped_with_a_count_of_the_rest(client, work, monkeypatch) -> None:
    from scriptorium.interactions.selectors import kudos as selectors

    monkeypatch.setattr(selectors, "KUDOS_NAMES_SHOWN", 2)
    for i in range(4):
        kudos_give(actor=UserFactory(username=f"fan{i}"), work=work)

    assertContains(client.get(f"/works/{work.pk}"), "and 2 more users")


def test_blurbs_show_kudos_comments_and_hits(client, work, other_user) -> None:
    kudos_give(actor=other_user, work=work)
    Work.objects.filter(pk=work.pk).update(hits_count=1234, comments_count=2)

    body = client.get("/works/").content.decode()

    assert "<dt>Kudos:</dt><dd>1</dd>" in body
    assert "<dt>Comments:</dt><dd>2</dd>" in body
    assert "<dt>Hits:</dt><dd>1,234</dd>" in body
