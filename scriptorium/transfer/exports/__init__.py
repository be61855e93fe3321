"""Downloads: converters that turn a work into a file, found through a registry in the settings.

Like Django's ``STORAGES`` or ``TASKS``, ``SCRIPTORIUM_DOWNLOAD_FORMATS`` maps a format name to a backend and
its options; the order is the order of the download menu::

    SCRIPTORIUM_DOWNLOAD_FORMATS = {
        "epub": {"BACKEND": "scriptorium.transfer.exports.epub.EpubConverter"},
        "pdf": {"BACKEND": "scriptorium.transfer.exports.calibre.PdfConverter", "OPTIONS": {"paper_size": "a5"}},
        ...
    }

The defaults (:data:`DEFAULT_FORMATS`) need nothing installed for EPUB, HTML, TXT and Markdown; AZW3, MOBI and
PDF need calibre's ``ebook-convert`` and say so when it is missing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from scriptorium.core.backends import load_backend
from scriptorium.transfer.exports.base import ConversionError, Converter

__all__ = [
    "DEFAULT_FORMATS",
    "ConversionError",
    "Converter",
    "converter_for",
    "converters",
    "format_for_extension",
    "is_available",
]

SETTING = "SCRIPTORIUM_DOWNLOAD_FORMATS"
_PACKAGE = "scriptorium.transfer.exports"
DEFAULT_FORMATS: dict[str, dict[str, Any]] = {
    "epub": {"BACKEND": f"{_PACKAGE}.epub.EpubConverter"},
    "azw3": {"BACKEND": f"{_PACKAGE}.calibre.Azw3Converter"},
    "mobi": {"BACKEND": f"{_PACKAGE}.calibre.MobiConverter"},
    "pdf": {"BACKEND": f"{_PACKAGE}.calibre.PdfConverter"},
    "html": {"BACKEND": f"{_PACKAGE}.html.HtmlConverter"},
    "txt": {"BACKEND": f"{_PACKAGE}.text.TextConverter"},
    "md": {"BACKEND": f"{_PACKAGE}.markdown.MarkdownConverter"},
}


def converters() -> dict[str, Converter]:
    """Every configured converter by format name, in menu order (each built once per configuration, through
    :func:`scriptorium.core.backends.load_backend`)."""
    configured = getattr(settings, SETTING, None) or DEFAULT_FORMATS
    loaded: dict[str, Converter] = {
        name: load_backend(config, base=Converter, setting=SETTING, name=name, args=(name,))
        for name, config in configured.items()
    }
    for name, converter in loaded.items():
        missing = [required for required in converter.requires if required not in loaded]
        if missing:
            raise ImproperlyConfigured(f"The {name} converter needs the {', '.join(missing)} format configured.")
    return loaded


def converter_for(format_name: str) -> Converter | None:
    return converters().get(format_name)


def format_for_extension(extension: str) -> str | None:
    """The format a file name ending names ("epub", "md"…), or None."""
    extension = extension.lower().lstrip(".")
    for name, converter in converters().items():
        if extension in (name, converter.extension):
            return name
    return None


def is_available(format_name: str) -> bool:
    """Whether the format can be built here: its converter and those of the formats it reads are available."""
    converter = converter_for(format_name)
    if converter is None or not converter.available():
        return False
    return all(is_available(required) for required in converter.requires)
