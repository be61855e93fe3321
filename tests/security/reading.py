"""Reading what a response shows: its body (a download's files too, an EPUB's every file) and its file name."""

from __future__ import annotations

import io
import zipfile

from django.http import HttpResponse


def shown_text(response: HttpResponse) -> str:
    """Everything the response shows a reader, lowercased."""
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"\n".join(archive.read(name) for name in archive.namelist())
    headers = " ".join(response.get(h, "") for h in ("Content-Disposition",))
    return (body.decode("utf-8", "replace") + "\n" + headers).lower()
