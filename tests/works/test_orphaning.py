"""works.orphaning: the orphan account and moving credits to it (the account deletion page drives it; these are
its own rules)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from scriptorium.accounts.models import Pseud, User
from scriptorium.works.models import Creatorship, Work
from scriptorium.works.orphaning import orphan_account_get, works_delete_or_uncredit, works_orphan
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


def test_the_orphan_account_is_made_once_and_cannot_log_in() -> None:
    first = orphan_account_get()
    assert orphan_account_get().pk == first.pk
    assert User.objects.filter(username="orphan_account").count() == 1
    assert (first.is_active, first.has_usable_password(), first.is_system) == (False, False, True)
    assert list(first.pseuds.values_list("name", flat=True)) == ["orphan_account"]


def test_a_person_who_took_the_name_is_never_given_works() -> None:
    # An archive older than the name's reservation, where a person signed up with it.
    User.objects.create_user(username="orphan_account", email="someone@example.org", password="a long enough secret")
    work = make_work(title="Not Theirs")
    with pytest.raises(ValidationError, match="not the archive's own"):
        works_orphan(actor=work.creators.get().user, work_ids=[work.pk], keep_pseud_name=False)
    assert list(Work.objects.get(pk=work.pk).creators.values_list("user__username", flat=True)) != ["orphan_account"]


def test_keeping_a_name_still_on_other_works_is_refused_and_changes_nothing() -> None:
    user = UserFactory()
    one = make_work(creator=user, title="One")
    make_work(creator=user, title="Two")
    with pytest.raises(ValidationError, match="Other works are still credited"):
        works_orphan(actor=user, work_ids=[one.pk], keep_pseud_name=True)
    assert Pseud.objects.get(pk=user.default_pseud.pk).user_id == user.pk
    assert Creatorship.objects.filter(pseud__user=user).count() == 2


def test_a_draft_cannot_be_orphaned() -> None:
    user = UserFactory()
    draft = make_work(creator=user, title="Unseen", post=False)
    with pytest.raises(ValidationError, match="draft"):
        works_orphan(actor=user, work_ids=[draft.pk], keep_pseud_name=False)


def test_only_ones_own_works_are_handed_over() -> None:
    user, other = UserFactory(), UserFactory()
    theirs = make_work(creator=other, title="Theirs")
    for call in (
        lambda: works_orphan(actor=user, work_ids=[theirs.pk], keep_pseud_name=False),
        lambda: works_delete_or_uncredit(actor=user, work_ids=[theirs.pk]),
    ):
        with pytest.raises(ValidationError, match="not yours"):
            call()
    assert Work.objects.filter(pk=theirs.pk).exists()


def test_a_work_already_shared_with_the_orphan_account_is_deleted_by_its_last_person() -> None:
    user = UserFactory()
    work = make_work(creator=user, title="Half Left")
    Creatorship.objects.create(work=work, pseud=orphan_account_get().default_pseud, position=1)
    assert works_delete_or_uncredit(actor=user, work_ids=[work.pk]).deleted == 1
    assert not Work.objects.filter(pk=work.pk).exists()


def test_two_first_uses_at_once_share_one_orphan_account(monkeypatch) -> None:
    """A request that looked before another's creation committed, then tries to create it too, is refused by
    the unique username and takes the account the other made."""
    from scriptorium.works import orphaning

    winner = orphan_account_get()  # the other request's, committed meanwhile
    real = orphaning._orphan_lookup
    looks = iter([None])  # this request's first look came before that commit
    monkeypatch.setattr(orphaning, "_orphan_lookup", lambda: next(looks, None) or real())
    assert orphan_account_get() == winner
    assert User.objects.filter(username="orphan_account").count() == 1
