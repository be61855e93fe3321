"""The progress lines of long commands: one meter, each command's own wording."""

from __future__ import annotations

import io

from scriptorium.core.progress import FilesMeter, Meter, WorksBar, duration


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_durations_read_as_seconds_minutes_or_hours() -> None:
    assert [duration(s) for s in (4.4, 187, 7500)] == ["4s", "3m07s", "2h05m"]


def test_the_benchmark_meter_writes_a_line_at_most_every_few_seconds_in_logs() -> None:
    stream, clock = io.StringIO(), Clock()
    meter = Meter(4, stream, unit="works", clock=clock)
    clock.now += 1
    meter.update(1)  # the first line is written at once
    clock.now += 1
    meter.update(2)  # one second later: too soon
    clock.now += 8
    meter.update(4)  # the last one always is
    lines = stream.getvalue().splitlines()
    assert lines == [
        "1/4 works (25 %), 1/s, 1s so far, ETA 3s",
        "4/4 works (100 %), 0/s, 10s so far, ETA 0s",
    ]
    clock.now += 1
    assert meter.finish("Done.") == 11.0
    assert stream.getvalue().endswith("ETA 0s\nDone.\n")


def test_the_import_meter_writes_every_file_and_a_summary() -> None:
    stream, clock = io.StringIO(), Clock()
    meter = FilesMeter(2, stream, clock=clock)
    clock.now += 1
    meter.step()
    clock.now += 1
    meter.step()
    meter.finish(meter.summary(failures=1))
    assert stream.getvalue().splitlines() == [
        "[############------------] 1/2 files, 1.0 files/s, ETA 1s",
        "[########################] 2/2 files, 1.0 files/s, ETA 0s",
        "1 of 2 files imported in 2s (1.0 files/s).",
    ]


def test_the_reindex_bar_redraws_on_a_terminal_and_shows_an_empty_index_as_full() -> None:
    stream, clock = Terminal(), Clock()
    bar = WorksBar(0, stream, clock=clock)
    bar.update(0, 0)
    assert stream.getvalue() == "\r[########################] 0/0 works, 0 works/s, ETA 0s"
    clock.now += 1.5
    bar.update(3, 6)
    assert stream.getvalue().endswith("\r[############------------] 3/6 works, 2 works/s, ETA 2s")
    bar.finish()
    assert stream.getvalue().endswith("\n")
