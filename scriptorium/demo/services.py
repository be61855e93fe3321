"""Load the demo archive (works written by the Scriptorium team) and a demo admin account."""

from __future__ import annotations

import datetime
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from scriptorium.accounts.models import Pseud, User
from scriptorium.accounts.services import pseud_create, user_create
from scriptorium.demo.policy_texts import STARTER_TEXTS
from scriptorium.policies.models import PolicyKind, PolicyVersion
from scriptorium.policies.services import policy_accept, policy_publish
from scriptorium.works.cocreators import creator_invitation_accept
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.models import Work
from scriptorium.works.selectors import invitations_pending_on
from scriptorium.works.services import work_create

ARCHIVE_FILE = Path(__file__).with_name("archive.json")
ADMIN_USERNAME = "admin"


@dataclass
class DemoResult:
    created_works: int
    admin_username: str
    admin_password: str | None  # None when the admin existed before and its password is unknown


def _admin_password_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-admin-password"


def _policies_load(admin: User) -> None:
    """Version 1 of each policy the archive has none of, from the starter texts; the demo admin accepts the
    terms (which ask every account to), so its first visit is not the accept page."""
    for kind, text in STARTER_TEXTS.items():
        if PolicyVersion.objects.filter(kind=kind).exists():
            continue
        terms = kind == PolicyKind.TERMS
        version = policy_publish(actor=admin, kind=kind, body=text, note="Starter text", requires_acceptance=terms)
        if terms:
            policy_accept(actor=admin, version=version)


@transaction.atomic
def demo_load(*, archive_file: Path = ARCHIVE_FILE) -> DemoResult:
    """Create the demo users, series and works, and the starter policies, unless they exist; idempotent."""
    data = json.loads(archive_file.read_text(encoding="utf-8"))
    password_file = _admin_password_file()
    admin_password: str | None = None
    if not User.objects.filter(username=ADMIN_USERNAME).exists():
        admin_password = secrets.token_urlsafe(12)
        admin = user_create(username=ADMIN_USERNAME, email="admin@example.org", password=admin_password)
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
        password_file.write_text(admin_password + "\n")
        password_file.chmod(0o600)
    elif password_file.exists():
        admin_password = password_file.read_text().strip()

    _policies_load(User.objects.get(username=ADMIN_USERNAME))

    pseuds: dict[str, Pseud] = {}
    for entry in data["users"]:
        user = User.objects.filter(username=entry["username"]).first()
        if user is None:
            user = user_create(username=entry["username"], email=entry["email"], password=None)
            user.about = entry.get("about", "")
            user.save(update_fields=["about"])
        for index, name in enumerate(entry["pseuds"]):
            pseud = Pseud.objects.filter(name__iexact=name).first()
            if pseud is None:
                pseud = pseud_create(actor=user, name=name)
            elif pseud.name != name and pseud.user_id == user.pk:
                pseud.name = name  # the default pseud takes the spelling the demo file gives
                pseud.save(update_fields=["name"])
            if index == 0 and not pseud.is_default:
                Pseud.objects.filter(user=user).update(is_default=False)
                Pseud.objects.filter(pk=pseud.pk).update(is_default=True)
            pseuds[name] = pseud

    series_titles = {s["key"]: s["title"] for s in data.get("series", [])}
    created = 0
    for entry in data["works"]:
        creators = [pseuds[name] for name in entry["creators"]]
        if Work.objects.filter(title=entry["title"], creators__in=creators).exists():
            continue
        series = entry.get("series") or {}
        work_input = WorkInput(
            title=entry["title"],
            summary=entry.get("summary", ""),
            notes=entry.get("notes", ""),
            end_notes=entry.get("end_notes", ""),
            language=entry.get("language", "en"),
            rating=entry["rating"],
            warnings=tuple(entry["warnings"]),
            categories=tuple(entry.get("categories", [])),
            fandoms=tuple(entry.get("fandoms", [])),
            relationships=tuple(entry.get("relationships", [])),
            characters=tuple(entry.get("characters", [])),
            additional_tags=tuple(entry.get("additional_tags", [])),
            restricted=entry.get("restricted", False),
            expected_chapters=entry.get("expected_chapters"),
            series_title=series_titles.get(series.get("key", ""), ""),
            series_position=series.get("position"),
        )
        chapters = [
            ChapterInput(
                text=c["text"],
                title=c.get("title", ""),
                summary=c.get("summary", ""),
                notes=c.get("notes", ""),
                end_notes=c.get("end_notes", ""),
            )
            for c in entry["chapters"]
        ]
        published = datetime.date.fromisoformat(entry["published"])
        updated = datetime.date.fromisoformat(entry.get("updated") or entry["published"])
        work = work_create(
            actor=creators[0].user,
            creators=creators,
            data=work_input,
            chapters=chapters,
            post=True,
            published_on=published,
            revised_on=updated,
        )
        for invitation in invitations_pending_on(work):  # the demo's co-writers said yes
            creator_invitation_accept(actor=invitation.pseud.user, invitation_id=invitation.pk)
        # Spread the chapters' dates between publication and the last update, as a real archive has them.
        chapter_list = list(work.chapters.order_by("position"))
        for i, chapter in enumerate(chapter_list):
            chapter.published_on = updated if i == len(chapter_list) - 1 and i > 0 else published
            chapter.save(update_fields=["published_on"])
        Work.objects.filter(pk=work.pk).update(
            published_on=published, revised_on=updated, completed_on=updated if work.complete else None
        )
        created += 1
    return DemoResult(created_works=created, admin_username=ADMIN_USERNAME, admin_password=admin_password)
