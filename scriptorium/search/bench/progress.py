"""One progress line for long benchmark steps: count, rate and time left (a line every few seconds in logs)."""

from __future__ import annotations

import time
from typing import TextIO


def duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


class Meter:
    """Redraws one line on a terminal; elsewhere writes a line at most every ``every`` seconds."""

    def __init__(self, total: int, stream: TextIO, *, unit: str, every: float = 5.0) -> None:
        self.total = max(total, 1)
        self.stream = stream
        self.unit = unit
        self.every = every
        self.started = time.monotonic()
        self.last = 0.0
        self.done = 0
        self.interactive = bool(getattr(stream, "isatty", lambda: False)())

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        share = 100 * self.done / self.total
        return (
            f"{self.done:,}/{self.total:,} {self.unit} ({share:.0f} %), {rate:,.0f}/s, "
            f"{duration(elapsed)} so far, ETA {duration(left)}"
        )

    def update(self, done: int, total: int | None = None) -> None:
        self.done = done
        if total:
            self.total = max(total, 1)
        now = time.monotonic()
        if self.interactive:
            self.stream.write("\r" + self.line())
            self.stream.flush()
        elif now - self.last >= self.every or done >= self.total:
            self.last = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def finish(self, summary: str) -> None:
        if self.interactive:
            self.stream.write("\n")
        self.stream.write(summary + "\n")
        self.stream.flush()
