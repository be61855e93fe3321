"""The search box and the tag graph: a synonym's name typed as text (plain or ``tag:``) finds the works under its
canonical tag, the page asks "Did you mean the tag …?", and a word no work holds gets a spelling fix from the
index's vocabulary. Through the configured backend (SQLite FTS5 here, PostgreSQL in CI's other run)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from scriptorium.search.backends import get_search_backend
from scriptorium.search.query import WorkQuery
from scriptorium.search.textquery import parse
from scriptorium.tags import wrangling
from scriptorium.tags.models import Tag
from scriptorium.tags.wranglers import wranglers_group
from scriptorium.works.models import Work
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


def _titles(html: str) -> list[str]:
    return sorted(re.findall(r'<h\d class="blurb__title"><a href="/works/\d+"[^>]*>([^<]+)</a>', html))


@pytest.fixture
def shipped(db):
    wrangler = UserFactory(username="wrangler")
    wrangler.groups.add(wranglers_group())
    ship = Tag.objects.create(name="Ada Lamp/Ben Wick", type="relationship", canonical=True)
    for name in ("Lampwick", "Adaben"):
        alias = Tag.objects.create(name=name, type="relationship")
        wrangling.tag_make_synonym(actor=wrangler, tag=alias, target=ship)
    works = [
        make_work(title="Under The Lamp", relationships=("Ada Lamp/Ben Wick",)),
        make_work(title="Typed Loosely", relationships=("Adaben",)),
        make_work(title="Mentions Lampwick", chapters=["They called the pair Lampwick, fondly."]),
        make_work(title="Unrelated Harbour", chapters=["Gulls over the harbour wall."]),
        make_work(title="Secret Draft", post=False, relationships=("Ada Lamp/Ben Wick",)),
    ]
    get_search_backend().index_works([w.pk for w in works])
    return works


def _search(q: str, user=None) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get("/works/search", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_a_synonym_typed_as_a_word_finds_the_works_under_its_canonical_tag(shipped) -> None:
    html = _search("lampwick")
    # its canonical tag's works (tagged with it or another synonym) and the work whose text has the word
    assert _titles(html) == ["Mentions Lampwick", "Typed Loosely", "Under The Lamp"]
    assert "Did you mean the tag" in html and "Ada Lamp/Ben Wick" in html
    assert "“lampwick” is one of its names" in html
    link = re.search(r'Did you mean the tag <a href="([^"]+)">', html).group(1)
    assert link == "/works/search?include=Ada+Lamp%2FBen+Wick"
    assert _titles(Client().get(link.replace("&amp;", "&")).content.decode()) == ["Typed Loosely", "Under The Lamp"]


def test_tag_field_and_other_words_still_narrow(shipped) -> None:
    assert _titles(_search("tag:lampwick")) == ["Typed Loosely", "Under The Lamp"]
    assert _titles(_search('tag:"Lampwick"')) == ["Typed Loosely", "Under The Lamp"]
    assert _titles(_search("lampwick fondly")) == ["Mentions Lampwick"]
    assert _titles(_search("-lampwick harbour")) == ["Unrelated Harbour"]  # an exclusion is not widened
    assert "Did you mean the tag" not in _search("harbour")


def test_a_canonical_tags_own_name_gets_the_hint_and_drafts_stay_out(shipped) -> None:
    html = _search("Ada Lamp/Ben Wick")
    assert "Did you mean the tag" in html and "is one of its names" not in html
    assert "Secret Draft" not in html
    assert Work.objects.filter(title="Secret Draft", posted=False).exists()


def test_a_name_only_a_draft_carries_is_not_offered(db) -> None:
    make_work(title="Hidden Notes", post=False, additional_tags=("Quietmoor",))
    assert "Did you mean the tag" not in _search("quietmoor")


def test_the_parser_adds_the_canonical_words_only_where_asked() -> None:
    words = {("lampwick",): ("ada", "lamp", "ben", "wick")}
    text = parse("lampwick -lampwick2 title:lampwick lamp*", tag_words=words)
    either = {(c.words, c.column): c.either for c in text.clauses}
    assert either[(("lampwick",), None)] == (("ada", "lamp", "ben", "wick"),)
    assert all(not c.either for c in text.clauses if c.column == "title" or c.prefix)
    query = WorkQuery(text="lampwick", text_tags=tuple(words.items()))
    assert get_search_backend().search(query).total == 0  # nothing indexed: the statement still runs


def test_a_misspelt_word_gets_a_fix_from_the_index_vocabulary(shipped) -> None:
    html = _search("harbuor")
    assert _titles(html) == []
    assert re.search(r'Did you mean <a href="/works/search\?q=harbour">harbour</a>\?', html)
    assert "Did you mean <a" not in _search("harbour")
    assert "Did you mean <a" not in _search("zzqqxxy")  # nothing close
