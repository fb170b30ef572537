"""Target attainment: the value, completion, time-elapsed progress and light of every target.

Functions take `data`, a mapping from dataset name to its DataFrame, and a `Scope`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from hnparks import metrics as m
from hnparks.aggregate import scope_facts, scope_total
from hnparks.periods import period_end, same_period_last_year
from hnparks.scope import Scope

Data = Mapping[str, pd.DataFrame]
THOUSAND_YI = 1000.0  # 千亿园区 threshold (亿元)
HUNDRED_YI = 100.0  # 百亿级特色产业园区 threshold (亿元)


@dataclass(frozen=True)
class TargetStatus:
    """One target for one scope and month, with everything a card or a table row shows."""

    target_id: str
    metric_key: str
    indicator: str
    unit: str
    target: float  # in `unit`; NaN when the target does not apply to the scope
    value: float  # in `unit`; NaN when no data has been reported
    basis: str  # how `value` is counted (口径), in Chinese
    completion: float
    elapsed: float
    light: str
    last_year: float = math.nan  # same month last year, in `unit`
    projection: float = math.nan  # expected full-year value, in `unit`
    required_monthly: float = math.nan  # run-rate needed per remaining month, in `unit`
    lead_departments: str = ""
    deadline: str = ""

    @property
    def yoy(self) -> float:
        return m.yoy_growth(self.value, self.last_year)


# ---- building blocks other views reuse ---------------------------------------------------

def revenue_ytd(data: Data, scope: Scope, period: str | None = None) -> float:
    """技工贸总收入（亿元）：范围内园区1月至报告期末累计之和。"""
    return scope_total(data["park_indicators"], data["parks"], scope, "revenue_ytd", period)


def projected_park_revenue(data: Data, scope: Scope) -> pd.DataFrame:
    """Per park in scope: YTD revenue, last year's, and the seasonally projected full year."""
    facts, parks = data["park_indicators"], data["parks"]
    now = scope_facts(facts, parks, scope)[["park_id", "revenue_ytd"]]
    ly_period = same_period_last_year(scope.period)
    ly = scope_facts(facts, parks, scope, ly_period)[["park_id", "revenue_ytd"]]
    ly_total = scope_facts(facts, parks, scope, f"{ly_period[:4]}-12")[["park_id", "revenue_ytd"]]
    out = now.merge(ly.rename(columns={"revenue_ytd": "revenue_ly"}), on="park_id", how="left")
    out = out.merge(ly_total.rename(columns={"revenue_ytd": "revenue_ly_total"}), on="park_id",
                    how="left")
    out["projection"] = [m.project_year_end(a, b, c) for a, b, c in
                         zip(out["revenue_ytd"], out["revenue_ly"], out["revenue_ly_total"],
                             strict=True)]
    return out


def specialty_output_in_scope(data: Data, scope: Scope, period: str | None = None) -> pd.DataFrame:
    """Specialty parks hosted in the scope's parks, with output YTD at `period` (亿元)."""
    hosts = scope.select_parks(data["parks"])["park_id"]
    specialty = data["specialty_parks"][data["specialty_parks"]["park_id"].isin(hosts)]
    output = data["specialty_output"]
    output = output[output["period"] == (period or scope.period)]
    return specialty.merge(output[["specialty_id", "output_ytd"]], on="specialty_id", how="left")


def env_coverage(data: Data, scope: Scope, column: str, level: str | None = None) -> float:
    """覆盖率 = 报告期末已实现该项的园区数 ÷ 范围内园区数（省级及以上园区，可限定级别）。"""
    rows = scope_facts(data["env_status"], data["parks"], scope)
    if level:
        rows = rows.merge(data["parks"][["park_id", "level"]], on="park_id")
        rows = rows[rows["level"] == level]
    return float(rows[column].mean()) if len(rows) else math.nan


def assessment_completion(data: Data, scope: Scope) -> float:
    """区域评估完成率 = 报告期末已完成的（园区×适用事项）数 ÷ 适用的（园区×事项）数。"""
    parks = scope.select_parks(data["parks"])["park_id"]
    rows = data["assessments"]
    rows = rows[rows["park_id"].isin(parks) & rows["applicable"]]
    if not len(rows):
        return math.nan
    end = pd.Timestamp(period_end(scope.period))
    return float((rows["completion_date"] <= end).mean())


