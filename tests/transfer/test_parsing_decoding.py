"""decode_bytes: encodings, newlines, and the files we refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from scriptorium.transfer.decoding import decode_bytes
from scriptorium.transfer.parsed import ImportRejected

SAMPLES = Path(__file__).parent / "samples"
LIMIT = 1024 * 1024


def rejected(data: bytes, max_bytes: int = LIMIT) -> ImportRejected:
    with pytest.raises(ImportRejected) as info:
        decode_bytes(data, max_bytes=max_bytes)
    return info.value


def test_utf8_is_read_as_utf8() -> None:
    text, encoding = decode_bytes("“Curly” — and… naïve".encode(), max_bytes=LIMIT)
    assert (text, encoding) == ("“Curly” — and… naïve", "utf-8")


def test_utf8_with_bom_reports_utf8_sig_and_drops_the_bom() -> None:
    text, encoding = decode_bytes((SAMPLES / "inkitt_bom.txt").read_bytes(), max_bytes=LIMIT)
    assert encoding == "utf-8-sig"
    assert text.startswith("Two ghosts argue")
    assert "\ufeff" not in text


def test_cp1252_is_read_and_reported() -> None:
    text, encoding = decode_bytes((SAMPLES / "inkitt_cp1252.txt").read_bytes(), max_bytes=LIMIT)
    assert encoding == "cp1252"
    assert "“Closed,” said Noémie, though the door was open—it always was…" in text
    assert "crème brûlée" in text


def test_cp1252_inline_bytes() -> None:
    text, encoding = decode_bytes(b"\x93Hi,\x94 she said \x96 caf\xe9\x85", max_bytes=LIMIT)
    assert (text, encoding) == ("“Hi,” she said – café…", "cp1252")


def test_bom_followed_by_windows_1252_text() -> None:
    assert decode_bytes(b"\xef\xbb\xbfcaf\xe9", max_bytes=LIMIT) == ("café", "cp1252")


def test_utf16_with_bom_is_read() -> None:
    text, encoding = decode_bytes("Line one\r\nLíne two".encode("utf-16"), max_bytes=LIMIT)
    assert (text, encoding) == ("Line one\nLíne two", "utf-16")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"one\r\ntwo\r\n\r\nthree", "one\ntwo\n\nthree"),
        (b"one\rtwo\r\rthree", "one\ntwo\n\nthree"),
        (b"one\ntwo\r\nthree\rfour", "one\ntwo\nthree\nfour"),
    ],
    ids=["crlf", "cr", "mixed"],
)
def test_newlines_are_normalised(raw: bytes, expected: str) -> None:
    assert decode_bytes(raw, max_bytes=LIMIT)[0] == expected


def test_crlf_sample_file() -> None:
    text, _ = decode_bytes((SAMPLES / "inkitt_crlf.txt").read_bytes(), max_bytes=LIMIT)
    assert "\r" not in text
    assert "Age Rating:\n\nPrologue\n" in text


@pytest.mark.parametrize(
    "data",
    [b"", b"   ", b"\n\n\n", b" \t\r\n \r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n"],
    ids=["empty", "spaces", "newlines", "mixed-blank", "bom-only", "bom-and-blank"],
)
def test_empty_and_blank_files_are_rejected(data: bytes) -> None:
    error = rejected(data)
    assert error.code == "empty"
    assert error.message


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00mimetypeapplication/epub+zip",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"GIF89a\x01\x00\x01\x00",
        b"\x7fELF\x02\x01\x01",
        b"Once upon a time\x00\x00\x00 there was a NUL.",
        bytes(range(1, 32)) * 20 + b"some text",
    ],
    ids=["png", "pdf", "zip", "jpeg", "gif", "elf", "nul-bytes", "control-characters"],
)
def test_binary_files_are_rejected(data: bytes) -> None:
    error = rejected(data)
    assert error.code == "binary"
    assert "not plain text" in error.message


def test_a_few_control_characters_do_not_make_a_file_binary() -> None:
    text, _ = decode_bytes(b"Chapter 1\x0c\n" + b"A long enough line of ordinary prose. " * 5, max_bytes=LIMIT)
    assert text.startswith("Chapter 1")


def test_too_large_file_is_rejected_with_the_limit_in_mb() -> None:
    error = rejected(b"a" * (2 * LIMIT + 1), max_bytes=2 * LIMIT)
    assert error.code == "too-large"
    assert "2 MB" in error.message


def test_a_file_exactly_at_the_limit_is_accepted() -> None:
    assert decode_bytes(b"a" * 100, max_bytes=100) == ("a" * 100, "utf-8")


def test_size_is_checked_before_content() -> None:
    assert rejected(b"\x00" * 200, max_bytes=100).code == "too-large"


def test_undecodable_bytes_are_rejected() -> None:
    # 0x81 and 0x9d are invalid UTF-8 here and undefined in Windows-1252.
    error = rejected(b"Some text \x81\x9d and more text")
    assert error.code == "encoding"
    assert "UTF-8" in error.message


def test_import_rejected_carries_code_and_message() -> None:
    error = ImportRejected("no-prose", "The file has no story text.")
    assert (error.code, error.message, str(error)) == (
        "no-prose",
        "The file has no story text.",
        error.message,
    )
