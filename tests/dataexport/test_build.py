"""Building an export: every part of the ZIP, holding the account's rows and nothing of anyone else's."""

from __future__ import annotations

import json
import zipfile

from django.core import mail

from scriptorium.dataexport import archive as files
from scriptorium.dataexport.models import DataExport
from scriptorium.dataexport.services import export_request
from scriptorium.notifications.models import Notification, NotificationKind
from tests.dataexport.conftest import read_json
from tests.smtp import html_part, link, text_part

PARTS = {
    "README.txt",
    "profile.json",
    "pseuds.json",
    "bookmarks.json",
    "comments.json",
    "kudos.json",
    "history.json",
    "subscriptions.json",
    "saved_searches.json",
    "excluded_tags.json",
}


def _built(archive, capture) -> tuple[DataExport, zipfile.ZipFile]:
    with capture(execute=True):
        export = export_request(user=archive.owner)
    export.refresh_from_db()
    assert export.state == DataExport.State.READY, export.error
    return export, zipfile.ZipFile(files.path_of(export.path))


def test_the_zip_holds_every_part_with_the_accounts_rows(archive, django_capture_on_commit_callbacks) -> None:
    export, zipped = _built(archive, django_capture_on_commit_callbacks)
    names = set(zipped.namelist())
    assert names >= PARTS
    assert zipped.testzip() is None
    assert export.size == files.path_of(export.path).stat().st_size > 0

    profile = read_json(zipped, "profile.json")
    assert profile["username"] == "lantern"
    assert [a["email"] for a in profile["email_addresses"]] == ["lantern@example.org"]
    assert profile["date_joined"] and profile["preferences"]["reading_history_on"] is True
    assert [p["name"] for p in read_json(zipped, "pseuds.json")] == ["lantern"]

    readme = zipped.read("README.txt").decode()
    for part in PARTS - {"README.txt"}:
        assert part in readme

    bookmarks = read_json(zipped, "bookmarks.json")
    by_work = {b["work"]["id"]: b for b in bookmarks}
    assert set(by_work) == {archive.others_work.pk, archive.others_draft.pk}
    assert by_work[archive.others_work.pk]["work"]["title"] == "Salt Roads"
    assert by_work[archive.others_work.pk]["notes"] == "<p>Reread in winter.</p>"
    assert by_work[archive.others_work.pk]["tags"] == ["cosy", "roads"]
    # A work the account may no longer open: its own notes, but not the work's title.
    assert by_work[archive.others_draft.pk]["work"] == {"id": archive.others_draft.pk, "available": False}
    assert "Saved before" in by_work[archive.others_draft.pk]["notes"]

    comments = read_json(zipped, "comments.json")
    assert [(c["work"]["title"], c["chapter"]) for c in comments] == [("Salt Roads", 1)]
    assert "The caravan scene!" in comments[0]["text"]

    kudos = read_json(zipped, "kudos.json")
    assert [k["work"]["id"] for k in kudos] == [archive.others_work.pk]

    history = read_json(zipped, "history.json")
    assert [r["work"]["title"] for r in history["read"]] == ["Salt Roads"]
    assert history["read"][0]["views"] == 1

    subscriptions = read_json(zipped, "subscriptions.json")
    assert [(s["kind"], s["work"]["title"]) for s in subscriptions] == [("work", "Salt Roads")]
    searches = read_json(zipped, "saved_searches.json")
    assert [(s["name"], s["query"]) for s in searches] == [("Harbour stories", "q=harbour")]
    assert searches[0]["url"].endswith("/works/search?q=harbour")
    assert [t["tag"] for t in read_json(zipped, "excluded_tags.json")] == ["Found Family"]

    everything = " ".join(zipped.read(name).decode("utf-8", "replace") for name in names if name.endswith(".json"))
    for other in ("Other's private note", "Other's comment", "Other's search", "Secret Drafted Title"):
        assert other not in everything
    assert "cartographer@example.org" not in everything


