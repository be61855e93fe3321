"""Blocking and muting: the pages, the limit, no self-block; blocked accounts cannot comment on my works or
reply to my comments; a muted account's comments disappear for me, and its works show a notice."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.accounts.models import User
from scriptorium.interactions.inputs import CommentInput
from scriptorium.interactions.models import Block, Comment, Mute
from scriptorium.interactions.selectors import muted_user_ids
from scriptorium.interactions.services import block_add, comment_create, mute_add, relations
from scriptorium.works.models import Work
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


def _chapter_url(work: Work) -> str:
    return f"/works/{work.pk}/chapters/{work.chapters.get().pk}"


def _comment(work: Work, author, text: str, parent: Comment | None = None) -> Comment:
    return comment_create(actor=author, chapter=work.chapters.get(), data=CommentInput(text), parent=parent)


def test_block_and_unblock_by_username(client, user, other_user) -> None:
    client.force_login(user)

    response = client.post("/account/blocked", {"username": other_user.username.upper()})

    assert response.status_code == 302
    assert Block.objects.filter(blocker=user, blocked=other_user).exists()
    page = client.get("/account/blocked")
    assertContains(page, f"{other_user.username} is blocked.")
    assertContains(page, f'href="/users/{other_user.username}/"')
    assert client.post(f"/account/blocked/{other_user.pk}/remove", {"name": other_user.username}).status_code == 302
    assert not Block.objects.exists()
    assertContains(client.get("/account/blocked"), f"{other_user.username} is no longer blocked.")


def test_blocking_yourself_is_refused(client, user) -> None:
    client.force_login(user)

    response = client.post("/account/blocked", {"username": user.username})

    assert response.status_code == 400
    assertContains(response, "You can’t block yourself.", status_code=400)
    assertContains(
        client.post("/account/muted", {"username": user.username}), "You can’t mute yourself.", status_code=400
    )
    assert not Block.objects.exists() and not Mute.objects.exists()


def test_unknown_username_and_twice_are_refused(client, user, other_user) -> None:
    client.force_login(user)
    assertContains(
        client.post("/account/muted", {"username": "nobody-here"}),
        "There is no account called “nobody-here”.",
        status_code=400,
    )
    client.post("/account/muted", {"username": other_user.username})
    assertContains(
        client.post("/account/muted", {"username": other_user.username}),
        f"You have already muted {other_user.username}.",
        status_code=400,
    )
    assert Mute.objects.count() == 1


@pytest.mark.parametrize("kind", ["blocked", "muted"])
def test_the_limit_is_enforced_with_a_clear_message(client, user, monkeypatch, kind) -> None:
    monkeypatch.setattr(relations, "RELATIONS_MAX", 3)
    others = [UserFactory() for _ in range(4)]
    client.force_login(user)
    for other in others[:3]:
        assert client.post(f"/account/{kind}", {"username": other.username}).status_code == 302

    response = client.post(f"/account/{kind}", {"username": others[3].username})

    assert response.status_code == 400
    verb = "block" if kind == "blocked" else "mute"
    assertContains(response, f"You have {kind} 3 accounts, the most allowed. Please un{verb} someone", status_code=400)
    model = Block if kind == "blocked" else Mute
    assert model.objects.count() == 3


def test_the_real_limit_is_two_thousand(user) -> None:
    others = [UserFactory() for _ in range(2)]
    Block.objects.create(blocker=user, blocked=others[0])
    assert relations.RELATIONS_MAX == 2000
    # Fill up to the limit cheaply with rows pointing at accounts made in bulk.
    filler = User.objects.bulk_create([User(username=f"filler{n}") for n in range(1999)])
    Block.objects.bulk_create([Block(blocker=user, blocked=f) for f in filler])
    with pytest.raises(ValidationError) as caught:
        block_add(actor=user, username=others[1].username)
    assert "2,000 accounts, the most allowed" in caught.value.messages[0]
    assert Block.objects.filter(blocker=user).count() == 2000


def test_profile_pages_show_block_and_mute_buttons(client, user, other_user) -> None:
    client.force_login(user)
    page = client.get(f"/users/{other_user.username}/")
    assertContains(page, 'Mute<span class="visually-hidden"> ' + other_user.username)
    assertContains(page, 'Block<span class="visually-hidden"> ' + other_user.username)
    assertNotContains(client.get(f"/users/{user.username}/"), "Block<span")  # not on one's own page

    response = client.post(
        "/account/muted", {"username": other_user.username, "next": f"/users/{other_user.username}/"}
    )
    assert response["Location"] == f"/users/{other_user.username}/"
    assertContains(client.get(f"/users/{other_user.username}/"), "Unmute<span")
    client.logout()
    assertNotContains(client.get(f"/users/{other_user.username}/"), "Block<span")


def test_blocked_account_cannot_comment_on_my_works(client, user, other_user) -> None:
    work = make_work(creator=user)
    block_add(actor=user, username=other_user.username)
    client.force_login(other_user)

    page = client.get(_chapter_url(work))
    assertContains(page, "The creator of this work has blocked you, so you can’t comment on it.")
    assertNotContains(page, 'id="new-comment"')
    response = client.post(f"{_chapter_url(work)}/comments", {"text": "Let me in."})

    assert response.status_code == 400
    assertContains(response, "The creator of this work has blocked you", status_code=400)
    assert not Comment.objects.exists()
    work.refresh_from_db()
    assert work.comments_count == 0


def test_blocked_account_cannot_reply_to_the_blockers_comment(client, user, other_user) -> None:
    writer = UserFactory()
    work = make_work(creator=writer)
    mine = _comment(work, user, "My thoughts on it.")
    block_add(actor=user, username=other_user.username)
    client.force_login(other_user)

    page = client.get(_chapter_url(work))
    assertNotContains(page, f"?reply_to={mine.pk}")  # no Reply link under the blocker's comment
    response = client.post(f"{_chapter_url(work)}/comments", {"text": "Reply anyway.", "parent": mine.pk})

    assert response.status_code == 400
    assertContains(response, "The author of that comment has blocked you, so you can’t reply to it.", status_code=400)
    assert Comment.objects.count() == 1
    # Commenting on the work itself is still open: the writer did not block them.
    assert client.post(f"{_chapter_url(work)}/comments", {"text": "Top level is fine."}).status_code == 302


def test_muted_accounts_comments_disappear_for_me_only(client, user, other_user) -> None:
    work = make_work(creator=UserFactory())
    loud = _comment(work, other_user, "A muted remark.")
    _comment(work, UserFactory(), "A reply that stays.", parent=loud)
    _comment(work, other_user, "Another muted remark.")
    mute_add(actor=user, username=other_user.username)

    client.force_login(user)
    page = client.get(_chapter_url(work))
    assertNotContains(page, "muted remark")
    assertContains(page, "A reply that stays.")
    assertContains(page, "(A comment by an account you muted)", count=1)  # only where others replied
    client.logout()
    assertContains(client.get(_chapter_url(work)), "Another muted remark.")


def test_muted_creators_work_opens_with_a_notice(client, user, other_user) -> None:
    work = make_work(creator=other_user, title="Still Here")
    mute_add(actor=user, username=other_user.username)
    assert muted_user_ids(user) == (other_user.pk,)
    client.force_login(user)

    page = client.get(work.get_absolute_url())

    assert page.status_code == 200
    assertContains(page, "You muted a creator of this work")
    assertContains(page, "Still Here")
    client.force_login(UserFactory())
    assertNotContains(client.get(work.get_absolute_url()), "You muted a creator")


def test_blocked_account_cannot_edit_its_old_comment_on_my_work(client, user, other_user) -> None:
    work = make_work(creator=user)
    old = _comment(work, other_user, "Written before the block.")
    block_add(actor=user, username=other_user.username)
    client.force_login(other_user)

    response = client.post(f"/comments/{old.pk}/edit", {"text": "Sneaky change."})

    assert response.status_code == 400
    assertContains(response, "The creator of this work has blocked you", status_code=400)
    old.refresh_from_db()
    assert "Written before the block." in old.text
