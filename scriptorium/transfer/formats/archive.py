"""A ZIP archive of story files (any format this package reads): its members, read safely one by one.

The whole archive is checked by :func:`safety.open_zip` before the first member is handed out, so a hostile
archive (bomb, traversal, too many members) is refused before anything is imported. A member that cannot
be read is reported on its own and the others go on.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

from scriptorium.transfer.formats.safety import open_zip
from scriptorium.transfer.parsed import ImportRejected

KIND = "a ZIP archive"
_SKIPPED_NAMES = frozenset({"thumbs.db", "desktop.ini", "icon\r"})


@dataclass
class Member:
    """One file of the archive: its bytes, or why it cannot be imported."""

    name: str
    data: bytes = b""
    error: ImportRejected | None = None


def is_skipped(name: str) -> bool:
    """Files no one means to import: macOS resource forks, hidden files, Windows thumbnails."""
    parts = name.split("/")
    return (
        parts[0] == "__MACOSX"
        or any(part.startswith(".") for part in parts)
        or (parts[-1].casefold() in _SKIPPED_NAMES)
    )


def story_members(data: bytes, *, max_bytes: int) -> Iterator[Member]:
    """The archive's story files in archive order; raises ImportRejected (before the first) when the
    archive as a whole is damaged or hostile."""
    from scriptorium.transfer.formats import detect_format  # the dispatcher imports this module

    archive = open_zip(data, max_bytes=max_bytes, kind=KIND)
    for name in archive.names():
        if is_skipped(name):
            continue
        if archive.size(name) > max_bytes:
            limit = max_bytes / (1024 * 1024)
            yield Member(name, error=ImportRejected("too-large", f"The file is larger than the {limit:g} MB limit."))
            continue
        try:
            content = archive.read(name)
        except ImportRejected as exc:
            yield Member(name, error=exc)
            continue
        if detect_format(content, posixpath.basename(name)) == "zip":
            yield Member(
                name,
                error=ImportRejected("nested-archive", "ZIP archives inside a ZIP archive are not imported."),
            )
            continue
        yield Member(name, data=content)


def single_member(data: bytes, *, max_bytes: int) -> Member:
    """The one story file of an archive that holds exactly one; ImportRejected otherwise."""
    members = list(story_members(data, max_bytes=max_bytes))
    if not members:
        raise ImportRejected("empty", "The ZIP archive holds no files to import.")
    if len(members) > 1:
        raise ImportRejected(
            "archive",
            f"The ZIP archive holds {len(members)} files; each becomes a work of its own. Import it with "
            "“scriptorium import”, or upload it where archives are accepted.",
        )
    member = members[0]
    if member.error is not None:
        raise member.error
    return member
