"""An account with something of every kind the export holds, and another account beside it."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass

import pytest

from scriptorium.accounts.models import User
from scriptorium.interactions.inputs import BookmarkInput, CommentInput
from scriptorium.interactions.services import bookmark_create, comment_create, kudos_give, reading_record
from scriptorium.notifications.services import subscription_create
from scriptorium.search.services import excluded_tag_add, saved_search_create
from scriptorium.works.models import Work
from tests.factories import UserFactory, make_work


@dataclass
class Archive:
    owner: User
    other: User
    posted: Work
    draft: Work
    others_work: Work
    others_draft: Work


@pytest.fixture
def archive(db) -> Archive:
    owner = UserFactory(username="lantern")
    other = UserFactory(username="cartographer")
    posted = make_work(
        creator=owner,
        title="The Lantern Keeper",
        chapters=["The lantern burned blue over the harbour.", "By morning the ships had come home."],
        summary="A keeper and her light.",
        additional_tags=("Found Family",),
        series_title="Harbour Lights",
    )
    draft = make_work(creator=owner, title="Unfinished Map", chapters=["North was wherever the ink ran."], post=False)
    others_work = make_work(creator=other, title="Salt Roads", chapters=["The caravan left before dawn."])
    others_draft = make_work(creator=other, title="Secret Drafted Title", chapters=["Not yet."])

    bookmark_create(actor=owner, work=others_work, data=BookmarkInput(notes="Reread in winter.", tags="cosy, roads"))
    bookmark_create(actor=owner, work=others_draft, data=BookmarkInput(notes="Saved before it was a draft."))
    comment_create(actor=owner, chapter=others_work.chapters.first(), data=CommentInput(text="The caravan scene!"))
    kudos_give(actor=owner, work=others_work)
    reading_record(user_id=owner.pk, work_id=others_work.pk, chapter_id=others_work.chapters.first().pk)
    subscription_create(actor=owner, kind="work", target_id=others_work.pk)
    saved_search_create(user=owner, name="Harbour stories", query_string="q=harbour")
    excluded_tag_add(user=owner, name="Found Family")

    # The other account's own rows, which must never reach the owner's export.
    bookmark_create(actor=other, work=posted, data=BookmarkInput(notes="Other's private note.", private=True))
    comment_create(actor=other, chapter=posted.chapters.first(), data=CommentInput(text="Other's comment."))
    kudos_give(actor=other, work=posted)
    saved_search_create(user=other, name="Other's search", query_string="q=salt")

    # The bookmarked work became a draft after it was bookmarked.
    Work.objects.filter(pk=others_draft.pk).update(posted=False)
    return Archive(owner, other, posted, draft, others_work, others_draft)


def open_zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def read_json(archive: zipfile.ZipFile, name: str):
    return json.loads(archive.read(name))
