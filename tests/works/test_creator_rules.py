"""The one rule for "a creator of the work" (co-creators count), for staff, and for who moderates a work's
comments, as every app asks it: ``Work.objects.created_by`` / ``moderated_by``, ``selectors.is_creator``,
``selectors.may_moderate``, ``selectors.creator_user_ids``, and the 404 selectors built on them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from scriptorium.works import selectors
from scriptorium.works.models import Creatorship, Work
from scriptorium.works.querysets import is_staff
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(user, other_user) -> Work:
    """A work by ``user`` with ``other_user`` as co-creator."""
    work = make_work(creator=user)
    Creatorship.objects.create(work=work, pseud=other_user.default_pseud, position=1)
    return work


@pytest.mark.parametrize("prefetched", [False, True], ids=["queried", "prefetched"])
def test_a_co_creator_counts_a_stranger_and_a_guest_do_not(shared, user, other_user, prefetched) -> None:
    stranger = UserFactory()
    # Prefetched creators (a work's page) are read in memory; a plain work asks the database.
    work = selectors.work_for_reading(user, shared.pk) if prefetched else Work.objects.get(pk=shared.pk)

    assert selectors.is_creator(user, work)
    assert selectors.is_creator(other_user, work)  # the co-creator
    assert not selectors.is_creator(stranger, work)
    assert not selectors.is_creator(AnonymousUser(), work)
    assert sorted(selectors.creator_user_ids(work)) == sorted([user.pk, other_user.pk])


def test_created_by_and_editable_by_are_the_same_rule(shared, other_user) -> None:
    stranger = UserFactory()
    assert list(Work.objects.created_by(other_user)) == [shared]
    assert list(Work.objects.editable_by(other_user)) == [shared]
    assert not Work.objects.created_by(stranger).exists()
    assert not Work.objects.created_by(AnonymousUser()).exists()


def test_staff_moderate_every_work_creators_their_own_and_no_one_else(shared, other_user) -> None:
    staff = UserFactory(is_staff=True)
    stranger = UserFactory()

    assert is_staff(staff) and not is_staff(stranger) and not is_staff(AnonymousUser())
    assert selectors.may_moderate(staff, shared)
    assert selectors.may_moderate(other_user, shared)  # a co-creator
    assert not selectors.may_moderate(stranger, shared)
    assert not selectors.may_moderate(AnonymousUser(), shared)
    assert list(Work.objects.moderated_by(staff)) == list(Work.objects.all())
    assert list(Work.objects.moderated_by(other_user)) == [shared]
    assert not Work.objects.moderated_by(stranger).exists()


def test_the_404_selectors_follow_visibility(user, other_user) -> None:
    draft = make_work(creator=user, post=False)

    assert selectors.work_visible_or_404(user, draft.pk) == draft
    assert selectors.work_editable_or_404(user, draft.pk) == draft
    for find in (selectors.work_visible_or_404, selectors.work_listed_or_404, selectors.work_editable_or_404):
        with pytest.raises(Http404):
            find(other_user, draft.pk)
    with pytest.raises(Http404):
        selectors.work_listed_or_404(user, draft.pk)  # a draft is never listed, even for its creator


def test_staff_see_any_work_statistics_strangers_do_not(client, shared, other_user) -> None:
    """Where staff counted before (a work's statistics page), they still do; so does a co-creator."""
    staff = UserFactory(is_staff=True)
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(f"/account/stats/works/{shared.pk}").status_code == 404
    for allowed in (staff, other_user):
        client.force_login(allowed)
        assert client.get(f"/account/stats/works/{shared.pk}").status_code == 200
