"""/people/search, /bookmarks/search and /tags/search: what each finds, and that nothing a reader may not see is
shown or counted."""

from __future__ import annotations

import pytest

from scriptorium.blocklists.services import RuleInput, rule_add
from scriptorium.interactions.inputs import BookmarkInput
from scriptorium.interactions.services import bookmark_create, mute_add
from scriptorium.tags import wrangling
from scriptorium.tags.models import Tag
from tests.discovery.conftest import client_for
from tests.factories import PseudFactory, UserFactory, make_work

pytestmark = pytest.mark.django_db


def _html(url: str, user=None, **params: str) -> str:
    response = client_for(user).get(url, params)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


# --- People ---------------------------------------------------------------------------------------------------


def test_people_search_finds_usernames_and_pseuds_with_the_works_a_reader_may_see(archive) -> None:
    pen = PseudFactory(user=archive["writer"], name="Tidewatcher")
    make_work(creator=pen, title="By The Pen")
    UserFactory(username="keepsake")
    html = _html("/people/search", name="keep")
    # the exact name first, with its one visible work (the draft, hidden and restricted ones do not count)
    assert html.index(">keeper</a>") < html.index(">keepsake</a>")
    assert "1 work</span>" in html and "0 works</span>" in html
    assert "2 works</span>" in _html("/people/search", UserFactory(), name="keeper")  # + the restricted one
    assert "Tidewatcher (keeper)" in _html("/people/search", name="tidewat")
    assert "3 people found" in _html("/people/search", name="kee")  # keeper, Tidewatcher (keeper), keepsake


def test_people_search_by_fandom_and_an_unknown_fandom(archive) -> None:
    make_work(creator=UserFactory(username="keelhaul"), fandoms=("Other Shore",))
    html = _html("/people/search", name="kee", fandom="Lighthouse Keepers (TV)")
    assert ">keeper</a>" in html and "keelhaul" not in html
    response = client_for().get("/people/search", {"name": "kee", "fandom": "No Such Fandom"})
    assert response.status_code == 400 and "There is no fandom “No Such Fandom”" in response.content.decode()
    assert "found" not in _html("/people/search")  # nothing asked, only the form


# --- Bookmarks ------------------------------------------------------------------------------------------------


@pytest.fixture
def bookmarked(archive):
    reader = UserFactory(username="lantern")
    other = UserFactory(username="gull")
    tagged = make_work(
        title="Gale Warning", fandoms=("Lighthouse Keepers (TV)",), characters=("Ben Wick",), expected_chapters=1
    )
    bookmark_create(actor=reader, work=archive["shown"], data=BookmarkInput(notes="Cosy storm reading", tags="comfort"))
    bookmark_create(actor=reader, work=tagged, data=BookmarkInput(notes="Tense", tags="storms, Ésprit", rec=True))
    bookmark_create(actor=other, work=tagged, data=BookmarkInput(notes="secret note", private=True))
    bookmark_create(actor=other, work=archive["restricted"], data=BookmarkInput(notes="members tide note"))
    return {"reader": reader, "other": other, "tagged": tagged}


def _titles(html: str) -> list[str]:
    return [t for t in ("Fog Season", "Gale Warning", "Members Tide", "Hidden Away", "Unposted") if t in html]


def test_bookmark_search_shows_public_bookmarks_of_works_the_reader_may_see(bookmarked) -> None:
    html = _html("/bookmarks/search")
    assert _titles(html) == ["Fog Season", "Gale Warning"] and "2 bookmarks" in html
    assert "secret note" not in html and "members tide note" not in html
    assert "Members Tide" in _html("/bookmarks/search", UserFactory())  # restricted: accounts only
    assert "secret note" in _html("/bookmarks/search", bookmarked["other"])  # one's own private bookmark


