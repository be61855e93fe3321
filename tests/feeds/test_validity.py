"""Every kind of feed is valid Atom under a RELAX NG grammar (jing, the Debian package), with awkward text in
it: markup characters, quotes, non-Latin letters."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from scriptorium.accounts.services import pseud_create
from scriptorium.feeds.services import feed_token_renew
from scriptorium.search.services import saved_search_create
from scriptorium.works.models import Series
from tests.factories import UserFactory, make_work
from tests.feeds.conftest import read_feed

JING = shutil.which("jing")
SCHEMA = Path(__file__).with_name("atom.rnc")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.validators,
    pytest.mark.skipif(JING is None, reason="jing is not installed (apt-get install jing)"),
]


def _jing(tmp_path: Path, name: str, body: bytes) -> str:
    path = tmp_path / f"{name}.xml"
    path.write_bytes(body)
    run = subprocess.run([JING, "-c", str(SCHEMA), str(path)], capture_output=True, text=True, timeout=120)
    return run.stdout.strip()  # jing prints each error on stdout; nothing when valid


def test_the_schema_catches_an_invalid_feed(tmp_path) -> None:
    """The grammar is strict enough to fail: an entry without a title, a feed without an id."""
    bad = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><updated>2026-01-01T00:00:00Z</updated>'
        b"<entry><id>urn:x</id><updated>2026-01-01T00:00:00Z</updated></entry></feed>"
    )
    errors = _jing(tmp_path, "bad", bad)
    assert 'missing required element "id"' in errors
    assert 'missing required element "title"' in errors


def test_every_feed_is_valid_atom(client, tmp_path) -> None:
    writer = UserFactory(username="ibis")
    pen = pseud_create(actor=writer, name="Pen & Ink")
    work = make_work(
        creator=writer,
        title='"Quotes" & <brackets> — 雨の日',
        summary="<p>Five <strong>words</strong> &amp; one <a href='https://example.org/'>link</a>.</p>",
        rating="Mature",
        fandoms=("Original Work",),
        relationships=("A/B",),
        additional_tags=("Rain & Tea",),
    )
    make_work(creator=pen, title="Plain")
    series = Series.objects.create(title="Series <One>")
    series.creators.add(writer.default_pseud)
    work.series_parts.create(series=series, position=1)
    saved = saved_search_create(user=writer, name="Rain", query_string="q=rain")
    token = feed_token_renew(user=writer)

    urls = [
        "/tags/Original Work/feed.atom",
        "/tags/Rain *a* Tea/feed.atom",
        "/users/ibis/feed.atom",
        "/users/ibis/pseuds/Pen %26 Ink/feed.atom",
        f"/series/{series.pk}/feed.atom",
        f"/works/search/saved/{saved.pk}/{token.key}/feed.atom",
        "/users/ibis/pseuds/ibis/feed.atom",
    ]
    for number, url in enumerate(urls):
        parsed = read_feed(client, url)
        assert parsed.entries, url
        assert _jing(tmp_path, f"feed{number}", client.get(url).content) == "", url
    # An empty feed is valid too.
    UserFactory(username="quiet")
    assert _jing(tmp_path, "empty", client.get("/users/quiet/feed.atom").content) == ""
