"""A text progress bar for long imports: count, rate and time left, on the error stream."""

from __future__ import annotations

import time
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


class Progress:
    """Redraws one line on a terminal; writes a line per step elsewhere (logs, pipes)."""

    WIDTH = 24

    def __init__(self, total: int, stream: TextIO, *, clock: object = time.monotonic) -> None:
        self.total = max(total, 1)
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.interactive = bool(getattr(stream, "isatty", lambda: False)())

    def line(self) -> str:
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        filled = int(self.WIDTH * self.done / self.total)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        return f"[{bar}] {self.done}/{self.total} files, {rate:.1f} files/s, ETA {_duration(left)}"

    def step(self) -> None:
        self.done += 1
        if self.interactive:
            self.stream.write("\r" + self.line())
            self.stream.flush()
        else:
            self.stream.write(self.line() + "\n")

    def finish(self, *, failures: int) -> str:
        elapsed = max(self.clock() - self.started, 1e-9)
        if self.interactive:
            self.stream.write("\n")
        summary = (
            f"{self.done - failures} of {self.done} files imported in {_duration(elapsed)} "
            f"({self.done / elapsed:.1f} files/s)."
        )
        self.stream.write(summary + "\n")
        return summary
