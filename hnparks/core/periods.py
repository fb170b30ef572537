"""Report periods: months written 'YYYY-MM', and the calendar arithmetic on them."""

from __future__ import annotations

import calendar
from datetime import date

import pandas as pd


def period_range(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` inclusive, as 'YYYY-MM' (a plan's months:
    `Plan.fact_periods()`)."""
    y, m = map(int, first.split("-"))
    end = tuple(map(int, last.split("-")))
    out = []
    while (y, m) <= end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def year_of(period: str) -> int:
    """The year of a 'YYYY-MM' period (or a 'YYYY-MM-DD' day)."""
    return int(period[:4])


def month_of(period: str) -> int:
    """The month (1–12) of a 'YYYY-MM' period (or a 'YYYY-MM-DD' day)."""
    return int(period[5:7])


def years_of(periods: pd.Series) -> pd.Series:
    """`year_of` for a column of periods (or days written 'YYYY-MM-DD')."""
    return periods.astype(str).str[:4].astype(int)


def months_of(periods: pd.Series) -> pd.Series:
    """`month_of` for a column of periods."""
    return periods.astype(str).str[5:7].astype(int)


def is_period(value: object) -> bool:
    """Whether `value` is a month written 'YYYY-MM'."""
    return isinstance(value, str) and len(value) == 7 and value[:4].isdigit() \
        and value[4] == "-" and value[5:].isdigit()


def year_ends(periods: object) -> list[str]:
    """The Decembers among `periods` (full-year figures), oldest first, each once."""
    return sorted({str(p) for p in periods if str(p).endswith("-12")})


def january_of(period: str) -> str:
    """The first month of the period's year ('YYYY-01')."""
    return f"{year_of(period):04d}-01"


def december_of(period: str) -> str:
    """The last month of the period's year ('YYYY-12'): the full-year figure's period."""
    return f"{year_of(period):04d}-12"


def period_end(period: str) -> date:
    """The last day of the month (统计截止日)."""
    y, m = year_of(period), month_of(period)
    return date(y, m, calendar.monthrange(y, m)[1])


def same_period_last_year(period: str) -> str:
    return f"{year_of(period) - 1:04d}-{month_of(period):02d}"


def previous_period(period: str) -> str:
    y, m = year_of(period), month_of(period)
    return f"{y - 1:04d}-12" if m == 1 else f"{y:04d}-{m - 1:02d}"


def date_label(day: object) -> str:
    """Chinese date, e.g. '<year>年6月30日', for a date or a 'YYYY-MM-DD…' string."""
    d = pd.Timestamp(str(day))
    return f"{d.year}年{d.month}月{d.day}日"


def period_label(period: str) -> str:
    """Chinese label, e.g. '<year>年6月'."""
    return f"{year_of(period)}年{month_of(period)}月"
