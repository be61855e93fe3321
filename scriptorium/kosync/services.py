"""Writes of the sync app: sync keys, pairing requests, the files' digests and the progress devices report."""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from scriptorium.interactions.services import reading_place_set
from scriptorium.kosync import digests, selectors
from scriptorium.kosync.models import DeviceProgress, DocumentFile, DocumentName, SyncKey
from scriptorium.kosync.places import WebPlace, web_place
from scriptorium.transfer.exports import converter_for, store
from scriptorium.transfer.exports.naming import ascii_basename, basename, url_slug
from scriptorium.transfer.models import Download
from scriptorium.works.bylines import byline_of
from scriptorium.works.models import Chapter, Work

if TYPE_CHECKING:
    from scriptorium.accounts.models import User

#: Letters a key is made of: no 0/o, 1/l/i, easy to type on an e-reader's keyboard.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
#: Keys a device may ask for and leave unconfirmed, per account (the oldest goes).
PENDING_MAX = 3
#: Documents one account's devices may keep progress for.
DOCUMENTS_MAX = 5000
#: Files fingerprinted per call (each is 12 reads of 1 KiB).
FINGERPRINT_BATCH = 500
_USED_EVERY = datetime.timedelta(minutes=10)
_IDLE = "kosync:fingerprint:idle"


def _require(actor: User) -> None:
    if not actor.is_authenticated:
        raise PermissionDenied("Please log in first.")


def sync_key_make(*, actor: User) -> str:
    """A new sync key for the account, replacing its others (devices using them must log in again). Answers the
    key, which is shown once: only a digest of what KOReader will send is kept."""
    _require(actor)
    groups = ["".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4)]
    key = "-".join(groups)
    with transaction.atomic():
        SyncKey.objects.filter(user=actor).delete()
        SyncKey.objects.create(user=actor, digest=digests.key_digest(digests.md5_hex(key)), confirmed=True)
    return key


def sync_key_revoke(*, actor: User) -> int:
    """Remove every key of the account (and pending requests): no device syncs until a new key is made."""
    _require(actor)
    deleted, _ = SyncKey.objects.filter(user=actor).delete()
    return deleted


def sync_key_confirm(*, actor: User, key_id: int) -> SyncKey:
    """Accept a device's pairing request: its key becomes the account's key (replacing the others)."""
    _require(actor)
    with transaction.atomic():
        key = SyncKey.objects.select_for_update().filter(user=actor, pk=key_id, confirmed=False).first()
        if key is None:
            raise ValidationError("That request is no longer waiting.")
        SyncKey.objects.filter(user=actor).exclude(pk=key.pk).delete()
        key.confirmed = True
        key.save(update_fields=["confirmed"])
    return key


def sync_key_refuse(*, actor: User, key_id: int) -> bool:
    _require(actor)
    deleted, _ = SyncKey.objects.filter(user=actor, pk=key_id, confirmed=False).delete()
    return bool(deleted)


def sync_key_request(*, username: str, auth_key: str, device: str = "") -> None:
    """KOReader's "Register" while the operator allows it: remember a pairing request for an existing account,
    which its owner confirms on the page. Nothing is said about whether the account exists."""
    user = get_user_model().objects.filter(username__iexact=username, is_active=True).first()
    if user is None:
        return
    with transaction.atomic():
        pending = list(SyncKey.objects.select_for_update().filter(user=user, confirmed=False).order_by("-created_at"))
        for old in pending[PENDING_MAX - 1 :]:
            old.delete()
        SyncKey.objects.create(user=user, digest=digests.key_digest(auth_key), confirmed=False, device=device[:100])


def sync_key_used(*, key: SyncKey) -> None:
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > _USED_EVERY:
        SyncKey.objects.filter(pk=key.pk).update(last_used_at=now)


def _names(work: Work, extension: str) -> set[str]:
    """The names a file of ``work`` can carry on a device: the one the download gives (in full and in ASCII),
    the one in the link's address, and "Creators - Title" (as some catalog clients name books)."""
    creators = byline_of(work).names
    full = basename(work.title, creators)
    names = {full, ascii_basename(work.title, creators, fallback=f"work-{work.pk}"), url_slug(work.title)}
    if creators:
        names.add(basename(f"{', '.join(creators)} - {work.title}", []))
    return {f"{name}.{extension}" for name in names}


