"""Target attainment: the value, completion, time-elapsed progress and light of every target.

Functions take `data`, a mapping from dataset name to its DataFrame, and a `Scope`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from hnparks.core import metrics as m
from hnparks.core.formats import MISSING, fmt_target
from hnparks.core.periods import period_end, year_of
from hnparks.core.scope import Scope
from hnparks.core.tasks import deadline_text, departments_as_written, inferred_mark
from hnparks.derived.aggregate import scope_facts
from hnparks.derived.indicator_store import HUNDRED_YI, THOUSAND_YI, row_for  # noqa: F401 (re-exported)
from hnparks.plans.registry import of_plan_year

Data = Mapping[str, pd.DataFrame]


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
    elapsed: float  # the share of the target due by now under its pacing rule (序时进度)
    light: str
    last_year: float = math.nan  # same month last year, in `unit`
    projection: float = math.nan  # expected full-year value, in `unit`
    required_monthly: float = math.nan  # run-rate needed per remaining month, in `unit`
    lead_departments: str = ""
    deadline: str = ""
    year_elapsed: float = math.nan  # straight-line share of the time to the deadline
    rule: str = ""  # pacing rule (hnparks.core.status)
    expected: float = math.nan  # target × elapsed, in `unit`
    gap: float = math.nan  # expected − value, in `unit` (positive = behind)
    rank: float = math.nan  # rank of the value among scopes of the same level
    comparator: str = ">="  # '≈' where the document writes 左右
    value_basis: str = ""  # '文件未明确数量…' where the count is read from an enumeration (推定)
    deadline_basis: str = ""  # '文件未明确…' where the deadline is counted to year end (推定)

    @property
    def target_note(self) -> str:
        """What follows the target's number as the document has it: '左右', '（推定）'."""
        return ("左右" if self.comparator == "≈" else "") + inferred_mark(self.value_basis)

    @property
    def deadline_text(self) -> str:
        """The deadline as a Chinese date, '（推定）' when the document states none."""
        return deadline_text(self.deadline, self.deadline_basis)

    @property
    def yoy(self) -> float:
        return m.yoy_growth(self.value, self.last_year)


# ---- building blocks other views reuse ---------------------------------------------------

def specialty_output_in_scope(data: Data, scope: Scope, period: str | None = None) -> pd.DataFrame:
    """Specialty parks hosted in the scope's parks, with output YTD at `period` (亿元)."""
    specialty = scope.park_rows(data["specialty_parks"], data["parks"])
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
    rows = scope.park_rows(of_plan_year(data["assessments"], scope.period), data["parks"])
    rows = rows[rows["applicable"]]
    if not len(rows):
        return math.nan
    end = pd.Timestamp(period_end(scope.period))
    return float((rows["completion_date"] <= end).mean())


# ---- the target register (read from the indicator store) ----------------------------------

BASIS = {
    "revenue_total": "1月至报告期末累计",
    "parks_over_1000": "报告期末累计技工贸总收入已达1000亿元的园区数；预计数按上年季节性推算全年",
    "tax_per_mu": "1月至报告期末累计税收 ÷ 期末工业用地面积",
    "specialty_over_100": "报告期末主导产业累计产值已达100亿元的特色产业园数；预计数按上年季节性推算全年",
    "env_sewage": "报告期末已实现的园区占比",
    "env_discharge": "报告期末已实现的园区占比",
    "env_monitoring": "报告期末已实现的园区占比",
    "circular_national": "报告期末已实施循环化改造的国家级园区占比",
    "circular_provincial": "报告期末已实施循环化改造的省级园区占比",
    "new_specialty_parks": "当年1月至报告期末新认定的省级特色产业园数",
    "green_parks": "报告期末已创建绿色园区数",
    "assessment_completion": "报告期末已完成的适用评估事项占比（144家园区×12项，不适用事项不计）",
    "new_national_hitech": "报告期末已完成的创建里程碑数（岳阳、娄底获批国家级高新区）",
    "overseas_incubators": "报告期末已设立（挂牌）的科技企业孵化器数（香港、广东、上海、北京）",
}
NOT_REPORTED = "暂无报送数据（由责任单位报送）"


def target_status(data: Data, scope: Scope, metric_key: str) -> TargetStatus:
    """One target of the register for the scope and month, as the indicator store holds it."""
    targets = data["targets"]
    row = targets[(targets["metric_key"] == metric_key)
                  & (targets["year"] == year_of(scope.period))].iloc[0]
    stored = row_for(data, metric_key, scope)
    nan = math.nan
    get = (lambda c: nan) if stored is None else (lambda c: float(stored[c]))  # noqa: E731
    # The province's revenue is counted in 万亿元 as the document writes it; cities and parks 亿元.
    factor = 1 / 10_000 if metric_key == "revenue_total" and scope.level == "province" else 1.0
    unit = row["unit"]
    if metric_key == "revenue_total":
        unit = "万亿元" if scope.level == "province" else "亿元"
    return TargetStatus(
        target_id=row["target_id"], metric_key=metric_key, indicator=row["indicator"],
        unit=unit, target=get("target") * factor, value=get("value") * factor,
        basis=BASIS.get(metric_key, NOT_REPORTED), completion=get("completion"),
        elapsed=get("expected_share"), light="grey" if stored is None else stored["status"],
        last_year=get("last_year") * factor, projection=get("projection") * factor,
        required_monthly=get("required_monthly") * factor,
        lead_departments=departments_as_written(data["tasks"]).get(
            row["section"], row["lead_departments"]), deadline=row["deadline"],
        year_elapsed=get("elapsed"), rule=row["pacing"], expected=get("expected") * factor,
        gap=get("gap") * factor, rank=nan if stored is None or pd.isna(stored["rank"])
        else float(stored["rank"]), comparator=_text(row.get("comparator")) or ">=",
        value_basis=_text(row.get("value_basis")), deadline_basis=_text(row.get("deadline_basis")))


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


HEADLINE_KEYS = ["revenue_total", "parks_over_1000", "tax_per_mu", "specialty_over_100"]


def headline_targets(data: Data, scope: Scope) -> list[TargetStatus]:
    """The four headline targets of 二、主要目标, in the document's order."""
    return [target_status(data, scope, key) for key in HEADLINE_KEYS]


def target_register(data: Data, scope: Scope) -> list[TargetStatus]:
    """Every quantified target of the work-plan year, in register order."""
    year = year_of(scope.period)
    keys = data["targets"].loc[data["targets"]["year"] == year, "metric_key"]
    return [target_status(data, scope, key) for key in keys]


def target_text(t: TargetStatus) -> str:
    """The target as the document writes it: '5.3万亿元', '14家', '13万元/亩', '30个左右';
    '2个（推定）' for a count the document does not state (`formats.fmt_target` + `target_note`)."""
    text = fmt_target(t.target, t.unit)
    return text if text == MISSING else text + t.target_note