def test_each_work_has_its_epub_html_and_metadata_drafts_included(archive, django_capture_on_commit_callbacks) -> None:
    _, zipped = _built(archive, django_capture_on_commit_callbacks)
    folders = {name.split("/")[1] for name in zipped.namelist() if name.startswith("works/")}
    assert folders == {f"{archive.posted.pk}-the-lantern-keeper", f"{archive.draft.pk}-unfinished-map"}

    base = f"works/{archive.posted.pk}-the-lantern-keeper"
    epub = zipfile.ZipFile(zipped.open(f"{base}/the-lantern-keeper.epub"))
    assert epub.read("mimetype") == b"application/epub+zip"
    book_text = " ".join(epub.read(n).decode() for n in epub.namelist() if n.endswith((".xhtml", ".html")))
    assert "The lantern burned blue over the harbour." in book_text
    assert "By morning the ships had come home." in book_text
    html = zipped.read(f"{base}/the-lantern-keeper.html").decode()
    assert "The lantern burned blue over the harbour." in html

    metadata = json.loads(zipped.read(f"{base}/metadata.json"))
    assert metadata["title"] == "The Lantern Keeper"
    assert metadata["creators"] == ["lantern"]
    assert metadata["state"] == "posted"
    assert metadata["rating"] == "General Audiences"
    assert metadata["warnings"] == ["No Archive Warnings Apply"]
    assert metadata["tags"]["fandoms"] == ["Original Work"]
    assert metadata["tags"]["additional"] == ["Found Family"]
    assert metadata["language"] == "en"
    assert metadata["chapters"] == 2
    assert metadata["series"][0]["title"] == "Harbour Lights"
    assert "A keeper and her light." in metadata["summary"]
    assert metadata["counts"]["kudos"] == 1 and metadata["counts"]["comments"] == 1
    assert metadata["counts"]["words"] > 0 and metadata["dates"]["published"]

    draft = json.loads(zipped.read(f"works/{archive.draft.pk}-unfinished-map/metadata.json"))
    assert draft["state"] == "draft"
    draft_epub = zipfile.ZipFile(zipped.open(f"works/{archive.draft.pk}-unfinished-map/unfinished-map.epub"))
    assert any("North was wherever the ink ran." in draft_epub.read(n).decode() for n in draft_epub.namelist()[1:])


def test_ready_is_announced_in_the_inbox_and_by_email(archive, django_capture_on_commit_callbacks, settings) -> None:
    export, _ = _built(archive, django_capture_on_commit_callbacks)
    notice = Notification.objects.get(recipient=archive.owner)
    assert notice.kind == NotificationKind.ACCOUNT
    until = f"{export.expires_at:%d %B %Y}".lstrip("0")
    assert notice.reason == f"Your data export is ready to download until {until}."
    assert notice.link == "/account/export"
    assert not Notification.objects.filter(recipient=archive.other, kind=NotificationKind.ACCOUNT).exists()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lantern@example.org"]
    assert "ready" in message.subject
    assert f"{settings.SCRIPTORIUM_BASE_URL}/account/export" in message.body
    assert until in message.body
    html, content_type = message.alternatives[0]
    assert content_type == "text/html"
    assert f'href="{settings.SCRIPTORIUM_BASE_URL}/account/export"' in html and until in html
    assert "{% extends" not in html and "<!DOCTYPE html>" in html


def test_the_email_arrives_over_smtp_with_both_parts(archive, smtp_server, django_capture_on_commit_callbacks):
    export, _ = _built(archive, django_capture_on_commit_callbacks)
    until = f"{export.expires_at:%d %B %Y}".lstrip("0")
    message = smtp_server.wait_for("lantern@example.org", "Your data export is ready")
    assert until in text_part(message) and until in html_part(message)
    assert link(message, "/account/export").endswith("/account/export")
