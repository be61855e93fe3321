"""Progress lines for long commands: count, rate and time left, on a stream (the error stream, as a rule).

On a terminal one line is redrawn in place; elsewhere (logs, pipes) each update writes a line, or at most one
every ``every`` seconds (and always the last). :class:`Meter` does the counting and the writing; its subclasses
only say how the line reads, so each command keeps the line its users know:

* :class:`Meter` (the benchmarks): ``1,000/2,000 works (50 %), 310/s, 3s so far, ETA 3s``
* :class:`FilesMeter` (``scriptorium import``): ``[######------------------] 1/4 files, 0.1 files/s, ETA 30s``
* :class:`WorksBar` (``scriptorium reindex``): ``[######------------------] 1/4 works, 12 works/s, ETA 0s``
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO


def duration(seconds: float) -> str:
    """``42s``, ``3m07s`` or ``2h05m``."""
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


class Meter:
    """Redraws one line on a terminal; elsewhere writes a line per update, at most one every ``every`` seconds
    (and always the last one)."""

    #: Width of the ``[###---]`` bar of the subclasses that draw one.
    WIDTH = 24
    #: The smallest total kept (the benchmark's share never divides by zero; reindex shows an empty index as 0/0).
    FLOOR = 1
    #: Off a terminal, the fewest seconds between two lines (0: a line per update).
    EVERY = 5.0

    def __init__(
        self,
        total: int,
        stream: TextIO,
        *,
        unit: str = "",
        every: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = max(total, self.FLOOR)
        self.stream = stream
        self.unit = unit
        self.every = self.EVERY if every is None else every
        self.clock = clock
        self.started = clock()
        self.last = 0.0
        self.done = 0
        self.interactive = bool(getattr(stream, "isatty", lambda: False)())

    def elapsed(self) -> float:
        return max(self.clock() - self.started, 1e-9)

    def pace(self) -> tuple[float, float, float]:
        """Seconds so far, items per second, and seconds to go at that rate (0 before anything is done)."""
        elapsed = self.elapsed()
        rate = self.done / elapsed
        return elapsed, rate, (self.total - self.done) / rate if rate else 0.0

    def bar(self) -> str:
        filled = int(self.WIDTH * self.done / self.total) if self.total else self.WIDTH
        return "#" * filled + "-" * (self.WIDTH - filled)

    def line(self) -> str:
        elapsed, rate, left = self.pace()
        share = 100 * self.done / self.total
        return (
            f"{self.done:,}/{self.total:,} {self.unit} ({share:.0f} %), {rate:,.0f}/s, "
            f"{duration(elapsed)} so far, ETA {duration(left)}"
        )

    def update(self, done: int, total: int | None = None) -> None:
        self.done = done
        if total:
            self.total = max(total, self.FLOOR)
        now = self.clock()
        if self.interactive:
            self.stream.write("\r" + self.line())
            self.stream.flush()
        elif now - self.last >= self.every or done >= self.total:
            self.last = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def step(self) -> None:
        """One more done."""
        self.update(self.done + 1)

    def finish(self, summary: str = "") -> float:
        """End the redrawn line, write ``summary`` (when given) on a line of its own; the seconds it took."""
        elapsed = self.elapsed()
        if self.interactive:
            self.stream.write("\n")
        if summary:
            self.stream.write(summary + "\n")
        self.stream.flush()
        return elapsed


class FilesMeter(Meter):
    """``scriptorium import`` of several files: a bar, files done, files per second and time left."""

    EVERY = 0.0

    def line(self) -> str:
        _, rate, left = self.pace()
        return f"[{self.bar()}] {self.done}/{self.total} files, {rate:.1f} files/s, ETA {duration(left)}"

    def summary(self, *, failures: int) -> str:
        elapsed = self.elapsed()
        return (
            f"{self.done - failures} of {self.done} files imported in {duration(elapsed)} "
            f"({self.done / elapsed:.1f} files/s)."
        )


class WorksBar(Meter):
    """``scriptorium reindex``: a bar, works done, works per second and the seconds left."""

    FLOOR = 0
    EVERY = 0.0

    def line(self) -> str:
        _, rate, left = self.pace()
        return f"[{self.bar()}] {self.done}/{self.total} works, {rate:,.0f} works/s, ETA {left:.0f}s"
