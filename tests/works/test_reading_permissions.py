"""Who may open what: restricted works need a login, drafts are their creators' alone, and a hidden work
answers exactly as a missing one does."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.works.models import Work
from tests.factories import make_work

pytestmark = pytest.mark.django_db


_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


def _page(content: bytes) -> bytes:
    """The page without its per-request CSRF token (masked differently on every response)."""
    return _CSRF.sub(b'name="csrfmiddlewaretoken" value=""', content)


def _missing_id() -> int:
    return (Work.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


def _urls(work_id: int, chapter_id: int) -> list[str]:
    return [
        f"/works/{work_id}",
        f"/works/{work_id}?view_full_work=true",
        f"/works/{work_id}/chapters/{chapter_id}",
        f"/works/{work_id}/navigate",
    ]


def _assert_answers_like_missing(client, work: Work) -> None:
    chapter = work.chapters.first()
    missing = _missing_id()
    for hidden_url, missing_url in zip(_urls(work.pk, chapter.pk), _urls(missing, chapter.pk), strict=True):
        hidden = client.get(hidden_url)
        absent = client.get(missing_url)
        assert hidden.status_code == absent.status_code == 404, hidden_url
        # A 404 page may echo its own URL (a "Log in" link with ?next=): compare with the ids swapped.
        same_path = hidden.content.replace(f"/works/{work.pk}".encode(), f"/works/{missing}".encode())
        assert _page(same_path) == _page(absent.content), hidden_url
        assert work.title.encode() not in hidden.content


def test_guest_is_told_to_log_in_for_a_restricted_work(client) -> None:
    """AO3's answer, which its tools (FanFicFare) read to log in: the sentence and a log-in link back here, and
    nothing of the work (not even its title)."""
    work = make_work(title="Locked Garden", restricted=True, chapters=["One.", "Two."], summary="Roses.")

    for url in _urls(work.pk, work.chapters.first().pk):
        response = client.get(url)
        assert response.status_code == 200, url
        assertContains(response, "This work is only available to registered users of the Archive.")
        assertContains(response, f"/login?next={quote(url, safe='/')}")
        for secret in ("Locked Garden", "Roses.", "One.", "Two."):
            assertNotContains(response, secret)


def test_restricted_work_hidden_by_a_moderator_stays_missing_for_a_guest(client) -> None:
    work = make_work(title="Locked Garden", restricted=True, chapters=["One.", "Two."])
    Work.objects.filter(pk=work.pk).update(hidden=True)

    _assert_answers_like_missing(client, work)


def test_restricted_draft_stays_missing_for_a_guest(client, user) -> None:
    draft = make_work(creator=user, title="Secret Draft", restricted=True, post=False, chapters=["One.", "Two."])

    _assert_answers_like_missing(client, draft)


def test_logged_in_reader_opens_a_restricted_work(client, other_user) -> None:
    work = make_work(title="Locked Garden", restricted=True, chapters=["One.", "Two."])
    client.force_login(other_user)

    for url in _urls(work.pk, work.chapters.first().pk):
        response = client.get(url)
        assert response.status_code == 200, url
        assertContains(response, "Locked Garden")


def test_guest_gets_the_missing_work_answer_for_a_draft(client, user) -> None:
    draft = make_work(creator=user, title="Secret Draft", post=False, chapters=["One.", "Two."])

    _assert_answers_like_missing(client, draft)


def test_another_user_gets_the_missing_work_answer_for_a_draft(client, user, other_user) -> None:
    draft = make_work(creator=user, title="Secret Draft", post=False, chapters=["One.", "Two."])
    client.force_login(other_user)

    _assert_answers_like_missing(client, draft)


def test_creator_opens_every_page_of_their_draft(writer_client, user) -> None:
    draft = make_work(creator=user, title="Secret Draft", post=False, chapters=["One.", "Two."])

    for url in _urls(draft.pk, draft.chapters.first().pk):
        response = writer_client.get(url)
        assert response.status_code == 200, url
        assertContains(response, "Secret Draft")


def test_co_creator_opens_a_shared_draft_once_they_accept(client, user, other_user) -> None:
    from scriptorium.works.cocreators import creator_invitation_accept
    from scriptorium.works.inputs import WorkInput
    from scriptorium.works.services import work_update

    draft = make_work(creator=user, title="Joint Draft", post=False)
    work_update(
        actor=user,
        work=draft,
        data=WorkInput(title="Joint Draft", fandoms=("Original Work",)),
        creators=[user.default_pseud, other_user.default_pseud],
    )
    client.force_login(other_user)
    assert client.get(f"/works/{draft.pk}").status_code == 404  # only invited so far

    creator_invitation_accept(actor=other_user, invitation_id=draft.creator_invitations.get().pk)
    assert client.get(f"/works/{draft.pk}").status_code == 200


def test_series_lists_only_works_the_viewer_may_see(client, user) -> None:
    make_work(creator=user, title="Open Part", series_title="Mixed Series")
    make_work(creator=user, title="Locked Part", series_title="Mixed Series", restricted=True)
    make_work(creator=user, title="Drafted Part", series_title="Mixed Series", post=False)
    series_id = Work.objects.get(title="Open Part").series_parts.get().series_id

    guest = client.get(f"/series/{series_id}")
    client.force_login(user)
    member = client.get(f"/series/{series_id}")

    assert guest.status_code == member.status_code == 200
    assertContains(guest, "Open Part")
    assertNotContains(guest, "Locked Part")
    assertNotContains(guest, "Drafted Part")
    assertContains(member, "Locked Part")
    assertNotContains(member, "Drafted Part")


def test_series_with_nothing_visible_is_404_like_a_missing_one(client, user) -> None:
    make_work(creator=user, title="Only Locked", series_title="Hidden Series", restricted=True)
    series_id = Work.objects.get(title="Only Locked").series_parts.get().series_id

    hidden = client.get(f"/series/{series_id}")
    missing = client.get(f"/series/{series_id + 1000}")

    assert hidden.status_code == missing.status_code == 404
    assert _page(hidden.content.replace(f"/series/{series_id}".encode(), f"/series/{series_id + 1000}".encode())) == (
        _page(missing.content)
    )