# ---- the target register -----------------------------------------------------------------

def _deadline_month(deadline: str, period: str) -> int:
    year, month = int(deadline[:4]), int(deadline[5:7])
    return month if year == int(period[:4]) else 12


def _status(row: pd.Series, scope: Scope, value: float, target: float, basis: str,
            *, count_target: bool = False, projection: float = math.nan,
            last_year: float = math.nan, required: float = math.nan,
            unit: str | None = None) -> TargetStatus:
    elapsed = m.time_elapsed(scope.period, _deadline_month(row["deadline"], scope.period))
    if count_target:
        # A count judged at year end: is the projected year-end count on target?
        completion = m.completion_rate(value, target)
        light = m.status_light(m.completion_rate(projection, target), 1.0)
    else:
        completion = m.completion_rate(value, target)
        light = m.status_light(completion, elapsed)
    return TargetStatus(
        target_id=row["target_id"], metric_key=row["metric_key"], indicator=row["indicator"],
        unit=unit or row["unit"], target=target, value=value, basis=basis, completion=completion,
        elapsed=elapsed, light=light, last_year=last_year, projection=projection,
        required_monthly=required, lead_departments=row["lead_departments"],
        deadline=row["deadline"])


def _revenue(row: pd.Series, data: Data, scope: Scope) -> TargetStatus:
    ytd = revenue_ytd(data, scope)
    ly = revenue_ytd(data, scope, same_period_last_year(scope.period))
    ly_total = revenue_ytd(data, scope, f"{int(scope.period[:4]) - 1}-12")
    target_yi = math.nan
    if scope.level == "province":
        target_yi = float(row["value"]) * 10_000
    elif scope.level == "city":
        alloc = data["city_target_allocation"]
        match = alloc[(alloc["city_code"] == scope.city) & (alloc["target_id"] == row["target_id"])]
        target_yi = float(match["value"].iloc[0]) if len(match) else math.nan
    to_unit = 1 / 10_000 if scope.level == "province" else 1.0
    unit = "万亿元" if scope.level == "province" else "亿元"
    return _status(row, scope, ytd * to_unit, target_yi * to_unit,
                   "1月至报告期末累计", last_year=ly * to_unit,
                   projection=m.project_year_end(ytd, ly, ly_total) * to_unit,
                   required=m.required_monthly_run_rate(target_yi, ytd, scope.period) * to_unit,
                   unit=unit)


def _thousand_yi_parks(row: pd.Series, data: Data, scope: Scope) -> TargetStatus:
    parks = projected_park_revenue(data, scope)
    reached = float((parks["revenue_ytd"] >= THOUSAND_YI).sum())
    projected = float((parks["projection"] >= THOUSAND_YI).sum())
    last = float((parks["revenue_ly"] >= THOUSAND_YI).sum())
    target = float(row["value"]) if scope.level == "province" else math.nan
    return _status(row, scope, reached, target,
                   "报告期末累计技工贸总收入已达1000亿元的园区数；预计数按上年季节性推算全年",
                   count_target=True, projection=projected, last_year=last)


def _tax_per_mu(row: pd.Series, data: Data, scope: Scope) -> TargetStatus:
    facts, parks = data["park_indicators"], data["parks"]

    def per_mu(period: str) -> float:
        return m.tax_per_mu(scope_total(facts, parks, scope, "tax_ytd", period),
                            scope_total(facts, parks, scope, "industrial_land_mu", period))

    now = per_mu(scope.period)
    ly_period = same_period_last_year(scope.period)
    ly, ly_total = per_mu(ly_period), per_mu(f"{ly_period[:4]}-12")
    return _status(row, scope, now, float(row["value"]),
                   "1月至报告期末累计税收 ÷ 期末工业用地面积", last_year=ly,
                   projection=m.project_year_end(now, ly, ly_total))


