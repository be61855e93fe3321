"""What devices send, checked: a request either passes whole or is refused with what was wrong (nothing saved)."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

#: Largest request body read (a KOReader progress update is a few hundred bytes).
BODY_MAX = 16 * 1024
DOCUMENT = re.compile(r"^[A-Za-z0-9_]{1,64}$")


class InputError(ValueError):
    """``code`` is the KOReader sync server's error number (2003 invalid request, 2004 no document)."""

    def __init__(self, message: str, code: int = 2003) -> None:
        super().__init__(message)
        self.code = code


def json_object(body: bytes) -> dict:
    if len(body) > BODY_MAX:
        raise InputError(f"The request body is larger than {BODY_MAX} bytes.")
    try:
        data = json.loads(body.decode("utf-8") or "null")
    except (UnicodeDecodeError, ValueError):
        raise InputError("The request body is not JSON.") from None
    if not isinstance(data, dict):
        raise InputError("The request body must be a JSON object.")
    return data


def text(data: dict, field: str, *, limit: int, required: bool = True) -> str:
    value = data.get(field)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"'{field}' must be a non-empty string.")
    if len(value) > limit:
        raise InputError(f"'{field}' must be at most {limit} characters.")
    return value


def fraction(value: object, field: str) -> float:
    """A number from 0 to 1 (KOReader's sync server also reads one written as a string)."""
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            value = None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(f"'{field}' must be a number from 0 to 1.")
    if not 0 <= value <= 1:
        raise InputError(f"'{field}' must be a number from 0 to 1.")
    return float(value)


def document_id(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise InputError("Field 'document' not provided.", code=2004)
    if not DOCUMENT.match(value):
        raise InputError("'document' must be 1 to 64 letters, digits or underscores.")
    return value


@dataclass(frozen=True)
class ProgressInput:
    document: str
    progress: str
    percentage: float
    device: str
    device_id: str

    @classmethod
    def from_body(cls, body: bytes) -> ProgressInput:
        data = json_object(body)
        return cls(
            document=document_id(data.get("document")),
            progress=text(data, "progress", limit=1000),
            percentage=fraction(data.get("percentage"), "percentage"),
            device=text(data, "device", limit=100),
            device_id=text(data, "device_id", limit=100, required=False),
        )


@dataclass(frozen=True)
class RegisterInput:
    username: str
    password: str

    @classmethod
    def from_body(cls, body: bytes) -> RegisterInput:
        data = json_object(body)
        username = text(data, "username", limit=150)
        if ":" in username:
            raise InputError("'username' may not contain ':'.")
        return cls(username=username, password=text(data, "password", limit=64))