def test_bookmark_search_filters(bookmarked) -> None:
    assert _titles(_html("/bookmarks/search", q="cosy")) == ["Fog Season"]  # words of the notes
    assert _titles(_html("/bookmarks/search", q="gale")) == ["Gale Warning"]  # the work's title
    assert _titles(_html("/bookmarks/search", bookmark_tags="Storms")) == ["Gale Warning"]
    assert _titles(_html("/bookmarks/search", bookmark_tags="Ésprit")) == ["Gale Warning"]
    assert _titles(_html("/bookmarks/search", bookmark_tags="storm")) == []  # a whole tag, not part of one
    assert _titles(_html("/bookmarks/search", work_tags="Ben Wick")) == ["Gale Warning"]
    assert _titles(_html("/bookmarks/search", recs="on")) == ["Gale Warning"]
    assert _titles(_html("/bookmarks/search", bookmarker="LANTERN")) == ["Fog Season", "Gale Warning"]
    assert _titles(_html("/bookmarks/search", bookmarker="gull")) == []  # gull's public one is on a restricted work
    assert _titles(_html("/bookmarks/search", complete="in_progress")) == ["Fog Season"]
    assert _titles(_html("/bookmarks/search", complete="complete")) == ["Gale Warning"]
    assert _titles(_html("/bookmarks/search", rating="Explicit")) == []
    response = client_for().get("/bookmarks/search", {"work_tags": "Nothing Like It"})
    assert response.status_code == 400 and "There is no tag “Nothing Like It”" in response.content.decode()


def test_bookmark_search_follows_synonyms_to_their_canonical_tag(bookmarked, wrangler_user) -> None:
    ben = Tag.objects.get(name="Ben Wick")
    wrangling.tag_make_canonical(actor=wrangler_user, tag=ben)
    alias = Tag.objects.create(name="Benny", type="character")
    wrangling.tag_make_synonym(actor=wrangler_user, tag=alias, target=ben)
    assert _titles(_html("/bookmarks/search", work_tags="benny")) == ["Gale Warning"]


def test_bookmark_search_leaves_out_muted_bookmarkers_and_works_the_reader_blocked(bookmarked) -> None:
    me = UserFactory()
    mute_add(actor=me, username="lantern")
    assert _titles(_html("/bookmarks/search", me)) == ["Members Tide"]
    other = UserFactory()
    rule_add(user=other, rule=RuleInput(kind="tag", tag="Ben Wick"))
    html = _html("/bookmarks/search", other)
    assert "Gale Warning" not in html and "Fog Season" in html


# --- Tags -----------------------------------------------------------------------------------------------------


def test_tag_search_by_name_type_status_and_fandom_with_use_counts(archive, wrangler_user) -> None:
    ada = Tag.objects.get(name="Ada Lamp")
    wrangling.tag_make_canonical(actor=wrangler_user, tag=ada)
    wrangling.tag_parent_add(actor=wrangler_user, tag=ada, parent=Tag.objects.get(name="Lighthouse Keepers (TV)"))
    alias = Tag.objects.create(name="Lampy", type="character")
    wrangling.tag_make_synonym(actor=wrangler_user, tag=alias, target=ada)
    make_work(title="Second", characters=("Ada Lamp",), additional_tags=("Lamp Oil",))

    html = _html("/tags/search", name="lamp")
    assert html.index(">Ada Lamp</a>") < html.index(">Lamp Oil</a>")  # canonical first
    assert "2 uses" in html and "1 use<" in html
    assert "Character" in html and "Additional Tags" in html
    assert "synonym of" in _html("/tags/search", name="lampy")
    assert ">Lamp Oil</a>" not in _html("/tags/search", name="lamp", type="character")
    assert ">Lamp Oil</a>" in _html("/tags/search", name="lamp", status="unwrangled")
    assert ">Ada Lamp</a>" not in _html("/tags/search", name="lamp", status="unwrangled")
    in_fandom = _html("/tags/search", fandom="Lighthouse Keepers (TV)")
    assert ">Ada Lamp</a>" in in_fandom and ">Lampy</a>" in in_fandom and ">Lamp Oil</a>" not in in_fandom
    assert ">TV Shows</a>" in _html("/tags/search", name="tv", type="media")


def test_tag_search_never_shows_a_name_only_hidden_works_carry_and_never_counts_them(archive) -> None:
    html = _html("/tags/search", name="only")
    for secret in ("Draft Only", "Hidden Only", "Members Only"):
        assert secret not in html
    assert "Members Only" in _html("/tags/search", UserFactory(), name="only")
    assert "1 use<" in _html("/tags/search", name="lighthouse")  # the visible work only


def test_people_search_leaves_out_closed_accounts(archive) -> None:
    closed = UserFactory(username="keepgone")
    closed.is_active = False
    closed.save()
    html = _html("/people/search", name="keep")
    assert ">keeper</a>" in html and "keepgone" not in html
