"""Turn an uploaded file's bytes into text, or reject the file with a clear reason."""

from __future__ import annotations

from scriptorium.transfer.parsed import ImportRejected

_MB = 1024 * 1024

#: Leading bytes of file types that are certainly not plain text.
_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (EPUB, DOCX and ODT files are ZIP archives)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"PK\x07\x08", "a ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)

#: Control bytes that ordinary text files contain: tab, line feed, form feed, carriage return.
_TEXT_CONTROLS = frozenset(b"\t\n\x0c\r")
_CONTROL_RATIO_LIMIT = 0.05
_SAMPLE_SIZE = 64 * 1024


def _megabytes(size: int) -> str:
    value = size / _MB
    return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"


def _looks_binary(data: bytes) -> str | None:
    """Say what the file seems to be when it is not text, else None."""
    for magic, description in _MAGIC_NUMBERS:
        if data.startswith(magic):
            return description
    if b"\x00" in data:
        return "a binary file"
    sample = data[:_SAMPLE_SIZE]
    controls = sum(1 for byte in sample if (byte < 0x20 and byte not in _TEXT_CONTROLS) or byte == 0x7F)
    if controls / len(sample) > _CONTROL_RATIO_LIMIT:
        return "a binary file"
    return None


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            data = data[3:]  # a stray byte-order mark must not turn into "ï»¿"
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise ImportRejected(
            "encoding",
            "The file's text encoding could not be recognised. Save it as UTF-8 text and try again.",
        ) from None


def normalise_newlines(text: str) -> str:
    """Turn Windows (\\r\\n) and old Mac (\\r) line endings into \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, *, max_bytes: int) -> tuple[str, str]:
    """Return ``(text, encoding_used)`` for an uploaded text file.

    Tries UTF-8, UTF-8 with a byte-order mark ("utf-8-sig"), then Windows-1252 ("cp1252");
    a UTF-16 file with a byte-order mark (Notepad's "Unicode") is read as "utf-16".
    Newlines come back as ``\\n``. Raises :class:`ImportRejected` with code "too-large",
    "empty", "binary" or "encoding".
    """
    if len(data) > max_bytes:
        raise ImportRejected(
            "too-large",
            f"The file is {_megabytes(len(data))}, over the {_megabytes(max_bytes)} limit for imports.",
        )
    if not data:
        raise ImportRejected("empty", "The file is empty.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ImportRejected(
                "encoding",
                "The file looks like UTF-16 text but cannot be read. Save it as UTF-8 and try again.",
            ) from None
    else:
        kind = _looks_binary(data)
        if kind is not None:
            raise ImportRejected("binary", f"The file looks like {kind}, not plain text. Upload a .txt file instead.")
        text, encoding = _decode(data)
    if not text.strip():
        raise ImportRejected("empty", "The file contains only blank space, no text.")
    return normalise_newlines(text), encoding
