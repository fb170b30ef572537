"""Every metric of the dashboard, one function each, with its 口径 (definition) in the docstring.

The docstring's first line is the 口径 shown to users; `definition(fn)` returns it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

from hnparks.core.periods import month_of

# The light rule itself is `hnparks.core.status.lights`; these are its words and colours.
STATUS_LABELS = {"green": "正常", "amber": "关注", "red": "滞后", "grey": "无数据"}


def definition(metric: Callable) -> str:
    """The first docstring line of a metric function: its 口径, as shown in tooltips."""
    return (metric.__doc__ or "").strip().splitlines()[0]


def _missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def completion_rate(value: float | None, target: float | None) -> float:
    """完成率 = 实际值 ÷ 目标值；目标为零或缺失时不计算。"""
    if _missing(value) or _missing(target) or target == 0:
        return math.nan
    return float(value) / float(target)


def yoy_growth(current: float | None, last_year: float | None) -> float:
    """同比增长 = 本期累计 ÷ 上年同期累计 − 1；上年同期为零或缺失时不计算。"""
    if _missing(current) or _missing(last_year) or last_year == 0:
        return math.nan
    return float(current) / float(last_year) - 1.0


def annualise(ytd: float | None, period: str) -> float:
    """年化值 = 1至报告期月累计 × 12 ÷ 已过月数（直线外推，不含季节性）。"""
    if _missing(ytd):
        return math.nan
    return float(ytd) * 12 / month_of(period)


def project_year_end(ytd: float | None, last_year_ytd: float | None,
                     last_year_total: float | None) -> float:
    """按当前进度预计全年 = 本年累计 ÷ 上年同期累计占上年全年的比重（沿用上年季节性）。"""
    if _missing(ytd) or _missing(last_year_ytd) or _missing(last_year_total):
        return math.nan
    if last_year_ytd == 0 or last_year_total == 0:
        return math.nan
    return float(ytd) / (float(last_year_ytd) / float(last_year_total))


def required_monthly_run_rate(target: float | None, ytd: float | None, period: str) -> float:
    """达标所需月均 = (全年目标 − 本年累计) ÷ 剩余月数；已达标为0，12月无剩余月份不计算。"""
    if _missing(target) or _missing(ytd):
        return math.nan
    remaining = 12 - month_of(period)
    gap = float(target) - float(ytd)
    if gap <= 0:
        return 0.0
    return math.nan if remaining == 0 else gap / remaining


def tax_per_mu(tax_ytd_yi: float | None, land_mu: float | None) -> float:
    """亩均税收(万元/亩) = 园区税收(亿元) × 10000 ÷ 工业用地面积(亩)；无工业用地不计算。"""
    if _missing(tax_ytd_yi) or _missing(land_mu) or land_mu <= 0:
        return math.nan
    return float(tax_ytd_yi) * 10_000 / float(land_mu)


def share(part: float | None, whole: float | None) -> float:
    """占比 = 部分 ÷ 总体；总体为零或缺失时不计算。"""
    return completion_rate(part, whole)


def rank_desc(values: pd.Series) -> pd.Series:
    """排名：数值由高到低，第1名最高；并列取同一名次；缺失值不参与排名。"""
    return values.rank(ascending=False, method="min").astype("Int64")


def gap_to_target(value: float | None, target: float | None) -> float:
    """差距 = 目标值 − 实际值（正数表示尚差多少，负数表示已超出）。"""
    if _missing(value) or _missing(target):
        return math.nan
    return float(target) - float(value)
