"""Numbers as officials write them: one module of formatters for pages, slides and exports.

Units as the document writes them (亿元, 万亿元, 万元/亩, 亩, 家, 个, %), thousands separators,
the precision each unit is read at, and percentages that never hide a difference a reader must
see. '—' for a missing value everywhere.
"""

from __future__ import annotations

import pandas as pd

MISSING = "—"
COUNT_UNITS = ("家", "个")  # whole things: never a decimal
# The precision each unit is read at (万亿元 needs two places: 5.30 vs 5.19).
UNIT_DIGITS = {"万亿元": 2, "亿元": 1, "万元": 0, "万元/亩": 1, "亩": 0, "%": 1, "家": 0, "个": 0}


def _missing(value: object) -> bool:
    """None, NaN, NaT or pandas' NA."""
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # not a scalar
        return False


def digits_for(unit: str) -> int:
    """Decimals a value in `unit` is shown with (1 for a unit not listed)."""
    return UNIT_DIGITS.get(unit, 1)


def fmt(value: float | None, unit: str = "", digits: int = 1) -> str:
    """A number with thousands separators and its unit ('1,234.5亿元'); '—' when missing."""
    if _missing(value):
        return MISSING
    return f"{value:,.{digits}f}{unit}"


def fmt_amount(value: float | None, unit: str) -> str:
    """A value in its unit at the unit's precision ('2.21万亿元', '14家', '5.3万元/亩')."""
    return fmt(value, unit, digits_for(unit))


def target_number(value: float | None, unit: str) -> str:
    """A target's number: as written ('5.3', '13', '3,560') when it has no more decimals than
    values in `unit` are shown with, else rounded like them (a park's computed reference target
    '1,116.8', not '1,116.75'); '—' when missing."""
    if _missing(value):
        return MISSING
    digits = digits_for(unit)
    return f"{value:,g}" if round(value, digits) == value else fmt(value, "", digits)


def fmt_target(value: float | None, unit: str) -> str:
    """A target as the document writes it, no trailing zeros: '5.3万亿元', '14家', '13万元/亩'
    (`target_number` and the unit; what the document adds, '左右' or '（推定）', is
    `hnparks.derived.attainment.target_text`)."""
    number = target_number(value, unit)
    return number if number == MISSING else number + unit


def fmt_pct(value: float | None, digits: int = 1, signed: bool = False) -> str:
    """A ratio as a percentage ('45.2%', or '+3.1%' when signed); '—' when missing."""
    if _missing(value):
        return MISSING
    return f"{value * 100:{'+' if signed else ''}.{digits}f}%"


def fmt_points(difference: float | None, digits: int = 1) -> str:
    """A difference of two ratios in percentage points ('3.2个百分点'); '—' when missing."""
    return MISSING if _missing(difference) else f"{difference * 100:.{digits}f}个百分点"


def pct_places(values: object, digits: int = 1, lights: object = None,
               max_digits: int = 3) -> int:
    """Decimals for percentages of these ratios: `digits`, or more wherever rounding would hide
    a difference a reader must see: a ratio short of 100% never reads '100%' (or '100.0%'), and
    two values whose status lights differ never read the same (up to `max_digits`)."""
    ratios = [float(v) for v in values]
    marks = list(lights) if lights is not None else [None] * len(ratios)
    for places in range(digits, max_digits + 1):
        labels = [fmt_pct(v, places) for v in ratios]
        full = fmt_pct(1.0, places)
        short = any(v < 1 and text == full for v, text in zip(ratios, labels, strict=True))
        seen: dict[str, tuple[float, object]] = {}
        clash = False  # equal values may read alike whatever their lights; different ones not
        for value, text, mark in zip(ratios, labels, marks, strict=True):
            first = seen.setdefault(text, (value, mark))
            if text != MISSING and first[1] != mark and abs(first[0] - value) > 1e-12:
                clash = True
        if not short and not clash:
            return places
    return max_digits


def pct_labels(values: object, digits: int = 1, lights: object = None) -> list[str]:
    """Percentages of ratios ('95.4%') with `pct_places` decimals; '—' for a missing value."""
    ratios = [float(v) for v in values]
    places = pct_places(ratios, digits, lights)
    return [fmt_pct(v, places) for v in ratios]
