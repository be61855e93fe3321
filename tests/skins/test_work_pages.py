"""A skin on a work: chosen on the work form (one's own or a public one), linked by the work's pages as a
stylesheet with the text inside #workskin, hidden by the page's switch or the reader's choice."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from scriptorium.skins.preference import COOKIE
from scriptorium.works.models import Work
from tests.factories import UserFactory, credit_co_creator, make_skin, make_work

pytestmark = pytest.mark.django_db

WORK_FORM = {
    "title": "Letters from the Lighthouse",
    "rating": "General Audiences",
    "warnings": ["No Archive Warnings Apply"],
    "fandoms": "Original Work",
    "language": "en",
    "text": "Dear Mara, the light turned all night.",
}


def _link(page: str) -> str | None:
    found = re.search(r'<link rel="stylesheet" href="(/skins/\d+\.css\?v=[0-9a-f]+)">', page)
    return found.group(1) if found else None


@pytest.fixture
def skinned():
    writer = UserFactory()
    skin = make_skin(owner=writer, css=".letter { color: #3b2f2f }")
    work = make_work(
        creator=writer, chapters=["<p class='letter'>Dear Mara,</p>", "The second letter."], skin_id=skin.pk
    )
    return work


def test_every_page_of_the_work_links_the_skin_with_the_text_inside_workskin(skinned: Work) -> None:
    chapter = skinned.chapters.order_by("position").last()
    for url in (f"/works/{skinned.pk}", f"/works/{skinned.pk}?view_full_work=true", chapter.get_absolute_url()):
        page = Client().get(url).content.decode()
        assert _link(page) == skinned.skin.stylesheet_url()
        inside = page.split('<div id="workskin">', 1)[1]
        assert 'class="preface group"' in inside and 'class="userstuff' in inside
        assert "<style" not in page  # never inline: the CSP allows only the archive's own stylesheets
        assert "Hide creator’s style" in page


def test_a_work_without_a_skin_links_none_and_offers_no_switch() -> None:
    page = Client().get(f"/works/{make_work().pk}").content.decode()
    assert _link(page) is None
    assert 'id="workskin"' in page
    assert "creator’s style" not in page


def test_the_page_switch_hides_the_skin_and_keeps_the_view(skinned: Work) -> None:
    page = Client().get(f"/works/{skinned.pk}?view_full_work=true").content.decode()
    hide = re.search(r'href="([^"]*style=disable[^"]*)"', page).group(1).replace("&amp;", "&")
    assert "view_full_work=true" in hide
    hidden = Client().get(hide).content.decode()
    assert _link(hidden) is None
    assert "Show creator’s style" in hidden


def test_a_reader_who_hides_styles_gets_none_unless_they_ask_for_this_one(skinned: Work) -> None:
    guest = Client()
    guest.cookies[COOKIE] = "1"
    page = guest.get(f"/works/{skinned.pk}").content.decode()
    assert _link(page) is None
    assert "Show creator’s style" in page
    assert _link(guest.get(f"/works/{skinned.pk}?style=creator").content.decode())
    reader = UserFactory()
    account = Client()
    account.force_login(reader)
    account.post("/skins/preference", {"hide": "1"})
    assert _link(account.get(f"/works/{skinned.pk}").content.decode()) is None


def test_the_work_form_offers_ones_own_and_public_skins_only() -> None:
    writer = UserFactory()
    mine = make_skin(owner=writer, title="My letters")
    shared = make_skin(title="Shared chat", public=True)
    private = make_skin(title="Not yours")
    client = Client()
    client.force_login(writer)
    form = client.get("/works/new").content.decode()
    assert "My letters" in form and "Shared chat (by " in form and "Not yours" not in form
    refused = client.post("/works/new", {**WORK_FORM, "creators": [writer.default_pseud.pk], "skin": private.pk})
    assert refused.status_code == 400
    assert not Work.objects.filter(title=WORK_FORM["title"]).exists()
    client.post("/works/new", {**WORK_FORM, "creators": [writer.default_pseud.pk], "skin": shared.pk, "action": "post"})
    work = Work.objects.get(title=WORK_FORM["title"])
    assert work.skin_id == shared.pk
    edit = client.get(f"/works/{work.pk}/edit").content.decode()
    assert re.search(rf'<option value="{shared.pk}" selected>', edit)
    assert mine.title in edit


def test_a_co_creator_keeps_the_owners_private_skin_on_editing() -> None:
    owner, partner = UserFactory(), UserFactory()
    skin = make_skin(owner=owner, title="Owner's own")
    work = make_work(creator=owner, skin_id=skin.pk)
    credit_co_creator(work, partner)
    client = Client()
    client.force_login(partner)
    form = client.get(f"/works/{work.pk}/edit").content.decode()
    assert re.search(rf'<option value="{skin.pk}" selected>', form)
