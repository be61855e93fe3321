"""Moderation in headless Chromium: a guest reports a work → a moderator hides it from the queue → the creator is
told and answers → the moderator shows it again; the audit log shows each step. The report form, the queue, the
case page, the audit log and the hidden work as its creator sees it pass axe at desktop and phone widths, with
screenshots of each kept in the test's temporary directory (or SCRIPTORIUM_SCREENSHOTS)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.core.cache import cache

from scriptorium.accounts.moderators import moderators_group
from tests.browser.conftest import DESKTOP, PHONE, body_text, check_page, log_in
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def _shots(page, path: str, name: str, folder: Path) -> None:
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        check_page(page, path, viewport)
        page.screenshot(path=str(folder / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_report_hide_answer_unhide(new_page, tmp_path) -> None:
    folder = Path(os.environ.get("SCRIPTORIUM_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    writer = UserFactory(username="quaywriter")
    moderator = UserFactory(username="modmara")
    moderator.groups.add(moderators_group())
    work = make_work(creator=writer, title="Lanterns Over Quayside")

    # A guest reports the work.
    guest = new_page(bypass_csp=True)
    guest.goto(f"/works/{work.pk}")
    guest.get_by_role("link", name="Report this work").click()
    guest.wait_for_load_state()
    assert guest.url.endswith(f"/moderation/report/work/{work.pk}")
    _shots(guest, f"/moderation/report/work/{work.pk}", "report-form", folder)
    guest.get_by_role("button", name="Send report").click()  # no category yet: the browser keeps the form
    guest.wait_for_load_state()
    assert "Your reference" not in body_text(guest)
    guest.get_by_label("What kind of problem is it?").select_option("plagiarism")
    guest.get_by_label("What is wrong?").fill("This is a chapter of a published novel, word for word.")
    guest.get_by_label("Your email address").fill("watcher@example.org")
    guest.get_by_label("Email me the outcome").check()
    guest.get_by_role("button", name="Send report").click()
    guest.wait_for_load_state()
    assert re.search(r"Your reference is R-\d{6}", body_text(guest))

    # A moderator finds it in the queue and hides the work.
    mod = new_page(bypass_csp=True)
    log_in(mod, moderator.username)
    mod.goto("/moderation/")
    assert "Lanterns Over Quayside" in body_text(mod)
    _shots(mod, "/moderation/", "queue", folder)
    mod.get_by_role("link", name=re.compile(r"^Case \d+$")).click()
    mod.wait_for_load_state()
    case_path = "/moderation/" + mod.url.split("/moderation/", 1)[1]
    mod.get_by_label("Assign to").select_option(label="modmara (me)")
    mod.get_by_role("button", name="Assign", exact=True).click()
    mod.wait_for_load_state()
    mod.get_by_label("Hide it (hidden by a moderator)").check()
    mod.locator("#work-reason").fill("Copied from a published novel.")
    mod.get_by_role("button", name="Hide the work").click()
    mod.wait_for_load_state()
    assert "The work is hidden; its creators are told why." in body_text(mod)
    guest.goto(f"/works/{work.pk}")
    assert "Lanterns Over Quayside" not in guest.title()

    # The creator is told, sees the work with the reason, and answers once.
    author = new_page(bypass_csp=True)
    log_in(author, writer.username)
    _shots(author, f"/works/{work.pk}", "hidden-work-creator", folder)
    assert "Hidden by a moderator" in body_text(author) and "Copied from a published novel." in body_text(author)
    author.goto("/account/notifications")
    author.get_by_role("link", name=re.compile("A moderator hid your work")).click()
    author.wait_for_load_state()
    author.get_by_label("Your answer").fill("I wrote that novel; the publisher's page names me.")
    author.get_by_role("button", name="Send my answer").click()
    author.wait_for_load_state()
    assert "Your answer is sent to the moderators." in body_text(author)
    assert "Send my answer" not in body_text(author)

    # The moderator reads the answer on the case and shows the work again.
    mod.goto(case_path)
    assert "I wrote that novel; the publisher's page names me." in body_text(mod)
    _shots(mod, case_path, "case", folder)
    mod.locator("#work-reason").fill("The creator is the novel's author.")
    mod.get_by_role("button", name="Show the work again").click()
    mod.wait_for_load_state()
    assert "The work is shown again" in body_text(mod)
    guest.goto(f"/works/{work.pk}")
    assert "Lanterns Over Quayside" in guest.title()

    # The audit log shows each step.
    mod.goto("/moderation/log")
    log = body_text(mod)
    for step in (
        "Assigned a case",
        "Hid a work",
        "Copied from a published novel.",
        "answered",
        "Showed a hidden work again",
    ):
        assert step in log, step
    _shots(mod, "/moderation/log", "audit-log", folder)
