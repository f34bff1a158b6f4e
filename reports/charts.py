"""Charts as server-rendered SVG: the same partials on the web pages and in the PDF.

Each function returns a plain description of the chart (coordinates already
worked out) that ``templates/reports/charts/*.svg.html`` draws. No
JavaScript, no inline styles: colours are SVG presentation attributes, so
the pages keep to the Content Security Policy. Every chart is shown with a
data table of the same numbers, and series differ by marker and dash as
well as colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# GOV.UK Design System colours.
BLUE, DARK_BLUE, ORANGE, GREEN, PURPLE, GREY = "#1d70b8", "#003078", "#f47738", "#00703c", "#4c2c92", "#b1b4b6"
TEXT = "#0b0c0c"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: int
    label: str
    marker_path: str = ""


def marker_path(marker: str, x: float, y: float) -> str:
    """An SVG path for a point marker: each series has its own shape."""
    if marker == "square":
        return f"M{x - 4.5:.1f},{y - 4.5:.1f} h9 v9 h-9 z"
    if marker == "triangle":
        return f"M{x:.1f},{y - 6:.1f} l6,10 h-12 z"
    if marker == "diamond":
        return f"M{x:.1f},{y - 6:.1f} l6,6 l-6,6 l-6,-6 z"
    return f"M{x - 5:.1f},{y:.1f} a5,5 0 1,0 10,0 a5,5 0 1,0 -10,0 z"


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    dash: str  # stroke-dasharray, "" for solid
    marker: str  # "circle", "square", "triangle", "diamond"
    points: tuple[Point, ...]
    legend_x: int = 0
    legend_y: int = 0

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points))


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class LineChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    series: tuple[Series, ...]


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: float
    width: float
    text_x: float
    text_y: float


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...] = field(default=())
    colour: str = BLUE


def nice_axis(largest: int, intervals: int = 5) -> tuple[int, int]:
    """(top, step) for a value axis from 0: the step a round number (1, 2 or 5
    times a power of ten, never below 1), the top the first multiple of it at
    or above ``largest``. ``nice_axis(210)`` is (250, 50)."""
    raw = max(largest, 1) / intervals
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return step * max(1, math.ceil(largest / step)), step


SERIES_STYLE = [
    (BLUE, "", "circle"), (DARK_BLUE, "6 3", "square"), (ORANGE, "2 3", "triangle"), (GREEN, "8 3 2 3", "diamond"),
]


def line_chart(*, id, title, description, labels, series, width=640, height=300) -> LineChart:
    """``labels``: one per point along the x axis; ``series``: (name, values) pairs."""
    left, right, top, bottom = 48, width - 32, 16, height - 80
    top_value, step = nice_axis(max([v for _, values in series for v in values] + [1]))
    count = max(len(labels), 1)

    def x(i):
        return left + (right - left) * (i / (count - 1) if count > 1 else 0.5)

    def y(value):
        return bottom - (bottom - top) * value / top_value

    drawn = tuple(
        Series(
            name, colour, dash, marker,
            tuple(Point(x(i), y(v), v, labels[i], marker_path(marker, x(i), y(v))) for i, v in enumerate(values)),
            legend_x=left + (n % 2) * (width - left) // 2, legend_y=height - 40 + (n // 2) * 20,
        )
        for n, ((name, values), (colour, dash, marker)) in enumerate(zip(series, SERIES_STYLE))
    )
    y_ticks = tuple(Tick(y(value), f"{value:,}") for value in range(0, top_value + 1, step))
    x_ticks = tuple(Tick(x(i), label) for i, label in enumerate(labels))
    return LineChart(id, title, description, width, height, left, right, top, bottom, x_ticks, y_ticks, drawn)


def bar_chart(*, id, title, description, rows, width=640, bar_height=22, label_width=300) -> BarChart:
    """Horizontal bars: ``rows`` are (label, value) pairs, drawn in the order given."""
    top_value = max([value for _, value in rows] + [1])
    room = width - label_width - 56
    bars = []
    for i, (label, value) in enumerate(rows):
        bar_width = room * value / top_value
        top = 8 + i * (bar_height + 8)
        bars.append(Bar(label, value, top, bar_width, label_width + bar_width + 6, top + bar_height / 2))
    height = 16 + len(rows) * (bar_height + 8)
    return BarChart(id, title, description, width, height, label_width, bar_height, tuple(bars))


def running_totals_chart(running_totals, *, id="running-totals-chart") -> LineChart:
    """CME, CME including historical cases, EHE and open to YOS over the returns given."""
    rows = list(running_totals)
    labels = [f"{r.as_at:%b %y}" for r in rows]
    last = rows[-1] if rows else None
    description = (
        f"Running totals over {len(rows)} return{'s' if len(rows) != 1 else ''}"
        + (f", to {last.as_at:%-d %B %Y}: {last.cme:,} children missing education, "
           f"{last.cme_including_historical:,} including historical cases." if last else ".")
        + " The table that follows gives every number."
    )
    return line_chart(
        id=id, title="Running totals", description=description, labels=labels,
        series=[
            ("CME", [r.cme for r in rows]),
            ("CME including historical", [r.cme_including_historical for r in rows]),
            ("Electively home educated", [r.ehe for r in rows]),
            ("Open to youth offending service", [r.yos for r in rows]),
        ],
    )


def category_chart(by_category, *, id="category-chart") -> BarChart:
    rows = [(c.label, c.value) for c in by_category]
    total = sum(v for _, v in rows)
    return bar_chart(
        id=id, title="Children missing education by category",
        description=f"{total:,} children missing education, by the category of their case. "
                    "The table that follows gives every number.",
        rows=rows,
    )
