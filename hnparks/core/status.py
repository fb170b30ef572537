"""The status engine: every rule that turns progress into a light or a status, written once.

Targets (lights) — each target of the register declares a pacing rule (column `pacing` of the
targets dataset):

- ``seasonal``: a year-to-date flow (技工贸总收入, 亩均税收). By the report month it should have
  reached the share of the year that the same scope had reached a year earlier (上年同期累计 ÷
  上年全年); the straight-line 序时进度 (month ÷ 12) is kept beside it for reference.
- ``baseline``: a rate or a stock due by a deadline (覆盖率, 循环化改造, 绿色园区, 区域评估). It
  should move in a straight line from where it stood in January to the target at the deadline.
- ``projection``: a count judged at year end (千亿园区, 百亿级特色产业园区): the year-end projection
  (last year's seasonality) is compared with the target.
- ``deadline``: a dated duty: a straight line from the month the work points were issued to the
  deadline.
- ``milestones``: a one-off achievement (an approval, a creation: 创建国家级高新区, 设立孵化器) is
  judged by its milestones, never by a straight line: it is behind only when one of its
  milestones is overdue (`due` and not done).

At or after the deadline month (`due`: December for an annual target; the December report is
final) a target below 100% is red (滞后, 未完成) with no amber band; before it, `lights` compares
completion with the expected share under the pacing rule, with one amber band (`AMBER_BAND`).

Tasks and milestones use the same `due`: a task or milestone not done by the report of its
deadline month is 逾期 (`hnparks.core.tasks`, `hnparks.derived.milestones`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hnparks.core.periods import month_of, year_of

SEASONAL, BASELINE, PROJECTION, DEADLINE, MILESTONES = (
    "seasonal", "baseline", "projection", "deadline", "milestones")
RULES = {
    SEASONAL: "按上年同期累计占上年全年的比重（季节性序时进度）判断",
    BASELINE: "按年初水平至期限达到目标的直线路径判断",
    PROJECTION: "按上年季节性推算的年末预计数与目标比较",
    DEADLINE: "按自文件印发当月起至期限的直线进度判断",
    MILESTONES: "按里程碑判断（一次性事项不按直线序时进度）：有里程碑逾期为滞后，否则为正常",
}
NO_TARGET = "不分解"  # shown where a target is not split down to the scope
# Green when completion ≥ the expected share; amber when short by less than AMBER_BAND
# (percentage points of the target); red beyond that. Not applied from the deadline month on.
AMBER_BAND = 0.05
# Values are stored to 9 decimals (sums independent of the order of addition), so "at least"
# allows for that rounding: 58.333333333% meets an expected 58.3333333333…%.
TOLERANCE = 1e-9
DUE_RULE = "期限所在月及以后（年度目标为12月，12月报告即全年终值）未达目标的为滞后（未完成），不设关注区间"


def month_index(day_or_period: object) -> int:
    """Months since year 0 of a 'YYYY-MM' or 'YYYY-MM-DD' string, a date or a Timestamp."""
    text = str(day_or_period)
    return year_of(text) * 12 + month_of(text) - 1


def due(period: str, deadline: object) -> bool:
    """期限已到：报告期为期限所在月或其后（该月报告即期限时点的结果；年度目标的12月报告为终值）。"""
    return month_index(period) >= month_index(deadline)


def linear_elapsed(period: str, deadline: object, start: str) -> float:
    """直线序时进度 = 自起始月起至报告期的月数 ÷ 自起始月起至期限所在月的月数，0至100%。

    Both ends count whole months: from January to June is 6 of 12 months. The one elapsed-time
    rule: tasks start at the month of issue, targets' reference line at January, the baseline
    path after January (January = 0), projects at their planned start."""
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


def lights(completion: pd.Series, expected: pd.Series,
           at_deadline: pd.Series | None = None) -> pd.Series:
    """状态灯：期限所在月及以后未达目标（完成率<100%）为红（滞后），达到为绿，不设黄色区间；期限前完成率≥应完成比重为绿，落后不足5个百分点为黄（关注），落后5个百分点及以上为红（滞后）；无数据为灰。

    `at_deadline` (per row) is `due` for the row's month (or, for a target judged by its
    milestones, whether one of them is overdue)."""
    c = np.asarray(completion, dtype=float) + TOLERANCE
    e = np.asarray(expected, dtype=float)
    out = np.where(c >= e, "green", np.where(c >= e - AMBER_BAND, "amber", "red"))
    if at_deadline is not None:
        final = np.asarray(at_deadline, dtype=bool)
        out = np.where(final, np.where(c >= 1, "green", "red"), out)
    out = np.where(np.isnan(c) | (np.isnan(e) & ~_flags(at_deadline, len(c))), "grey", out)
    return pd.Series(out, index=getattr(completion, "index", None), dtype=object)


def _flags(at_deadline: pd.Series | None, n: int) -> np.ndarray:
    return np.zeros(n, bool) if at_deadline is None else np.asarray(at_deadline, dtype=bool)


def light(completion: float, expected: float, at_deadline: bool = False) -> str:
    """One light by `lights` (the same rule, for a single value)."""
    return str(lights(pd.Series([completion]), pd.Series([expected]),
                      pd.Series([at_deadline])).iloc[0])


def rule_text(rule: str) -> str:
    """How a pacing rule judges a target, in Chinese (for captions and tooltips)."""
    return RULES.get(rule, "")


def rules_caption() -> str:
    """The light rule in one line (口径 under every table or card of lights)."""
    return lights.__doc__.splitlines()[0].replace("状态灯：", "状态灯口径：", 1)
