"""Opening-up and innovation (三(三)1, 三(三)4, 三(六)2–3): 外向度, bases and platforms, “五个100”,
the national high-tech zone bids and the incubators."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from hnparks.core.periods import period_end, year_of
from hnparks.core.scope import Scope
from hnparks.derived.aggregate import by_city, by_park
from hnparks.plans.registry import of_plan_year

Data = Mapping[str, pd.DataFrame]
OPENING_KINDS = ["外贸转型升级基地", "企业区域总部", "采购中心", "结算中心", "研发中心"]
INNOVATION_KINDS = ["产业创新服务综合体", "潇湘科技要素大市场分市场（工作站）",
                    "知识产权综合服务分中心", "工业互联网平台"]
# “五个100” as the province runs it; the three project categories are in key_projects.
FIVE_HUNDREDS = ["重大产业项目", "重大科技创新项目", "重大产品创新项目", "引进“三类500强”企业",
                 "引进高层次人才"]


def export_share(export_yi: object, revenue_yi: object) -> object:
    """园区产业外向度(%) = 出口额(亿元) ÷ 技工贸总收入(亿元) × 100，均为1月至报告期末累计。"""
    if isinstance(revenue_yi, pd.Series):
        return export_yi / revenue_yi.where(revenue_yi > 0) * 100
    return math.nan if not revenue_yi or pd.isna(revenue_yi) else export_yi / revenue_yi * 100


def _with_share(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["share"] = export_share(frame["export_ytd"], frame["revenue_ytd"])
    frame["share_ly"] = export_share(frame["export_ytd_ly"], frame["revenue_ytd_ly"])
    frame["change"] = frame["share"] - frame["share_ly"]  # percentage points
    return frame


def export_by_city(data: Data, period: str) -> pd.DataFrame:
    """Per city (all 14): exports, revenue, 外向度 now and a year earlier, change (points)."""
    rows = by_city(data["park_indicators"], data["parks"], data["cities"], period,
                   ["export_ytd", "revenue_ytd"])
    return _with_share(rows)


def export_by_park(data: Data, scope: Scope) -> pd.DataFrame:
    """Per park in scope: exports, revenue, 外向度 now and a year earlier, by 外向度."""
    rows = by_park(data["park_indicators"], data["parks"], scope, ["export_ytd", "revenue_ytd"])
    return _with_share(rows).sort_values("share", ascending=False).reset_index(drop=True)


def export_summary(data: Data, scope: Scope) -> dict[str, float]:
    """外向度 of the scope (sums first), exports, and the same a year earlier."""
    rows = by_park(data["park_indicators"], data["parks"], scope, ["export_ytd", "revenue_ytd"])
    sums = rows[["export_ytd", "revenue_ytd", "export_ytd_ly", "revenue_ytd_ly"]].sum(min_count=1)
    return {"export_ytd": float(sums["export_ytd"]),
            "share": export_share(sums["export_ytd"], sums["revenue_ytd"]),
            "share_ly": export_share(sums["export_ytd_ly"], sums["revenue_ytd_ly"])}


def platform_counts(data: Data, scope: Scope, kinds: list[str]) -> pd.DataFrame:
    """Per kind: platforms recognised by the end of the month in the scope's parks (已有) and
    those recognised in the plan year so far (本年新增)."""
    rows = scope.park_rows(data["park_platforms"], data["parks"])
    end = pd.Timestamp(period_end(scope.period))
    year_start = pd.Timestamp(f"{year_of(scope.period)}-01-01")
    rows = rows[rows["recognised_date"] <= end]
    out = pd.DataFrame({"kind": kinds})
    out["total"] = [int((rows["kind"] == k).sum()) for k in kinds]
    out["this_year"] = [int(((rows["kind"] == k) & (rows["recognised_date"] >= year_start)).sum())
                        for k in kinds]
    return out


def platforms_by_city(data: Data, period: str, kinds: list[str]) -> pd.DataFrame:
    """Per city (all 14): platforms of the given kinds recognised by the end of the month."""
    rows = data["park_platforms"].merge(data["parks"][["park_id", "city_code"]], on="park_id")
    rows = rows[rows["kind"].isin(kinds)
                & (rows["recognised_date"] <= pd.Timestamp(period_end(period)))]
    counts = pd.crosstab(rows["city_code"], rows["kind"]).reindex(columns=kinds, fill_value=0)
    out = data["cities"][["city_code", "city_name"]].set_index("city_code").join(counts)
    out[kinds] = out[kinds].fillna(0).astype(int)
    return out.reset_index()


def rd_by_city(data: Data, period: str) -> pd.DataFrame:
    """Per city: R&D 经费 (亿元, 1月至报告期末) and R&D intensity (% of 技工贸总收入)."""
    rows = data["efficiency_inputs"][data["efficiency_inputs"]["period"] == period]
    rows = rows.merge(data["park_indicators"][["park_id", "period", "revenue_ytd"]],
                      on=["park_id", "period"])
    rows = rows.merge(data["parks"][["park_id", "city_code"]], on="park_id")
    sums = rows.groupby("city_code")[["rd_expense_ytd", "revenue_ytd"]].sum(min_count=1)
    out = data["cities"][["city_code", "city_name"]].set_index("city_code").join(sums)
    out["rd_intensity"] = out["rd_expense_ytd"] / out["revenue_ytd"].where(out["revenue_ytd"] > 0) \
        * 100
    return out.reset_index()


def five_hundreds(data: Data, scope: Scope) -> pd.DataFrame:
    """The five “五个100” categories for the scope: number, and how it is counted (NaN where
    no dataset reports it yet)."""
    projects = scope.park_rows(of_plan_year(data["key_projects"], scope.period), data["parks"])
    attraction = scope.park_rows(data["attraction"], data["parks"])
    attraction = attraction[attraction["period"] == scope.period]
    counts = [float((projects["category"] == c).sum()) for c in FIVE_HUNDREDS[:3]]
    top500 = float(attraction["top500_introduced_ytd"].sum()) if len(attraction) else math.nan
    basis = ["列入年度“五个100”的项目数"] * 3 + ["1月至报告期末园区引进的“三类500强”企业数（累计）",
                                                "暂无报送数据（由责任单位报送）"]
    return pd.DataFrame({"category": FIVE_HUNDREDS, "count": [*counts, top500, math.nan],
                         "basis": basis})



def milestone_track(data: Data, period: str, target_id: str) -> pd.DataFrame:
    """The milestones counting towards one target (T05 the two zones, T13 the incubators) with
    their status at the month: subject, label, status, completed_date."""
    from hnparks.derived.milestones import milestones_at

    rows = milestones_at(data["task_milestones"], period)
    return rows[rows["target_id"] == target_id][["milestone_id", "subject", "label", "status",
                                                 "completed_date"]].reset_index(drop=True)
