"""Deleting one's account in a real browser: log in, open the page from the account menu, orphan one work and
delete another, confirm with the password, see the goodbye page; the orphaned work still reads for a guest,
credited to orphan_account. The page passes axe and does not scroll sideways on a phone, choices and errors too."""

from __future__ import annotations

from scriptorium.accounts.models import User
from scriptorium.works.models import Work
from tests.browser.conftest import PHONE, axe_violations, body_text, check_page, log_in
from tests.factories import PASSWORD, UserFactory, make_work


def test_delete_account_orphaning_one_work_and_deleting_another(new_page, live_server) -> None:
    user = UserFactory(username="driftwood")
    kept = make_work(creator=user, title="Salt on the Window")
    gone = make_work(creator=user, title="Letters Never Sent")
    make_work(creator=user, title="An Unfinished Draft", post=False)

    page = new_page(bypass_csp=True)
    log_in(page, "driftwood")
    page.goto("/account/preferences")
    page.get_by_role("link", name="Delete your account").click()
    page.wait_for_load_state()
    check_page(page, "/account/delete")
    assert "An Unfinished Draft" in body_text(page)

    page.get_by_role("group", name="Salt on the Window").get_by_label("Orphan it, credited to “orphan_account”").check()
    page.get_by_role("group", name="Letters Never Sent").get_by_label("Delete it").check()
    page.get_by_label("Your password").fill("not the password")
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_load_state()
    assert "That is not your password. Nothing was deleted." in body_text(page)
    assert (
        page.get_by_role("group", name="Salt on the Window")
        .get_by_label("Orphan it, credited to “orphan_account”")
        .is_checked()
    )  # the choices are kept for the next try
    assert axe_violations(page) == []

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_load_state()
    assert "Your account is deleted" in body_text(page)
    check_page(page, "/account/deleted")
    assert not User.objects.filter(username="driftwood").exists()
    assert not Work.objects.filter(pk=gone.pk).exists()

    guest = new_page(bypass_csp=True)
    guest.goto(kept.get_absolute_url())
    text = body_text(guest)
    assert "Salt on the Window" in text and "orphan_account" in text and "driftwood" not in text
    assert guest.goto(f"/works/{gone.pk}").status == 404


def test_the_delete_page_reads_on_a_phone(new_page) -> None:
    user = UserFactory(username="pebble")
    make_work(creator=user, title="A Title Long Enough To Wrap Across The Narrow Screen Of A Phone Held Upright")
    page = new_page(PHONE, bypass_csp=True)
    log_in(page, "pebble")
    check_page(page, "/account/delete", PHONE)
    check_page(page, "/account/deleted", PHONE)
