"""Which tags a reader may learn of (security finding: names typed on drafts, deleted or restricted works leaked
through autocomplete, tag pages and subscribing by id). Canonical tags are the archive's vocabulary and always
shown; any other tag only while a work the reader may open carries it; a synonym no work carries stays shown
(a wrangler made it vocabulary)."""

from __future__ import annotations

import pytest
from django.test import Client

from scriptorium.tags import wrangling
from scriptorium.tags.models import Tag
from scriptorium.works.services import work_delete
from tests.factories import UserFactory, make_work
from tests.tags.conftest import canonical

pytestmark = pytest.mark.django_db


def _names(client: Client, q: str) -> set[str]:
    return {r["name"] for r in client.get("/tags/autocomplete/all", {"q": q}).json()["results"]}


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_tag_typed_only_on_a_draft_is_unknown_to_everyone_but_its_writer_and_wranglers(wrangler) -> None:
    writer = UserFactory()
    make_work(creator=writer, post=False, additional_tags=("Secret Plot Twist",))
    make_work(creator=writer, additional_tags=("Open Secret",))

    for reader in (None, UserFactory()):
        client = _client(reader)
        assert _names(client, "secret") == {"Open Secret"}
        assert client.get("/tags/Secret Plot Twist").status_code == 404
        assert client.get("/tags/Secret Plot Twist/works").status_code == 404
        assert client.get("/tags/Open Secret").status_code == 200
    for insider in (writer, wrangler):
        client = _client(insider)
        assert _names(client, "secret") == {"Open Secret", "Secret Plot Twist"}
        assert client.get("/tags/Secret Plot Twist").status_code == 200


def test_a_tag_only_restricted_works_carry_is_hidden_from_guests_only() -> None:
    make_work(restricted=True, additional_tags=("Members Only Trope",))
    assert _names(_client(), "members") == set()
    assert _client().get("/tags/Members Only Trope").status_code == 404
    assert _names(_client(UserFactory()), "members") == {"Members Only Trope"}
    assert _client(UserFactory()).get("/tags/Members Only Trope").status_code == 200


def test_a_deleted_works_tags_disappear_with_it() -> None:
    writer = UserFactory()
    work = make_work(creator=writer, additional_tags=("Gone Tomorrow",))
    assert _names(_client(), "gone") == {"Gone Tomorrow"}
    work_delete(actor=writer, work=work)
    assert Tag.objects.filter(name="Gone Tomorrow").exists()  # the row stays for wrangling
    assert _names(_client(), "gone") == set()
    assert _client().get("/tags/Gone Tomorrow").status_code == 404


def test_canonical_tags_are_shown_without_works_and_synonyms_unless_only_hidden_works_carry_them(wrangler) -> None:
    steve = canonical("Steve Rogers", "character")
    vocabulary = Tag.objects.create(name="Stevie", type="character")
    wrangling.tag_make_synonym(actor=wrangler, tag=vocabulary, target=steve)
    make_work(post=False, characters=("Steven Grant",))
    wrangling.tag_make_synonym(actor=wrangler, tag=Tag.objects.get(name="Steven Grant"), target=steve)

    guest = _client()
    assert _names(guest, "stev") == {"Steve Rogers", "Stevie"}
    page = guest.get("/tags/Steve Rogers").content.decode()
    assert "Stevie" in page and "Steven Grant" not in page
    assert guest.get("/tags/Steven Grant").status_code == 404
    assert guest.get("/tags/Stevie").status_code == 302  # a synonym's page leads to its canonical tag
    assert "Steven Grant" in _client(wrangler).get("/tags/Steve Rogers").content.decode()


def test_subscribing_by_id_to_a_tag_one_may_not_see_answers_like_a_missing_one() -> None:
    draft_tag_work = make_work(post=False, additional_tags=("Unposted Idea",))
    hidden = draft_tag_work.taggings.get(tag__name="Unposted Idea").tag
    shown = make_work(additional_tags=("Posted Idea",)).taggings.get(tag__name="Posted Idea").tag
    fan = _client(UserFactory())

    response = fan.post(f"/subscriptions/tag/{hidden.pk}", {"action": "subscribe"})
    assert response.status_code == 404
    assert b"Unposted Idea" not in response.content
    assert fan.post(f"/subscriptions/tag/{999_999}", {"action": "subscribe"}).status_code == 404
    followed = fan.post(f"/subscriptions/tag/{shown.pk}", {"action": "subscribe"}, follow=True)
    assert "You are subscribed to" in followed.content.decode() and "Posted Idea" in followed.content.decode()


def test_autocomplete_answers_are_not_shared_between_readers() -> None:
    assert "private" in _client().get("/tags/autocomplete/all", {"q": "x"})["Cache-Control"]