def _fingerprint(row: Download) -> bool:
    path = store.path_of(row.path)
    if not row.path or not row.content_hash or not path.is_file():
        return False
    layout = list(Chapter.objects.filter(work_id=row.work_id).order_by("position").values_list("id", flat=True))
    DocumentFile.objects.get_or_create(
        content_hash=row.content_hash,
        defaults={
            "partial_md5": digests.partial_md5(path),
            "work": row.work,
            "revision": row.revision,
            "format": row.format,
            "chapter_ids": layout if row.revision == row.work.revision else [],
        },
    )
    converter = converter_for(row.format)
    if converter is not None:
        for name in _names(row.work, converter.extension):
            DocumentName.objects.get_or_create(digest=digests.filename_md5(name), work=row.work, format=row.format)
    return True


def download_fingerprint(*, download_id: int) -> bool:
    """Record KOReader's digests of one built download (the ``download_built`` event's task): the partial MD5 of
    the stored bytes, the very bytes served, with the chapter layout, and the MD5s of its file names."""
    row = Download.objects.filter(pk=download_id, status=Download.Status.READY).select_related("work").first()
    if row is None or DocumentFile.objects.filter(content_hash=row.content_hash).exists():
        return False
    return _fingerprint(row)


def documents_fingerprint(*, limit: int = FINGERPRINT_BATCH) -> int:
    """Fingerprint built downloads not yet recorded (files built before this app, or whose task was lost), when
    a device names a digest the archive does not know. A run that finds nothing is not repeated for a minute.
    Answers how many files were recorded."""
    if cache.get(_IDLE):
        return 0
    known = DocumentFile.objects.filter(content_hash=OuterRef("content_hash"))
    rows = (
        Download.objects.filter(status=Download.Status.READY)
        .exclude(content_hash="")
        .filter(~Exists(known))
        .select_related("work")
        .order_by("-id")[:limit]
    )
    done = sum(1 for row in rows if _fingerprint(row))
    if not done:
        cache.set(_IDLE, True, timeout=60)
    return done


def progress_put(
    *, user: User, document: str, progress: str, percentage: float, device: str, device_id: str
) -> DeviceProgress:
    """Keep what a device reports for a document; when the document is a file of a work the reader may open,
    move the reading history there too (so the web's "continue reading" follows). Input is checked by the
    caller (``kosync.inputs``)."""
    layout = selectors.layout_for(user, document)
    if layout is None and not selectors.digest_known(document) and documents_fingerprint():
        layout = selectors.layout_for(user, document)
    now = timezone.now()
    fields: dict[str, object] = {
        "progress": progress,
        "percentage": percentage,
        "device": device,
        "device_id": device_id,
        "updated_at": now,
    }
    if layout is not None:
        place: WebPlace | None = web_place(layout, progress, percentage)
        reading = (
            reading_place_set(
                actor=user, work_id=layout.work.pk, chapter_id=place.chapter_id, paragraph=place.paragraph
            )
            if place is not None
            else None
        )
        fields.update(
            work=layout.work,
            chapter_id_read=reading.chapter_id if reading else None,
            paragraph=reading.paragraph if reading else 0,
            reading_at=reading.last_read_at if reading else None,
        )
    with transaction.atomic():
        exists = DeviceProgress.objects.filter(user=user, document=document).exists()
        if not exists and DeviceProgress.objects.filter(user=user).count() >= DOCUMENTS_MAX:
            raise ValidationError(f"At most {DOCUMENTS_MAX} documents are kept per account.")
        stored, _ = DeviceProgress.objects.update_or_create(user=user, document=document, defaults=fields)
    return stored


def progression_put(*, actor: User, work: Work, place: WebPlace) -> bool:
    """An OPDS Progression document's place moves the reader's history (the caller found the work visible)."""
    _require(actor)
    return (
        reading_place_set(actor=actor, work_id=work.pk, chapter_id=place.chapter_id, paragraph=place.paragraph)
        is not None
    )
