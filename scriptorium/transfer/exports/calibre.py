"""AZW3, MOBI and PDF through calibre's ``ebook-convert``, from our own EPUB.

Available only where ``ebook-convert`` is on the PATH (Debian: ``apt-get install calibre``); elsewhere the work
page lists these formats as unavailable. calibre's PDF output runs Qt WebEngine, whose Chromium refuses to
start as root without ``--no-sandbox``; the conversion runs with that flag, headless, and with a configuration
folder of its own so that several conversions never share state.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from scriptorium.transfer.exports.base import ConversionError, Converter
from scriptorium.transfer.exports.snapshot import WorkSnapshot

PROGRAM = "ebook-convert"


class CalibreConverter(Converter):
    """Converts the EPUB download with ``ebook-convert``. OPTIONS: ``args`` (extra command-line options,
    replacing the defaults) and ``timeout`` (seconds, default 300)."""

    requires = ("epub",)
    programs = (PROGRAM,)
    needs_work = False
    default_args: tuple[str, ...] = ()

    def time_limit(self) -> float:
        return float(self.options.get("timeout", 300))

    def command(self, source: Path, output: Path) -> list[str]:
        program = shutil.which(PROGRAM) or PROGRAM
        args = self.options.get("args", self.default_args)
        return [program, str(source), str(output), *args]

    def convert(self, *, work: WorkSnapshot | None, inputs: Mapping[str, Path], target: Path) -> None:
        source = inputs["epub"]
        with tempfile.TemporaryDirectory(prefix="scriptorium-calibre-") as scratch:
            output = Path(scratch) / f"book.{self.extension}"
            env = {
                **os.environ,
                "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox --disable-gpu",
                "QT_QPA_PLATFORM": "offscreen",
                "CALIBRE_CONFIG_DIRECTORY": str(Path(scratch) / "config"),
                "CALIBRE_TEMP_DIR": scratch,
                "HOME": scratch,
            }
            try:
                result = subprocess.run(  # noqa: S603 - fixed program, our own file names
                    self.command(source, output),
                    env=env,
                    cwd=scratch,
                    capture_output=True,
                    timeout=self.time_limit(),
                    check=False,
                )
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise ConversionError(f"{PROGRAM} could not convert the book: {exc}") from exc
            if result.returncode != 0 or not output.exists() or output.stat().st_size == 0:
                detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip().splitlines()[-3:]
                raise ConversionError(f"{PROGRAM} failed ({result.returncode}): {' '.join(detail)}")
            shutil.move(str(output), target)


class Azw3Converter(CalibreConverter):
    extension = "azw3"
    content_type = "application/vnd.amazon.mobi8-ebook"
    label = "AZW3"


class MobiConverter(CalibreConverter):
    extension = "mobi"
    content_type = "application/x-mobipocket-ebook"
    label = "MOBI"


class PdfConverter(CalibreConverter):
    extension = "pdf"
    content_type = "application/pdf"
    label = "PDF"
    default_args = (
        "--paper-size",
        "a5",
        "--pdf-page-numbers",
        "--pdf-page-margin-left",
        "36",
        "--pdf-page-margin-right",
        "36",
        "--pdf-page-margin-top",
        "36",
        "--pdf-page-margin-bottom",
        "36",
    )
