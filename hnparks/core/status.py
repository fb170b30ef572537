"""The status engine: every target's pacing rule and the light it gives, in one place.

Each target of the register declares a pacing rule (column `pacing` of the targets dataset):

- ``seasonal``: a year-to-date flow (技工贸总收入, 亩均税收). By the report month it should have
  reached the share of the year that the same scope had reached a year earlier (上年同期累计 ÷
  上年全年); the straight-line 序时进度 (month ÷ 12) is kept beside it for reference.
- ``baseline``: a rate or a stock due by a deadline (覆盖率, 循环化改造, 绿色园区, 区域评估). It
  should move in a straight line from where it stood in January to the target at the deadline.
- ``projection``: a count judged at year end (千亿园区, 百亿级特色产业园区): the year-end projection
  (last year's seasonality) is compared with the target.
- ``deadline``: a dated duty or task: a straight line from the month the work points were issued
  to the deadline.

Every light (green / amber / red / grey) compares completion with the expected share with one
amber band (`metrics.AMBER_BAND`): see `metrics.status_light`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hnparks.core import metrics as m
from hnparks.core.periods import month_of, year_of

SEASONAL, BASELINE, PROJECTION, DEADLINE = "seasonal", "baseline", "projection", "deadline"
RULES = {
    SEASONAL: "按上年同期累计占上年全年的比重（季节性序时进度）判断",
    BASELINE: "按年初水平至期限达到目标的直线路径判断",
    PROJECTION: "按上年季节性推算的年末预计数与目标比较",
    DEADLINE: "按自文件印发当月起至期限的直线进度判断",
}
NO_TARGET = "不分解"  # shown where a target is not split down to the scope


def month_index(day_or_period: str) -> int:
    """Months since year 0 of a 'YYYY-MM' or 'YYYY-MM-DD' string (for month arithmetic)."""
    return year_of(day_or_period) * 12 + month_of(day_or_period) - 1


def linear_elapsed(period: str, deadline: str, start: str) -> float:
    """直线序时进度 = 自起始月起至报告期的月数 ÷ 自起始月起至期限的月数，0至100%。

    Both ends count whole months: from January to June is 6 of 12 months."""
    first = month_index(start)
    done = month_index(period) - first + 1
    total = month_index(deadline) - first + 1
    if total <= 0:
        return 1.0
    return min(max(done / total, 0.0), 1.0)


def seasonal_share(last_year_ytd: pd.Series | float, last_year_total: pd.Series | float,
                   fallback: float) -> pd.Series | float:
    """季节性序时进度 = 上年同期累计 ÷ 上年全年；上年数据缺失或为零时用直线序时进度。"""
    ly = pd.Series(last_year_ytd, dtype=float)
    total = pd.Series(last_year_total, dtype=float)
    share = (ly / total.where(total > 0)).clip(0, 1).fillna(fallback)
    return share if isinstance(last_year_ytd, pd.Series) else float(share.iloc[0])


def baseline_share(baseline: pd.Series, target: pd.Series, elapsed: pd.Series) -> pd.Series:
    """基线路径 = (年初值 + (目标 − 年初值) × 自年初至期限的进度) ÷ 目标：应达到目标的比重。

    `elapsed` runs from 0 in January to 1 at the deadline month; no January value counts as 0."""
    base = (baseline.astype(float) / target.astype(float)).clip(upper=1).fillna(0.0)
    return base + (1 - base) * elapsed


def past_deadline(period: str, deadline: str) -> bool:
    """逾期：报告期已在期限所在月之后（期限为6月30日的事项自7月起逾期）。"""
    return month_index(period) > month_index(deadline)


def lights(completion: pd.Series, expected: pd.Series,
           overdue: pd.Series | None = None) -> pd.Series:
    """The light for each row: `metrics.status_light` of completion against the expected share;
    红（滞后） whatever the gap where the deadline has passed and the target is not met
    (`overdue` true and completion below 100%): an item 184 days late is not 关注."""
    c, e = np.asarray(completion, dtype=float), np.asarray(expected, dtype=float)
    out = np.where(c >= e, "green", np.where(c >= e - m.AMBER_BAND, "amber", "red"))
    if overdue is not None:
        out = np.where(np.asarray(overdue, dtype=bool) & (c < 1), "red", out)
    out = np.where(np.isnan(c) | np.isnan(e), "grey", out)
    return pd.Series(out, index=getattr(completion, "index", None), dtype=object)


def rule_text(rule: str) -> str:
    """How a pacing rule judges a target, in Chinese (for captions and tooltips)."""
    return RULES.get(rule, "")
