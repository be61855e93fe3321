"""The EPUB converter of ``tests.dataexport.holding``: records each start in HOLD_DIR, then waits there for a
``release`` file before converting."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings

from scriptorium.transfer.exports.epub import EpubConverter


class HoldingEpubConverter(EpubConverter):
    def convert(self, **kwargs) -> None:
        folder = Path(settings.HOLD_DIR)
        with (folder / "starts").open("a") as starts:
            starts.write("started\n")
        while not (folder / "release").exists():
            time.sleep(0.05)
        super().convert(**kwargs)