def _specialty_over_100(row: pd.Series, data: Data, scope: Scope) -> TargetStatus:
    now = specialty_output_in_scope(data, scope)
    ly_period = same_period_last_year(scope.period)
    ly = specialty_output_in_scope(data, scope, ly_period)
    ly_total = specialty_output_in_scope(data, scope, f"{ly_period[:4]}-12")
    merged = now.merge(ly[["specialty_id", "output_ytd"]], on="specialty_id", suffixes=("", "_ly"))
    merged = merged.merge(ly_total[["specialty_id", "output_ytd"]].rename(
        columns={"output_ytd": "output_ly_total"}), on="specialty_id")
    projection = [m.project_year_end(a, b, c) for a, b, c in zip(
        merged["output_ytd"], merged["output_ytd_ly"], merged["output_ly_total"], strict=True)]
    target = float(row["value"]) if scope.level == "province" else math.nan
    return _status(row, scope, float((now["output_ytd"] >= HUNDRED_YI).sum()), target,
                   "报告期末主导产业累计产值已达100亿元的特色产业园数；预计数按上年季节性推算全年",
                   count_target=True,
                   projection=float((pd.Series(projection) >= HUNDRED_YI).sum()),
                   last_year=float((ly["output_ytd"] >= HUNDRED_YI).sum()))


def _coverage(column: str, level: str | None = None) -> Callable:
    def compute(row: pd.Series, data: Data, scope: Scope) -> TargetStatus:
        value = env_coverage(data, scope, column, level) * 100
        return _status(row, scope, value, float(row["value"]), "报告期末已实现的园区占比")
    return compute


def _new_specialty_parks(row: pd.Series, data: Data, scope: Scope) -> TargetStatus:
    hosts = scope.select_parks(data["parks"])["park_id"]
    sp = data["specialty_parks"]
    approved = sp[sp["park_id"].isin(hosts)]["approved_date"]
    start, end = pd.Timestamp(f"{scope.period[:4]}-01-01"), pd.Timestamp(period_end(scope.period))
    value = float(((approved >= start) & (approved <= end)).sum())
    target = float(row["value"]) if scope.level == "province" else math.nan
    return _status(row, scope, value, target, "当年1月至报告期末新认定的省级特色产业园数")


def _green_parks(row: pd.Series, data: Data, scope: Scope) -> TargetStatus:
    rows = scope_facts(data["env_status"], data["parks"], scope)
    target = float(row["value"]) if scope.level == "province" else math.nan
    return _status(row, scope, float((rows["green_park_status"] == "已创建").sum()), target,
                   "报告期末已创建绿色园区数")


def _assessments(row: pd.Series, data: Data, scope: Scope) -> TargetStatus:
    return _status(row, scope, assessment_completion(data, scope) * 100, float(row["value"]),
                   "报告期末已完成的适用评估事项占比（144家园区×12项，不适用事项不计）")


def _not_reported(row: pd.Series, data: Data, scope: Scope) -> TargetStatus:
    return _status(row, scope, math.nan, float(row["value"]), "暂无报送数据（由责任单位报送）")


CALCULATORS: dict[str, Callable[[pd.Series, Data, Scope], TargetStatus]] = {
    "revenue_total": _revenue,
    "parks_over_1000": _thousand_yi_parks,
    "tax_per_mu": _tax_per_mu,
    "specialty_over_100": _specialty_over_100,
    "env_sewage": _coverage("sewage_treatment"),
    "env_discharge": _coverage("compliant_discharge"),
    "env_monitoring": _coverage("online_monitoring"),
    "circular_national": _coverage("circular_transformation", "国家级"),
    "circular_provincial": _coverage("circular_transformation", "省级"),
    "new_specialty_parks": _new_specialty_parks,
    "green_parks": _green_parks,
    "assessment_completion": _assessments,
}
HEADLINE_KEYS = ["revenue_total", "parks_over_1000", "tax_per_mu", "specialty_over_100"]


def target_status(data: Data, scope: Scope, metric_key: str) -> TargetStatus:
    """One target of the register, computed for the scope and month."""
    targets = data["targets"]
    row = targets[(targets["metric_key"] == metric_key)
                  & (targets["year"] == int(scope.period[:4]))].iloc[0]
    return CALCULATORS.get(metric_key, _not_reported)(row, data, scope)


def headline_targets(data: Data, scope: Scope) -> list[TargetStatus]:
    """The four headline targets of 二、主要目标, in the document's order."""
    return [target_status(data, scope, key) for key in HEADLINE_KEYS]


def target_register(data: Data, scope: Scope) -> list[TargetStatus]:
    """Every quantified target of the work-plan year, in register order."""
    year = int(scope.period[:4])
    keys = data["targets"].loc[data["targets"]["year"] == year, "metric_key"]
    return [target_status(data, scope, key) for key in keys]
