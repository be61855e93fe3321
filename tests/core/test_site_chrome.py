"""What every page carries around its content (issue 18, finding your way): the header's account menu, with a link
to everything a signed-in reader owns, and the footer crediting the software the archive runs on."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

import scriptorium

pytestmark = pytest.mark.django_db

#: The pages a signed-in reader owns, each linked from the account menu on every page.
OWNED = [
    ("works:new", {}),
    ("works:drafts", {}),
    ("transfer:upload", {}),
    ("transfer:jobs", {}),
    ("stats:index", {}),
    ("notifications:inbox", {}),
    ("interactions:history", {}),
    ("interactions:later", {}),
    ("notifications:subscriptions", {}),
    ("search:saved", {}),
    ("accounts:preferences", {}),
    ("comfort:settings", {}),
    ("accounts:pseuds", {}),
    ("interactions:blocked", {}),
    ("interactions:muted", {}),
    ("blocklists:settings", {}),
    ("account_email", {}),
]


def _menu(html: str) -> str:
    match = re.search(r'<details class="account-menu">.*?</details>', html, re.S)
    assert match, "no account menu"
    return match.group(0)


@pytest.mark.parametrize("page", ["home", "works:index", "search:works", "interactions:history"])
def test_the_account_menu_links_everything_one_owns_from_any_page(writer_client, user, page) -> None:
    menu = _menu(writer_client.get(reverse(page)).content.decode())
    hrefs = set(re.findall(r'href="([^"]+)"', menu))
    for name, kwargs in OWNED:
        assert reverse(name, kwargs=kwargs) in hrefs, name
    assert reverse("accounts:user", kwargs={"username": user.username}) in hrefs  # their works
    assert reverse("interactions:user_bookmarks", kwargs={"username": user.username}) in hrefs
    assert f'action="{reverse("accounts:logout")}"' in menu and "Log out</button>" in menu
    assert f"Your account: </span>{user.username}" in menu


def test_every_menu_link_answers(writer_client) -> None:
    menu = _menu(writer_client.get("/").content.decode())
    for href in re.findall(r'href="([^"]+)"', menu):
        assert writer_client.get(href).status_code == 200, href


def test_a_guest_has_no_account_menu_but_the_way_to_log_in(client) -> None:
    html = client.get(reverse("works:index")).content.decode()
    assert "account-menu" not in html
    assert f'href="{reverse("accounts:login")}?next=/works/"' in html


def test_the_footer_credits_the_software_with_its_version(client, settings) -> None:
    settings.SCRIPTORIUM_SOURCE_URL = ""
    settings.SITE_NAME = "Lantern Archive"
    html = client.get("/").content.decode()
    assert f"Powered by Scriptorium {scriptorium.__version__}," in html
    assert "Lantern Archive runs on" not in html  # no longer the archive crediting itself

    settings.SCRIPTORIUM_SOURCE_URL = "https://code.example.org/lantern/scriptorium"
    html = client.get("/works/").content.decode()
    assert (
        f'Powered by <a href="https://code.example.org/lantern/scriptorium">Scriptorium {scriptorium.__version__}</a>'
        in html
    )
