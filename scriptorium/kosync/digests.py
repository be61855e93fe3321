"""The digests KOReader names a document by (its kosync plugin's two "document matching" methods).

- Binary (the default): KOReader's partial MD5, one MD5 over 1024-byte samples read at offsets 0 and 1024·4^i
  for i = 0…10 (1 KiB, 4 KiB, 16 KiB … 1 GiB), stopping at the first offset with nothing left to read. (Its
  loop starts at i = −1, whose 32-bit shift comes out as offset 0.)
- Filename: the MD5 of the file's name, without its folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import BinaryIO

SAMPLE = 1024
OFFSETS = (0, *(SAMPLE << (2 * i) for i in range(11)))


def partial_md5_of(handle: BinaryIO) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    for offset in OFFSETS:
        handle.seek(offset)
        sample = handle.read(SAMPLE)
        if not sample:
            break
        digest.update(sample)
    return digest.hexdigest()


def partial_md5(path: Path) -> str:
    with path.open("rb") as handle:
        return partial_md5_of(handle)


def filename_md5(name: str) -> str:
    return hashlib.md5(name.encode("utf-8"), usedforsecurity=False).hexdigest()


def key_digest(auth_key: str) -> str:
    """What is stored of a sync key: SHA-256 of the hex MD5 KOReader sends (``x-auth-key``), lowercased."""
    return hashlib.sha256(auth_key.strip().lower().encode("ascii", "replace")).hexdigest()


def md5_hex(text: str) -> str:
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()
