"""A bar chart of one daily series as SVG geometry, drawn by the template (no JavaScript, no build).

The numbers are worked out here so the template only places rectangles and labels; the template gives the
SVG a title and a description, and the same numbers as a table."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from scriptorium.stats.selectors import Series

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 60, 8, 14, 32


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day: datetime.date
    value: int


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    plot_left: int
    plot_right: int
    baseline: float
    first_day: datetime.date
    last_day: datetime.date
    peak: int
    peak_day: datetime.date | None
    total: int


def _nice_top(peak: int) -> int:
    """A round number at least ``peak`` (1, 2, 5 × a power of ten) for the top of the scale."""
    if peak <= 0:
        return 1
    power = 10 ** math.floor(math.log10(peak))
    for step in (1, 2, 5, 10):
        if step * power >= peak:
            return step * power
    return 10 * power


def bar_chart(series: Series) -> Chart:
    days = series.days
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    top = _nice_top(max((v for _, v in days), default=0))
    slot = plot_width / max(len(days), 1)
    gap = min(slot * 0.2, 2)
    baseline = TOP + plot_height
    bars = []
    for index, (day, value) in enumerate(days):
        height = plot_height * value / top
        bars.append(
            Bar(
                x=round(LEFT + index * slot + gap / 2, 2),
                y=round(baseline - height, 2),
                width=round(max(slot - gap, 0.5), 2),
                height=round(height, 2),
                day=day,
                value=value,
            )
        )
    levels = (0, top // 2, top) if top % 2 == 0 else (0, top)  # whole numbers only
    ticks = [Tick(y=round(baseline - plot_height * level / top, 2), label=f"{level:,}") for level in levels]
    peak_day, peak = max(days, key=lambda item: (item[1], item[0])) if days else (None, 0)
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        ticks=ticks,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        baseline=baseline,
        first_day=series.start,
        last_day=series.end,
        peak=peak,
        peak_day=peak_day if peak else None,
        total=series.total,
    )
