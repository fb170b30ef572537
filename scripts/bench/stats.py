"""Summary statistics and the Markdown tables the benchmark prints (pure; unit-tested)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field


def median(values: Sequence[float]) -> float:
    """Median, NaN for no values."""
    return percentile(values, 50)


def p95(values: Sequence[float]) -> float:
    """95th percentile (linear interpolation); with few samples it is close to the maximum."""
    return percentile(values, 95)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile by linear interpolation between the closest ranks; NaN if empty."""
    data = sorted(v for v in values if not math.isnan(v))
    if not data:
        return math.nan
    rank = (len(data) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return data[low] + (data[high] - data[low]) * (rank - low)


def ratio(value: float, floor: float) -> float:
    """value / floor, NaN when either is missing or the floor is zero."""
    if math.isnan(value) or math.isnan(floor) or floor <= 0:
        return math.nan
    return value / floor


@dataclass
class Samples:
    """Repeated measurements of one quantity (seconds, bytes, …)."""

    values: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.values.append(float(value))

    @property
    def median(self) -> float:
        return median(self.values)

    @property
    def p95(self) -> float:
        return p95(self.values)


def fmt(value: float, digits: int = 3) -> str:
    """A number for a table cell; '–' for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, int) or abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def fmt_ratio(value: float) -> str:
    """A ratio as '3.4×'; '–' for missing."""
    return "–" if math.isnan(value) else f"{value:.1f}×"


def fmt_bytes(value: float) -> str:
    """Bytes as KB/MB with one decimal."""
    if math.isnan(value):
        return "–"
    for unit, size in (("MB", 1 << 20), ("KB", 1 << 10)):
        if value >= size:
            return f"{value / size:.1f} {unit}"
    return f"{value:.0f} B"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]],
                   align: Sequence[str] | None = None) -> str:
    """A GitHub Markdown table; `align` per column 'l' or 'r' (default: numbers right, i.e. the
    columns whose cells are all numbers, '–' or ratios/sizes, and text left)."""
    align = align or [_alignment([row[i] for row in rows]) for i in range(len(header))]
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _alignment(cells: Sequence[object]) -> str:
    """'r' when every cell looks numeric (digits, '–', '×', units), else 'l'."""
    def numeric(cell: object) -> bool:
        text = str(cell).replace(",", "").replace("×", "").split(" ")[0]
        return text == "–" or text.replace(".", "", 1).lstrip("-").isdigit()

    return "r" if cells and all(numeric(c) for c in cells) else "l"
