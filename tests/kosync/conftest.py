from __future__ import annotations

import pytest

from scriptorium.kosync.services import sync_key_make
from tests.factories import UserFactory, make_work

CHAPTERS = [
    "<p>The ferry left at dawn.</p><p>Nobody waved.</p>",
    "<p>Rain on the deck.</p><p></p><p>A gull, then two.</p><blockquote><p>Land, said the map.</p></blockquote>"
    "<p>The captain <em>laughed</em>.</p>",
    "<p>Harbour lights.</p><p>Rope and tar.</p><p>Home.</p>",
]


@pytest.fixture
def voyage(db):
    return make_work(title="The Long Ferry", chapters=CHAPTERS)


@pytest.fixture
def reader(db):
    return UserFactory(username="ferry_reader")


@pytest.fixture
def sync_key(reader) -> str:
    return sync_key_make(actor=reader)
