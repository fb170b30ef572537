"""Environmental rectification (三(四)): duty coverage, prominent problems, tracking EIAs.

Functions take `data`, a mapping from dataset name to its DataFrame, and a `Scope`, like
`hnparks.derived.attainment`; the per-metric coverage rate itself is `attainment.env_coverage`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from hnparks.core.periods import period_end, period_range, year_of
from hnparks.core.scope import Scope
from hnparks.derived.aggregate import scope_facts
from hnparks.plans.registry import of_plan_year

Data = Mapping[str, pd.DataFrame]

# The three duties due by the plan year's end (三(四)2), in the document's order.
DUTIES: dict[str, str] = {
    "sewage_treatment": "工业污水集中处理",
    "compliant_discharge": "达标排放",
    "online_monitoring": "在线监测",
}
DUTY_TARGET_KEYS: dict[str, str] = {
    "sewage_treatment": "env_sewage",
    "compliant_discharge": "env_discharge",
    "online_monitoring": "env_monitoring",
}
ALL_DUTIES = "all_duties"
ALL_DUTIES_LABEL = "三项均已实现"

RECTIFIED, IN_PROGRESS, OVERDUE = "已整改", "整改中", "逾期未整改"
PROBLEM_STATUSES = [RECTIFIED, IN_PROGRESS, OVERDUE]

TRACKING_YEARS = 5  # 规划或规划环评批复/审查已满5年的园区须开展跟踪评价
TRACKING_DONE, TRACKING_ONGOING, TRACKING_NOT_STARTED = "已完成", "进行中", "未开展"
GREEN_CREATED, GREEN_IN_PROGRESS, GREEN_NONE = "已创建", "创建中", "未申报"

_ROSTER = ["park_id", "park_name", "city_code", "level"]


def _roster(data: Data) -> pd.DataFrame:
    cities = data["cities"][["city_code", "city_name"]]
    return data["parks"][_ROSTER].merge(cities, on="city_code", how="left")


def _end(period: str) -> pd.Timestamp:
    return pd.Timestamp(period_end(period))


# ---- coverage of the three duties ---------------------------------------------------------

def park_duties(data: Data, scope: Scope, period: str | None = None) -> pd.DataFrame:
    """Per park in scope: the three duties (bool), `all_duties`, and what it still lacks."""
    rows = scope_facts(data["env_status"], data["parks"], scope, period)
    rows = rows[["park_id", *DUTIES]].copy()
    rows[ALL_DUTIES] = rows[list(DUTIES)].all(axis=1)
    rows["missing"] = [
        "、".join(label for col, label in DUTIES.items() if not row[col])
        for _, row in rows.iterrows()
    ]
    rows["missing_count"] = (~rows[list(DUTIES)]).sum(axis=1).astype(int)
    return _roster(data).merge(rows, on="park_id", how="inner")


def all_duties_coverage(data: Data, scope: Scope) -> float:
    """三项全覆盖率 = 报告期末污水集中处理、达标排放、在线监测均已实现的园区数 ÷ 范围内园区数。"""
    rows = park_duties(data, scope)
    return float(rows[ALL_DUTIES].mean()) if len(rows) else math.nan


def coverage_counts(data: Data, scope: Scope) -> dict[str, int]:
    """Parks in scope (`parks`) and how many have each duty and all three, at the period end."""
    rows = park_duties(data, scope)
    return {"parks": len(rows), **{c: int(rows[c].sum()) for c in [*DUTIES, ALL_DUTIES]}}


def coverage_by_city(data: Data, period: str) -> pd.DataFrame:
    """Per city (all 14): number of parks and the share covered for each duty and all three."""
    rows = park_duties(data, Scope(period=period))
    cols = [*DUTIES, ALL_DUTIES]
    grouped = rows.groupby("city_code").agg(
        parks=("park_id", "size"), **{c: (c, "mean") for c in cols},
        covered=(ALL_DUTIES, "sum"))
    out = data["cities"][["city_code", "city_name", "city_short"]].set_index("city_code")
    return out.join(grouped).reset_index()


def duty_lights(data: Data, period: str) -> pd.DataFrame:
    """Per city (index city_code) the status engine's light of each duty (columns as DUTIES):
    the colours of the coverage heatmap."""
    from hnparks.derived.indicator_store import rows_for

    return pd.DataFrame({column: rows_for(data, key, period, "city")["status"]
                         for column, key in DUTY_TARGET_KEYS.items()})


def coverage_map_values(data: Data, scope: Scope) -> tuple[pd.DataFrame, pd.DataFrame]:
    """For the map: each city's 三项全覆盖率 (%) and the uncovered parks in scope with location.

    Returns (city_code, value) and (park_id, park_name, lon, lat, value = duties still lacking).
    """
    cities = coverage_by_city(data, scope.period)
    city_values = cities.assign(value=cities[ALL_DUTIES] * 100)[["city_code", "value"]]
    parks = uncovered_parks(data, scope).merge(data["parks"][["park_id", "lon", "lat"]],
                                               on="park_id")
    return city_values, parks.assign(value=parks["missing_count"])


def uncovered_parks(data: Data, scope: Scope) -> pd.DataFrame:
    """Parks in scope lacking at least one duty, most missing first, with what each lacks."""
    rows = park_duties(data, scope)
    rows = rows[~rows[ALL_DUTIES]]
    return rows.sort_values(["missing_count", "city_code", "park_id"],
                            ascending=[False, True, True]).reset_index(drop=True)


# ---- prominent environmental problems -----------------------------------------------------

def problem_status(problems: pd.DataFrame, period: str) -> pd.DataFrame:
    """整改状态：报告期末已有整改完成日期为已整改；未完成且已过整改期限为逾期未整改；其余为整改中。

    Problems found by the period end, with status and days overdue at that end; problems found
    later do not exist yet. The one rule for every page, slide and alert.
    """
    end = _end(period)
    out = problems[problems["found_date"] <= end].copy()
    rectified = out["rectified_date"].notna() & (out["rectified_date"] <= end)
    overdue = ~rectified & (out["deadline"] < end)
    out["status"] = IN_PROGRESS
    out.loc[rectified, "status"] = RECTIFIED
    out.loc[overdue, "status"] = OVERDUE
    out["days_overdue"] = 0
    out.loc[overdue, "days_overdue"] = (end - out.loc[overdue, "deadline"]).dt.days
    out["days_overdue"] = out["days_overdue"].astype(int)
    return out


def scope_problems(data: Data, scope: Scope, period: str | None = None) -> pd.DataFrame:
    """Problems of the parks in scope at the period end, with park, city and status: the problem
    list of the period's plan year only (a later year's profile never lists an earlier year's)."""
    problems = of_plan_year(data["env_problems"], period or scope.period)
    rows = problem_status(scope.park_rows(problems, data["parks"]), period or scope.period)
    return rows.merge(_roster(data), on="park_id", how="left")


