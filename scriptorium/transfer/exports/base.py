"""What every download converter declares: its format, file extension, content type, what it needs."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scriptorium.transfer.exports.snapshot import WorkSnapshot


class ConversionError(Exception):
    """A converter could not make the file (a program failed, timed out, or wrote nothing)."""


class Converter:
    """Base class of the download converters listed in ``SCRIPTORIUM_DOWNLOAD_FORMATS``.

    A converter either builds its file from the work itself (``needs_work``: it gets a :class:`WorkSnapshot`)
    or from files of other formats (``requires``: the builder makes those first and hands over their paths).
    """

    #: File name extension, without the dot.
    extension: str = ""
    #: The Content-Type the file is served with.
    content_type: str = "application/octet-stream"
    #: How the download menu names the format.
    label: str = ""
    #: Formats whose files this converter reads (built first, handed over in ``inputs``).
    requires: tuple[str, ...] = ()
    #: Programs it runs; it is available only when each is on the PATH.
    programs: tuple[str, ...] = ()
    #: Whether it builds from the work itself rather than from the files in ``requires``.
    needs_work: bool = True

    def __init__(self, format_name: str, **options: Any) -> None:
        self.format = format_name
        self.options = options

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.format}>"

    def available(self) -> bool:
        """Whether this archive can build the format (the programs it needs are installed)."""
        return all(shutil.which(program) for program in self.programs)

    def time_limit(self) -> float:
        """Seconds a build may take before it counts as abandoned (the ``timeout`` option, else a minute)."""
        return float(self.options.get("timeout", 60))

    def unavailable_reason(self) -> str:
        missing = [program for program in self.programs if not shutil.which(program)]
        if missing:
            return f"{self.label} downloads need {', '.join(missing)}, which this archive does not have installed."
        return f"{self.label} downloads are not available on this archive."

    def convert(self, *, work: WorkSnapshot | None, inputs: Mapping[str, Path], target: Path) -> None:
        """Write the file for ``work`` (or from ``inputs``) to ``target``; raise ConversionError on failure."""
        raise NotImplementedError
