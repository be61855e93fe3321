"""Reads of the sync app: who a device is, which work a document digest is, and what to answer a device."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.urls import reverse

from scriptorium.interactions.models import Reading
from scriptorium.kosync.digests import key_digest
from scriptorium.kosync.models import DeviceProgress, DocumentFile, DocumentName, SyncKey
from scriptorium.kosync.places import Layout, WebPlace, device_place
from scriptorium.works.models import Work

if TYPE_CHECKING:
    from scriptorium.accounts.models import User

#: What a web reading is called when it is answered to a device (KOReader ignores its own device's progress).
WEB_DEVICE = "Scriptorium (web)"
WEB_DEVICE_ID = "scriptorium-web"
_NOBODY = key_digest("0" * 32)


def user_for_key(username: str, auth_key: str) -> tuple[User, SyncKey] | None:
    """The account whose confirmed sync key KOReader sent (``x-auth-user``, ``x-auth-key``), else None, in about
    the same time whether or not the username exists."""
    digest = key_digest(auth_key)
    user = get_user_model().objects.filter(username__iexact=username, is_active=True).first() if username else None
    keys = list(SyncKey.objects.filter(user=user, confirmed=True)) if user is not None else []
    if not keys:
        hmac.compare_digest(_NOBODY, digest)  # the same work as a wrong key
    found = next((key for key in keys if hmac.compare_digest(key.digest, digest)), None)
    return (user, found) if found is not None and user is not None else None


def keys_of(user: User) -> list[SyncKey]:
    return list(SyncKey.objects.filter(user=user))


def layout_for(user: User, document: str) -> Layout | None:
    """The work, format and chapter layout a digest names, for a work ``user`` may open (else None)."""
    visible = Work.objects.visible_to(user)
    found = (
        DocumentFile.objects.filter(partial_md5=document, work__in=visible)
        .select_related("work")
        .order_by("-revision", "-id")
        .first()
    )
    if found is not None:
        return Layout(found.work, found.format, tuple(found.chapter_ids))
    named = DocumentName.objects.filter(digest=document, work__in=visible).select_related("work").first()
    if named is not None:
        return Layout(named.work, named.format)
    return None


def digest_known(document: str) -> bool:
    return (
        DocumentFile.objects.filter(partial_md5=document).exists()
        or DocumentName.objects.filter(digest=document).exists()
    )


def reading_of(user: User, work: Work) -> Reading | None:
    return Reading.objects.filter(user=user, work=work, views__gt=0, chapter__isnull=False).first()


def _web_is_newer(reading: Reading, stored: DeviceProgress | None) -> bool:
    """Whether the web's place is not the one the last device put there (opening the work's page again moves
    the time, not the place: then the device's own words are answered)."""
    if stored is None:
        return True
    if stored.chapter_id_read is None:  # the device's place did not reach the history (it was off): by time
        return reading.last_read_at is not None and reading.last_read_at > stored.updated_at
    return (reading.chapter_id, reading.paragraph) != (stored.chapter_id_read, stored.paragraph)


def _stored_answer(stored: DeviceProgress) -> dict[str, object]:
    answer: dict[str, object] = {
        "document": stored.document,
        "percentage": stored.percentage,
        "progress": stored.progress,
        "device": stored.device,
        "timestamp": int(stored.updated_at.timestamp()),
    }
    if stored.device_id:
        answer["device_id"] = stored.device_id
    return answer


def progress_answer(user: User, document: str) -> dict[str, object]:
    """What ``GET /syncs/progress/<document>`` answers: the last device's progress, or the web's place when the
    reader has read on the web since (as an XPointer into the same EPUB); ``{}`` when there is none."""
    stored = DeviceProgress.objects.filter(user=user, document=document).first()
    layout = layout_for(user, document)
    if layout is not None:
        reading = reading_of(user, layout.work)
        if reading is not None and _web_is_newer(reading, stored):
            place = device_place(layout, WebPlace(reading.chapter_id, reading.paragraph))
            if place is not None and reading.last_read_at is not None:
                return {
                    "document": document,
                    "percentage": place.percentage,
                    "progress": place.progress,
                    "device": WEB_DEVICE,
                    "device_id": WEB_DEVICE_ID,
                    "timestamp": int(reading.last_read_at.timestamp()),
                }
    return _stored_answer(stored) if stored is not None else {}


def progression_device(user: User, work: Work, reading: Reading) -> dict[str, str] | None:
    """The device whose report put the history where it is (None: the web put it there)."""
    stored = (
        DeviceProgress.objects.filter(user=user, work=work, reading_at=reading.last_read_at)
        .exclude(reading_at=None)
        .first()
    )
    if stored is None or (stored.chapter_id_read, stored.paragraph) != (reading.chapter_id, reading.paragraph):
        return None
    return {"id": f"urn:kosync:{stored.device_id or stored.device}", "name": stored.device}


def progression_url(work: Work) -> str:
    """The address of a work's OPDS Progression document (for the OPDS catalogs' entries)."""
    return reverse("kosync:progression", kwargs={"work_id": work.pk})
