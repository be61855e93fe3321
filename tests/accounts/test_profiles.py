"""Public profiles: a user's page and a pseud's page."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.accounts.services import pseud_create
from tests.factories import UserFactory, make_work
from tests.works.test_selectors import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    user = UserFactory(username="hollyhock")
    user.about = "Tea & notebooks."
    user.save()
    return user


def test_user_page_lists_pseuds_and_works_of_every_pseud(client, author) -> None:
    second = pseud_create(actor=author, name="Holly Writes Things", description="My other name.")
    make_work(creator=author, title="Main Pseud Work")
    make_work(creator=second, title="Second Pseud Work")
    make_work(title="Someone Else's Work")

    response = client.get("/users/hollyhock/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>hollyhock</h1>" in body and "Tea &amp; notebooks." in body
    assert 'href="/users/hollyhock/pseuds/Holly%20Writes%20Things/">Holly Writes Things</a>' in body
    assert "Main Pseud Work" in body and "Second Pseud Work" in body
    assert "Someone Else" not in body
    assert "2 Works by hollyhock" in body


def test_pseud_page_lists_only_that_pseuds_works(client, author) -> None:
    second = pseud_create(actor=author, name="Holly Writes Things", description="My <b>other</b> name.")
    make_work(creator=author, title="Main Pseud Work")
    make_work(creator=second, title="Second Pseud Work")

    response = client.get("/users/hollyhock/pseuds/Holly Writes Things/")

    assert response.status_code == 200
    assertContains(response, "<h1>Holly Writes Things</h1>", html=True)
    assertContains(response, "My &lt;b&gt;other&lt;/b&gt; name.")  # descriptions are plain text
    assertContains(response, "Second Pseud Work")
    assertNotContains(response, "Main Pseud Work")
    assertContains(response, "1 Work by Holly Writes Things (hollyhock)")


def test_pseud_lookup_ignores_case(client, author) -> None:
    make_work(creator=author, title="Main Pseud Work")

    assertContains(client.get("/users/hollyhock/pseuds/HOLLYHOCK/"), "Main Pseud Work")


def test_profiles_list_only_what_the_viewer_may_see(client, author) -> None:
    make_work(creator=author, title="Open Work")
    make_work(creator=author, title="Locked Work", restricted=True)
    make_work(creator=author, title="Drafted Work", post=False)

    for url in ("/users/hollyhock/", "/users/hollyhock/pseuds/hollyhock/"):
        guest = client.get(url)
        assertContains(guest, "Open Work")
        assertNotContains(guest, "Locked Work")
        assertNotContains(guest, "Drafted Work")
    client.force_login(author)
    for url in ("/users/hollyhock/", "/users/hollyhock/pseuds/hollyhock/"):
        own = client.get(url)
        assertContains(own, "Locked Work")
        assertNotContains(own, "Drafted Work")


def test_pseud_page_paginates(client, author, settings) -> None:
    settings.SCRIPTORIUM_WORKS_PER_PAGE = 2
    for number in range(3):
        make_work(creator=author, title=f"Numbered Work {number}")

    second = client.get("/users/hollyhock/pseuds/hollyhock/?page=2")

    assertContains(second, "Numbered Work 0")
    assertNotContains(second, "Numbered Work 2")


def test_unknown_user_or_pseud_is_404(client, author) -> None:
    other = UserFactory(username="someoneelse")

    assert client.get("/users/nobody/").status_code == 404
    assert client.get("/users/hollyhock/pseuds/nobody/").status_code == 404
    assert client.get(f"/users/hollyhock/pseuds/{other.default_pseud.name}/").status_code == 404  # not hers


def test_pseud_page_query_count_does_not_grow_with_works(client, author) -> None:
    for i in range(3):
        make_work(creator=author, additional_tags=(f"Tag {i}",))
    url = "/users/hollyhock/pseuds/hollyhock/"
    client.get(url)
    with_three = count_queries(lambda: client.get(url))
    for i in range(12):
        make_work(creator=author, additional_tags=(f"More {i}",))
    client.get(url)  # the search index catches up with the new works first (what their commit would do)

    assert count_queries(lambda: client.get(url)) == with_three
    assert count_queries(lambda: client.get("/users/hollyhock/")) == with_three - 1  # no pseud lookup
