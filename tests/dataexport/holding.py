"""Settings for the killed-worker test: the archive's own, with an EPUB converter that records each start and
then holds its worker until the test lets it go (``holding_converter``), so the test can kill the worker in the
middle of writing an export."""

from __future__ import annotations

import os

from scriptorium.settings import *  # noqa: F403

SCRIPTORIUM_DOWNLOAD_FORMATS = {
    "epub": {"BACKEND": "tests.dataexport.holding_converter.HoldingEpubConverter"},
    "html": {"BACKEND": "scriptorium.transfer.exports.html.HtmlConverter"},
}
SCRIPTORIUM_DOWNLOAD_PREBUILD = ()
HOLD_DIR = os.environ.get("SCRIPTORIUM_TEST_HOLD_DIR", "")