def problem_counts(data: Data, scope: Scope, period: str | None = None) -> dict[str, int]:
    """突出环境问题：报告期末已发现的问题数，及其中已整改、整改中、逾期未整改（过整改期限未完成）的个数。"""
    rows = scope_problems(data, scope, period)
    counts = rows["status"].value_counts()
    out = {"total": len(rows)}
    out.update({status: int(counts.get(status, 0)) for status in PROBLEM_STATUSES})
    return out


def rectification_rate(data: Data, scope: Scope, period: str | None = None) -> float:
    """整改完成率 = 报告期末已整改的突出环境问题数 ÷ 报告期末已发现的问题数。"""
    counts = problem_counts(data, scope, period)
    return counts[RECTIFIED] / counts["total"] if counts["total"] else math.nan


def overdue_problems(data: Data, scope: Scope) -> pd.DataFrame:
    """Overdue problems in scope at the period end, longest overdue first."""
    rows = scope_problems(data, scope)
    rows = rows[rows["status"] == OVERDUE]
    return rows.sort_values(["days_overdue", "problem_id"], ascending=[False, True]) \
        .reset_index(drop=True)


def problems_by_area(data: Data, scope: Scope) -> pd.DataFrame:
    """Problem counts by status: by city for the province, by park for a city, by category for
    a park. Columns: code, name, the three statuses, total; most overdue, then most, first."""
    rows = scope_problems(data, scope)
    code, name = {"province": ("city_code", "city_name"), "city": ("park_id", "park_name"),
                  "park": ("category", "category")}[scope.level]
    rows = rows.assign(_code=rows[code], _name=rows[name])
    table = rows.pivot_table(index=["_code", "_name"], columns="status", values="problem_id",
                             aggfunc="count", fill_value=0)
    table = table.reindex(columns=PROBLEM_STATUSES, fill_value=0).reset_index()
    table = table.rename(columns={"_code": "code", "_name": "name"})
    table.columns.name = None
    table["total"] = table[PROBLEM_STATUSES].sum(axis=1)
    return table.sort_values([OVERDUE, "total", "code"], ascending=[False, False, True]) \
        .reset_index(drop=True)


def rectification_trend(data: Data, scope: Scope) -> pd.DataFrame:
    """Problem counts by status at each month end from January of the year to the period."""
    months = period_range(f"{year_of(scope.period)}-01", scope.period)
    rows = []
    for month in months:
        counts = problem_counts(data, scope, month)
        rows.append({"period": month, **{s: counts[s] for s in PROBLEM_STATUSES},
                     "total": counts["total"]})
    return pd.DataFrame(rows)


# ---- circular transformation, green parks -------------------------------------------------

def circular_by_level(data: Data, scope: Scope) -> pd.DataFrame:
    """Per level (国家级, 省级) in scope: parks, parks implementing circular transformation."""
    rows = scope_facts(data["env_status"], data["parks"], scope)
    rows = rows.merge(data["parks"][["park_id", "level"]], on="park_id")
    out = rows.groupby("level").agg(parks=("park_id", "size"),
                                    implementing=("circular_transformation", "sum"))
    out = out.reindex(["国家级", "省级"]).fillna(0).astype(int).reset_index()
    out["share"] = [i / p if p else math.nan for i, p in zip(out["implementing"], out["parks"],
                                                              strict=True)]
    return out


