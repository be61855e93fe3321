"""A task for the worker tests: it records each start, then holds its worker until the test lets it finish."""

from __future__ import annotations

import time
from pathlib import Path

from django.tasks import task


@task()
def hold_until_released(folder: str) -> str:
    here = Path(folder)
    with (here / "starts").open("a") as starts:
        starts.write("started\n")
    while not (here / "release").exists():
        time.sleep(0.05)
    (here / "finished").write_text("finished\n")
    return "finished"
