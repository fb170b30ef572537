"""总览 (/): the alert list, the briefing lines and what the map of Hunan shows.

Functions take `data`, a mapping from dataset name to its DataFrame (as in `attainment`); the
attainment they speak of is `hnparks.views.targets`' (revenue in 亿元).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from hnparks.core.formats import COUNT_UNITS, fmt, fmt_amount, fmt_pct, fmt_points
from hnparks.core.periods import (
    period_end,
    period_label,
    previous_period,
    year_of,
)
from hnparks.core.scope import Scope
from hnparks.derived.aggregate import by_park
from hnparks.derived.attainment import (
    HUNDRED_YI,
    THOUSAND_YI,
    Data,
    TargetStatus,
)
from hnparks.plans.registry import of_plan_year, plan_of_period
from hnparks.views.environment import overdue_problems
from hnparks.views.targets import (
    REVENUE_KEY,
    city_revenue,
    gap_change,
    park_revenue,
    park_target_basis,
    specialty_parks,
    tax_per_mu_cities,
)
from hnparks.views.tasks import ledger_for

# ---- alerts -------------------------------------------------------------------------------

def overdue_tasks(data: Data, period: str) -> pd.DataFrame:
    """逾期任务：重点任务台账中标为逾期的任务（期限已过而未完成；有量化指标的按指标判断）。"""
    ledger = ledger_for(data, period)
    return ledger[ledger["overdue"]].sort_values("progress_pct").reset_index(drop=True)


def overdue_env_problems(data: Data, scope: Scope) -> pd.DataFrame:
    """逾期环境问题：报告期末已发现、已过整改期限且尚未整改完成。
    One rule with the environment page (`environment.problem_status`); the first line is shown."""
    return overdue_problems(data, scope)


def late_assessments(data: Data, scope: Scope) -> pd.DataFrame:
    """区域评估逾期：报告期末已过期限（计划包的评估事项期限）而适用事项在期限前未完成的园区及事项数。"""
    end = pd.Timestamp(period_end(scope.period))
    deadline = pd.Timestamp(plan_of_period(scope.period).assessment_deadline)
    columns = ["park_id", "park_name", "late_items", "open_items"]
    if end <= deadline:
        return pd.DataFrame(columns=columns)
    rows = scope.park_rows(of_plan_year(data["assessments"], scope.period), data["parks"])
    rows = rows[rows["applicable"]]
    done = rows["completion_date"]
    rows = rows.assign(late=done.isna() | (done > deadline), open=done.isna() | (done > end))
    out = rows.groupby("park_id").agg(late_items=("late", "sum"), open_items=("open", "sum"))
    out = out[out["late_items"] > 0].reset_index()
    out = out.merge(data["parks"][["park_id", "park_name"]], on="park_id", how="left")
    return out.sort_values(["open_items", "late_items"], ascending=False)[columns].reset_index(
        drop=True)


CITY_BEHIND, PARK_BEHIND = "市州落后序时进度", "园区落后序时进度"
TASK_OVERDUE, ENV_OVERDUE, ASSESSMENT_LATE = "重点任务逾期", "环境问题逾期", "区域评估逾期"


@dataclass(frozen=True)
class Alert:
    """One line of the alert list: what is wrong, and which page explains it (with context)."""

    kind: str  # CITY_BEHIND / PARK_BEHIND / TASK_OVERDUE / ENV_OVERDUE / ASSESSMENT_LATE
    text: str  # short, fits one line
    page: str  # page file, e.g. "pages/targets.py"
    params: dict[str, str] = field(default_factory=dict)
    detail: str = ""  # the longer explanation (tooltip)


def _behind(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rows.assign(shortfall=rows["elapsed"] - rows["completion"])
    return rows[rows["shortfall"] > 0].sort_values("shortfall", ascending=False)


def alerts(data: Data, scope: Scope, limit: int = 3) -> list[Alert]:
    """Top alerts: furthest behind 序时进度 (completion short of elapsed), overdue items."""
    out: list[Alert] = []
    period = scope.period
    if scope.level == "province":
        for r in _behind(city_revenue(data, period)).head(limit).itertuples():
            out.append(Alert(
                CITY_BEHIND,
                f"{r.city_name} 完成{fmt_pct(r.completion)}，落后序时{fmt_points(r.shortfall)}",
                "pages/targets.py", {"period": period, "city": r.city_code},
                f"技工贸总收入完成分解目标{fmt_pct(r.completion)}，序时进度{fmt_pct(r.elapsed, 0)}，"
                f"差{fmt(r.gap, '亿元', 0)}"))
    if scope.level != "park":
        for r in _behind(park_revenue(data, scope)).head(limit).itertuples():
            out.append(Alert(
                PARK_BEHIND,
                f"{r.park_name} 完成{fmt_pct(r.completion)}，落后序时{fmt_points(r.shortfall)}",
                "pages/park.py", {"period": period, "city": r.city_code, "park": r.park_id},
                f"{r.city_short}；技工贸总收入完成参考目标{fmt_pct(r.completion)}"
                f"（{park_target_basis(data)}），差{fmt(r.gap, '亿元')}"))
    for r in overdue_tasks(data, period).head(limit).itertuples():
        out.append(Alert(
            TASK_OVERDUE, f"任务{r.task_id} 期限{r.deadline_text}，进度{r.progress_pct:.0f}%",
            "pages/tasks.py", {"period": period}, f"{r.text}（{r.departments_text}按职责分工负责）"))
    for r in overdue_env_problems(data, scope).head(limit).itertuples():
        out.append(Alert(
            ENV_OVERDUE, f"{r.park_name} 逾期{r.days_overdue}天", "pages/environment.py",
            _park_params(data, period, r.park_id),
            f"{r.category}：{r.description}；整改期限{r.deadline:%Y-%m-%d}"))
    late = late_assessments(data, scope)
    if len(late):
        worst = late.iloc[0]
        params = {k: v for k, v in (("period", period), ("city", scope.city),
                                    ("park", scope.park)) if v}
        out.append(Alert(
            ASSESSMENT_LATE, f"{len(late)}家园区未按期完成全部事项", "pages/business.py", params,
            f"适用的评估事项未在{plan_of_period(period).assessment_deadline}前完成；报告期末仍未完成最多的为"
            f"{worst['park_name']}（{int(worst['open_items'])}项）"))
    return out


def _park_params(data: Data, period: str, park: str) -> dict[str, str]:
    parks = data["parks"]
    city = str(parks.loc[parks["park_id"] == park, "city_code"].iloc[0])
    return {"period": period, "city": city, "park": park}


# ---- briefing -----------------------------------------------------------------------------

def briefing(data: Data, scope: Scope, headline: list[TargetStatus]) -> list[str]:
    """3–5 rule-based sentences: targets behind and by how much, who drags, what changed."""
    period = scope.period
    lines: list[str] = []
    with_target = [t for t in headline if not math.isnan(t.target)]
    rates = [t for t in with_target if t.unit not in COUNT_UNITS]
    counts = [t for t in with_target if t.unit in COUNT_UNITS]
    behind = [t for t in rates if t.light in ("red", "amber")]
    if rates:
        head = f"截至{period_label(period)}末，"
        if behind:
            head += "、".join(t.indicator for t in behind) + "落后于序时进度："
            head += "；".join(map(behind_phrase, behind))
        else:
            head += "、".join(t.indicator for t in rates) + "均达到序时进度"
        lines.append(head + "。")
    if counts:
        lines.append("；".join(behind_phrase(t) for t in counts) + "。")
    revenue = next((t for t in headline if t.metric_key == REVENUE_KEY), None)
    if revenue and not math.isnan(revenue.target) and revenue.projection < revenue.target:
        unit, digits = revenue.unit, 2 if revenue.unit == "万亿元" else 0
        lead = (f"{revenue.indicator}全年实际" if revenue.year_elapsed >= 1
                else f"按上年季节性推算，{revenue.indicator}全年约")
        text = (f"{lead}{revenue.projection:,.{digits}f}{unit}，"
                f"较目标{revenue.target:,.{digits}f}{unit}尚差"
                f"{revenue.target - revenue.projection:,.{digits}f}{unit}")
        if not math.isnan(revenue.required_monthly):
            text += f"；余下每月需完成{revenue.required_monthly:,.{digits}f}{unit}"
        lines.append(text + "。")
    if scope.level == "province":
        cities = city_revenue(data, period).sort_values("gap", ascending=False)
        drag = cities[cities["gap"] > 0].head(3)
        if len(drag):
            lines.append("按差距金额，拖累最大的市州：" + "、".join(
                f"{r.city_short}（差{fmt(r.gap, '亿元', 0)}）" for r in drag.itertuples()) + "。")
        change = gap_change(data, scope).dropna(subset=["change"])
        closed, widened = change[change["change"] < 0], change[change["change"] > 0]
        if len(closed):
            best = closed.sort_values("change").iloc[0]
            lines.append(f"较上月，{len(closed)}个市州序时差距收窄，{best['name']}收窄最多"
                         f"（{fmt(-best['change'], '亿元', 0)}）" + (
                             f"；{len(widened)}个市州差距扩大。" if len(widened) else "。"))
    else:
        if scope.level == "city":
            parks = park_revenue(data, scope)
            drag = parks[parks["gap"] > 0].sort_values("gap", ascending=False).head(3)
            if len(drag):
                lines.append("按差距金额，对本市州影响最大的园区：" + "、".join(
                    f"{r.park_name}（差{fmt(r.gap, '亿元', 0)}）" for r in drag.itertuples()) + "。")
        prev = previous_period(period)
        now_gap = _completion_gap(data, scope, period)
        prev_gap = _completion_gap(data, scope, prev) if year_of(prev) == year_of(period) else math.nan
        if not (math.isnan(now_gap) or math.isnan(prev_gap)):
            verb = "缩小" if now_gap < prev_gap else "扩大"
            basis = "参考目标" if scope.level == "park" else "分解目标"
            lines.append(f"与上月相比，技工贸总收入（对{basis}）落后序时进度的幅度{verb}"
                         f"{fmt_points(abs(now_gap - prev_gap))}"
                         f"（上月{fmt_points(prev_gap)}，本月{fmt_points(now_gap)}）。")
    return lines[:5]


def behind_phrase(t: TargetStatus) -> str:
    """How far a target is behind, in words: rates against 序时进度, counts against projection."""
    if t.unit in COUNT_UNITS:
        short = t.target - t.projection
        verdict = f"较目标{fmt_amount(t.target, t.unit)}少{fmt_amount(short, t.unit)}" if short > 0 else "可达目标"
        if t.year_elapsed >= 1:
            return f"{t.indicator}全年{fmt_amount(t.value, t.unit)}，" + verdict.replace("可达", "达到")
        return (f"{t.indicator}已达{fmt_amount(t.value, t.unit)}，"
                f"按当前进度预计全年{fmt_amount(t.projection, t.unit)}，"
                + verdict)
    return (f"{t.indicator}完成{fmt_pct(t.completion)}，落后序时进度（{fmt_pct(t.elapsed)}）"
            f"{fmt_points(t.elapsed - t.completion)}")


def _completion_gap(data: Data, scope: Scope, period: str) -> float:
    """序时进度 − 完成率 of 技工贸总收入 at another month, for the scope."""
    if scope.level == "park":
        rows = park_revenue(data, Scope(period, scope.city, scope.park))
    else:
        rows = city_revenue(data, period)
        rows = rows[rows["city_code"] == scope.city]
    if not len(rows):
        return math.nan
    r = rows.iloc[0]
    return float(r["elapsed"] - r["completion"])


def park_dots(data: Data, scope: Scope) -> pd.DataFrame:
    """Parks in scope as map dots: park_id, name, position and 技工贸总收入 (value, 亿元)."""
    parks = data["parks"]
    return by_park(data["park_indicators"], parks, scope, ["revenue_ytd"]).merge(
        parks[["park_id", "lon", "lat"]]).rename(columns={"revenue_ytd": "value"})


def map_values(data: Data, period: str, metric_key: str) -> tuple[pd.DataFrame, str, str]:
    """Per city the value the map colours by (city_code, value), with its label and unit.

    技工贸总收入 and 亩均税收 colour by completion of the target (%); the two count targets are
    not split to cities, so the map shows each city's count instead.
    """
    if metric_key == REVENUE_KEY:
        cities = city_revenue(data, period)
        return (cities.assign(value=cities["completion"] * 100)[["city_code", "value"]],
                "技工贸总收入完成率（累计 ÷ 市州分解目标）", "%")
    if metric_key == "tax_per_mu":
        target = data["targets"]
        target = float(target.loc[target["metric_key"] == "tax_per_mu", "value"].iloc[0])
        cities = tax_per_mu_cities(data, period)
        return (cities.assign(value=cities["tax_per_mu"] / target * 100)[["city_code", "value"]],
                f"亩均税收完成率（÷ {target:g}万元/亩）", "%")
    scope = Scope(period)
    if metric_key == "parks_over_1000":
        rows = park_revenue(data, scope)
        counts = rows[rows["revenue_ytd"] >= THOUSAND_YI].groupby("city_code").size()
        label = "累计已达千亿的园区数"
        unit = "家"
    else:
        rows = specialty_parks(data, scope)
        counts = rows[rows["output_ytd"] >= HUNDRED_YI].groupby("city_code").size()
        label = "已达百亿级的特色产业园区数"
        unit = "个"
    out = data["cities"][["city_code"]].copy()
    out["value"] = out["city_code"].map(counts).fillna(0).astype(float)
    return out, label, unit