def green_summary(data: Data, scope: Scope) -> dict[str, int]:
    """Parks in scope that have created a green park (已创建) and that are creating one (创建中)."""
    status = green_parks(data, scope)["green_park_status"]
    return {GREEN_CREATED: int((status == GREEN_CREATED).sum()),
            GREEN_IN_PROGRESS: int((status == GREEN_IN_PROGRESS).sum())}


def green_parks(data: Data, scope: Scope) -> pd.DataFrame:
    """Parks in scope that have created a green park or are creating one, created first."""
    rows = scope_facts(data["env_status"], data["parks"], scope)
    rows = rows[rows["green_park_status"] != GREEN_NONE][["park_id", "green_park_status"]]
    rows = _roster(data).merge(rows, on="park_id")
    order = {GREEN_CREATED: 0, GREEN_IN_PROGRESS: 1}
    return rows.sort_values(["green_park_status", "park_id"],
                            key=lambda s: s.map(order) if s.name == "green_park_status" else s) \
        .reset_index(drop=True)


# ---- tracking environmental impact assessments --------------------------------------------

def tracking_eia_needed(plan_year: int, plan_eia_year: int, report_year: int) -> bool:
    """须开展跟踪评价：园区规划（调区扩区）批复或规划环评审查至报告年已满5年。"""
    return report_year - min(plan_year, plan_eia_year) >= TRACKING_YEARS


def tracking_eia(data: Data, scope: Scope) -> pd.DataFrame:
    """Parks in scope that need a tracking EIA at the report year, with its status.

    A park the rule says needs one but reported as 不适用 counts as 未开展. Not done first.
    """
    rows = scope_facts(data["env_status"], data["parks"], scope)
    year = year_of(scope.period)
    needed = [tracking_eia_needed(a, b, year) for a, b in
              zip(rows["plan_approval_year"], rows["plan_eia_year"], strict=True)]
    rows = rows[needed][["park_id", "plan_approval_year", "plan_eia_year",
                         "tracking_eia_status"]].copy()
    rows["years_since"] = year - rows[["plan_approval_year", "plan_eia_year"]].min(axis=1)
    known = {TRACKING_DONE, TRACKING_ONGOING, TRACKING_NOT_STARTED}
    rows.loc[~rows["tracking_eia_status"].isin(known), "tracking_eia_status"] = \
        TRACKING_NOT_STARTED
    order = {TRACKING_NOT_STARTED: 0, TRACKING_ONGOING: 1, TRACKING_DONE: 2}
    rows["_order"] = rows["tracking_eia_status"].map(order)
    rows = _roster(data).merge(rows, on="park_id")
    return rows.sort_values(["_order", "years_since", "park_id"],
                            ascending=[True, False, True]).drop(columns="_order") \
        .reset_index(drop=True)


def tracking_summary(data: Data, scope: Scope) -> dict[str, int]:
    """Parks in scope needing a tracking EIA (`needed`) and how many are done/ongoing/not started."""
    status = tracking_eia(data, scope)["tracking_eia_status"]
    return {"needed": len(status), **{s: int((status == s).sum()) for s in
                                      (TRACKING_DONE, TRACKING_ONGOING, TRACKING_NOT_STARTED)}}


def tracking_eia_completion(data: Data, scope: Scope) -> float:
    """跟踪评价完成率 = 报告期末已完成环境影响跟踪评价的园区数 ÷ 规划或规划环评已满5年的园区数。"""
    rows = tracking_eia(data, scope)
    return float((rows["tracking_eia_status"] == TRACKING_DONE).mean()) if len(rows) \
        else math.nan


def target_quote(data: Data, metric_key: str, year: int) -> str:
    """The document's words for a target of the register (原文)."""
    targets = data["targets"]
    row = targets[(targets["metric_key"] == metric_key) & (targets["year"] == year)]
    return str(row["quote"].iloc[0]) if len(row) else ""


# ---- 三线一单 and environmental credit evaluation --------------------------------------------

def task_status(data: Data, task_id: str, period: str) -> dict[str, object]:
    """A key task as the 重点任务台账 shows it at the period: text, departments, deadline,
    reported progress and update, 序时进度 and status (the ledger's one rule)."""
    from hnparks.views.tasks import ledger_for

    row = ledger_for(data, period).set_index("task_id").loc[task_id]
    return {"task_id": task_id, **row.to_dict()}


def credit_pilots(data: Data, scope: Scope) -> pd.DataFrame:
    """Parks in scope named as environmental credit evaluation pilots (环境信用评价试点)."""
    rows = scope_facts(data["env_status"], data["parks"], scope)
    ids = rows.loc[rows["env_credit_pilot"], "park_id"]
    return _roster(data)[lambda r: r["park_id"].isin(ids)].reset_index(drop=True)
