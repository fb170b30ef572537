"""Industry clusters (产业集群): size, growth, place, chain, projects and attraction, per scope.

Functions take `data`, a mapping from dataset name to its DataFrame, and a `Scope`. Each metric
is one function whose docstring's first line is its 口径 (shown to users via `definition`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from hnparks.core import metrics as m
from hnparks.core import status as st
from hnparks.core.periods import month_of, period_end, same_period_last_year, year_of
from hnparks.core.scope import Scope
from hnparks.plans.registry import of_plan_year

Data = Mapping[str, pd.DataFrame]
WORLD_CLASS = "世界级产业集群"
NATIONAL = "国内具有重要影响力的产业集群"
TIERS = (WORLD_CLASS, NATIONAL)
STAGES = ("上游", "中游", "下游")
NOT_STARTED = "未开工"
COMPLETED = "竣工投产"
LATE_NOT_STARTED = "逾期未开工"
LATE_INVESTMENT = "投资进度滞后"
OTHER = "其他产业（非八大集群）"
# The competition wording of the document, quoted verbatim (三(三)2).
COMPETITION_QUOTE = "支持长沙工程机械和株洲轨道交通装备在国家先进制造业集群竞赛中取得良好成绩"
LATE_DEFINITION = (
    "滞后项目：①逾期未开工——计划开工月份已到（不晚于报告期）而报告期末仍未开工；"
    "②投资进度滞后——已开工未竣工，当年累计完成投资占年度计划投资的比例"
    "低于项目序时进度5个百分点及以上。"
)


def _output_rows(data: Data, scope: Scope, period: str) -> pd.DataFrame:
    rows = scope.park_rows(data["cluster_output"], data["parks"])
    return rows[rows["period"] == period]


def _by_cluster(data: Data, values: pd.Series) -> pd.Series:
    """Reindex a cluster_id-indexed series to all clusters in roster order."""
    return values.reindex(data["clusters"]["cluster_id"])


def cluster_output(data: Data, scope: Scope, period: str | None = None) -> pd.Series:
    """集群产值 = 范围内各园区该集群各产业链环节工业总产值之和（亿元，当年1月至报告期末累计）。"""
    rows = _output_rows(data, scope, period or scope.period)
    return _by_cluster(data, rows.groupby("cluster_id")["output_ytd"].sum()).fillna(0.0)


def cluster_yoy(data: Data, scope: Scope) -> pd.Series:
    """集群产值同比 = 本年1月至报告期末累计产值 ÷ 上年同期累计产值 − 1；上年同期为零时不计算。"""
    now = cluster_output(data, scope)
    last = cluster_output(data, scope, same_period_last_year(scope.period))
    return pd.Series([m.yoy_growth(a, b) for a, b in zip(now, last, strict=True)],
                     index=now.index, dtype=float)


def cluster_share_of_park_output(data: Data, scope: Scope) -> pd.Series:
    """占园区工业总产值比重 = 集群产值 ÷ 范围内全部园区工业总产值（均为当年1月至报告期末累计）。"""
    rows = scope.park_rows(data["park_indicators"], data["parks"])
    rows = rows[rows["period"] == scope.period]
    whole = float(rows["output_ytd"].sum()) if len(rows) else math.nan
    return cluster_output(data, scope).map(lambda part: m.share(part, whole))


def cluster_share_of_province(data: Data, scope: Scope) -> pd.Series:
    """占全省集群比重 = 范围内该集群产值 ÷ 全省园区该集群产值（当年1月至报告期末累计）。"""
    part = cluster_output(data, scope)
    whole = cluster_output(data, Scope(scope.period))
    return pd.Series([m.share(a, b) for a, b in zip(part, whole, strict=True)],
                     index=part.index, dtype=float)


def cluster_parks(data: Data, scope: Scope) -> pd.Series:
    """涉及园区 = 报告期有该集群产值的范围内园区数（家）。"""
    rows = _output_rows(data, scope, scope.period)
    rows = rows[rows["output_ytd"] > 0]
    return _by_cluster(data, rows.groupby("cluster_id")["park_id"].nunique()).fillna(0).astype(int)


def cluster_enterprises(data: Data, scope: Scope) -> pd.Series:
    """集群企业数 = 范围内各园区该集群各产业链环节企业数之和（家，报告期末）。"""
    rows = _output_rows(data, scope, scope.period)
    return _by_cluster(data, rows.groupby("cluster_id")["enterprises"].sum()).fillna(0).astype(int)


def _projects_in_scope(data: Data, scope: Scope) -> pd.DataFrame:
    return scope.park_rows(of_plan_year(data["key_projects"], scope.period), data["parks"])


def cluster_project_count(data: Data, scope: Scope) -> pd.Series:
    """重点项目数 = 关联该集群、位于范围内园区的“五个100”重点项目个数（个）。"""
    rows = _projects_in_scope(data, scope)
    return _by_cluster(data, rows.groupby("cluster_id").size()).fillna(0).astype(int)


def cluster_project_investment(data: Data, scope: Scope) -> pd.Series:
    """重点项目总投资 = 关联该集群、位于范围内园区的“五个100”重点项目总投资之和（亿元）。"""
    rows = _projects_in_scope(data, scope)
    return _by_cluster(data, rows.groupby("cluster_id")["total_investment"].sum()).fillna(0.0)


def cluster_table(data: Data, scope: Scope) -> pd.DataFrame:
    """All eight clusters (roster order) with every side-by-side metric for the scope."""
    roster = data["clusters"][["cluster_id", "cluster_name", "tier", "center_cities",
                               "competition_note", "leading_firms"]]
    out = roster.set_index("cluster_id").assign(
        output=cluster_output(data, scope),
        output_ly=cluster_output(data, scope, same_period_last_year(scope.period)),
        yoy=cluster_yoy(data, scope),
        share_of_parks=cluster_share_of_park_output(data, scope),
        share_of_province=cluster_share_of_province(data, scope),
        parks=cluster_parks(data, scope),
        enterprises=cluster_enterprises(data, scope),
        projects=cluster_project_count(data, scope),
        project_investment=cluster_project_investment(data, scope),
    )
    return out.reset_index()


def park_clusters(data: Data, park_id: str) -> list[str]:
    """The cluster ids a park is associated with (parks.cluster_ids), in roster order."""
    parks = data["parks"]
    raw = parks.loc[parks["park_id"] == park_id, "cluster_ids"]
    ids = set(str(raw.iloc[0]).split(";")) if len(raw) and isinstance(raw.iloc[0], str) else set()
    return [c for c in data["clusters"]["cluster_id"] if c in ids]


def clusters_present(data: Data, scope: Scope) -> list[str]:
    """Clusters with output in the scope at its period (a park's own clusters), roster order."""
    if scope.park:
        return park_clusters(data, scope.park)
    present = cluster_parks(data, scope)
    return present[present > 0].index.tolist()


# ---- one cluster in depth ----------------------------------------------------------------


def monthly_trend(data: Data, scope: Scope, cluster_id: str) -> pd.DataFrame:
    """集群产值月度走势：各月末当年累计产值（亿元），本年至报告期、上年全年，按年份与月份。"""
    rows = scope.park_rows(data["cluster_output"], data["parks"])
    rows = rows[rows["cluster_id"] == cluster_id]
    year, last = year_of(scope.period), year_of(scope.period) - 1
    totals = rows.groupby("period")["output_ytd"].sum().reset_index()
    totals["year"] = totals["period"].map(year_of)
    totals["month"] = totals["period"].map(month_of)
    keep = (totals["year"] == last) | ((totals["year"] == year) & (totals["period"] <= scope.period))
    return totals[keep].sort_values("period").reset_index(drop=True)


def cluster_by_city(data: Data, period: str, cluster_id: str) -> pd.DataFrame:
    """集群产值分市州：14个市州该集群产值（亿元，累计）、同比、占全省比重与排名。"""
    rows = data["cluster_output"]
    rows = rows[rows["cluster_id"] == cluster_id]
    with_city = rows.merge(data["parks"][["park_id", "city_code"]], on="park_id")

    def at(month: str) -> pd.Series:
        return with_city[with_city["period"] == month].groupby("city_code")["output_ytd"].sum()

    out = data["cities"][["city_code", "city_name", "city_short"]].set_index("city_code")
    out["output"] = at(period)
    out["output_ly"] = at(same_period_last_year(period))
    out = out.reset_index()
    out["output"] = out["output"].fillna(0.0)
    total = float(out["output"].sum())
    out["yoy"] = [m.yoy_growth(a, b) for a, b in zip(out["output"], out["output_ly"], strict=True)]
    out["share"] = out["output"].map(lambda v: m.share(v, total))
    out["rank"] = m.rank_desc(out["output"].where(out["output"] > 0))
    return out.sort_values("output", ascending=False).reset_index(drop=True)


def cluster_by_park(data: Data, scope: Scope, cluster_id: str) -> pd.DataFrame:
    """集群产值分园区：范围内有该集群产值的园区（亿元，累计）、同比、企业数与排名。"""
    now = _output_rows(data, scope, scope.period)
    now = now[now["cluster_id"] == cluster_id]
    last = _output_rows(data, scope, same_period_last_year(scope.period))
    last = last[last["cluster_id"] == cluster_id]
    out = now.groupby("park_id").agg(output=("output_ytd", "sum"),
                                     enterprises=("enterprises", "sum"))
    out["output_ly"] = last.groupby("park_id")["output_ytd"].sum()
    out = out.reset_index().merge(data["parks"][["park_id", "park_name", "city_code", "level",
                                                 "lon", "lat"]], on="park_id")
    out = out.merge(data["cities"][["city_code", "city_name"]], on="city_code", how="left")
    out["yoy"] = [m.yoy_growth(a, b) for a, b in zip(out["output"], out["output_ly"], strict=True)]
    out["rank"] = m.rank_desc(out["output"])
    return out.sort_values("output", ascending=False).reset_index(drop=True)


def chain_segments(data: Data, scope: Scope, cluster_id: str) -> pd.DataFrame:
    """产业链环节：范围内该集群上游/中游/下游各环节产值（亿元，累计）与企业数（家）。"""
    rows = _output_rows(data, scope, scope.period)
    rows = rows[rows["cluster_id"] == cluster_id]
    out = rows.groupby(["chain_stage", "chain_segment"], as_index=False).agg(
        output=("output_ytd", "sum"), enterprises=("enterprises", "sum"))
    out["stage_order"] = out["chain_stage"].map({s: i for i, s in enumerate(STAGES)})
    return out.sort_values("stage_order").drop(columns="stage_order").reset_index(drop=True)


def leading_enterprises(data: Data, scope: Scope, cluster_id: str) -> pd.DataFrame:
    """集群龙头企业：位于范围内园区的该集群龙头企业及所在园区、市州（公开资料整理，待核）。"""
    firms = scope.park_rows(data["enterprises"], data["parks"])
    firms = firms[firms["cluster_id"] == cluster_id]
    firms = firms.merge(data["parks"][["park_id", "park_name"]], on="park_id", how="left")
    return firms.merge(data["cities"][["city_code", "city_name"]], on="city_code", how="left")


def cluster_specialty_parks(data: Data, scope: Scope, cluster_id: str) -> pd.DataFrame:
    """集群特色产业园：报告期末前已认定、关联该集群、依托范围内园区的省级特色产业园及其主导产业产值。"""
    sp = scope.park_rows(data["specialty_parks"], data["parks"])
    sp = sp[(sp["cluster_id"] == cluster_id)
            & (sp["approved_date"] <= pd.Timestamp(period_end(scope.period)))]
    out = data["specialty_output"]
    out = out[out["period"] == scope.period][["specialty_id", "output_ytd"]]
    sp = sp.merge(out, on="specialty_id", how="left")
    sp = sp.merge(data["parks"][["park_id", "park_name"]], on="park_id", how="left")
    return sp.sort_values("output_ytd", ascending=False).reset_index(drop=True)


def project_time_elapsed(planned_start: pd.Timestamp, period: str) -> float:
    """项目序时进度 = 计划开工月至报告期已过月数 ÷ 计划开工月至当年12月的月数；未到开工月为0。
    The status engine's rule (`status.linear_elapsed`); the first line is the 口径 pages show."""
    if pd.isna(planned_start):
        return math.nan
    start = max(f"{planned_start:%Y-%m}", f"{year_of(period)}-01")
    return 0.0 if start > period else st.linear_elapsed(period, f"{year_of(period)}-12", start)


def project_late_reason(status: str, planned_start: pd.Timestamp, completion: float,
                        elapsed: float, period: str) -> str:
    """滞后判定：计划开工月已到仍未开工为逾期未开工；已开工项目完成率低于序时进度5个百分点及以上为投资进度滞后。"""
    if status == COMPLETED:
        return ""
    if status == NOT_STARTED:
        started_due = pd.notna(planned_start) and planned_start <= pd.Timestamp(period_end(period))
        return LATE_NOT_STARTED if started_due else ""
    if st.light(completion, elapsed) == "red":
        return LATE_INVESTMENT
    return ""


def project_status(data: Data, scope: Scope, cluster_id: str | None = None) -> pd.DataFrame:
    """“五个100”项目在报告期末的状态、投资完成率、序时进度与滞后原因；滞后项目在前。"""
    projects = _projects_in_scope(data, scope)
    if cluster_id is not None:
        projects = projects[projects["cluster_id"] == cluster_id]
    progress = data["project_progress"]
    progress = progress[progress["period"] == scope.period][
        ["project_id", "status", "completed_investment_ytd"]]
    out = projects.merge(progress, on="project_id", how="left")
    out = out.merge(data["parks"][["park_id", "park_name"]], on="park_id", how="left")
    out["completion"] = [m.completion_rate(a, b) for a, b in
                         zip(out["completed_investment_ytd"], out["plan_investment"],
                             strict=True)]
    out["elapsed"] = [project_time_elapsed(s, scope.period) for s in out["planned_start"]]
    out["late_reason"] = [
        project_late_reason(state, s, c, e, scope.period) if isinstance(state, str) else ""
        for state, s, c, e in zip(out["status"], out["planned_start"], out["completion"],
                               out["elapsed"], strict=True)
    ]
    out["late"] = out["late_reason"] != ""
    out["gap"] = out["elapsed"] - out["completion"]
    out = out.sort_values(["late", "gap"], ascending=[False, False])
    return out.reset_index(drop=True)


# ---- investment attraction --------------------------------------------------------------

ATTRACTION_COLUMNS = ["projects_signed_ytd", "projects_started_ytd", "signed_investment_ytd",
                      "top500_introduced_ytd"]


def attraction_in_scope(data: Data, scope: Scope) -> pd.DataFrame:
    """招商引资：范围内各园区签约、开工项目（个）、签约投资（亿元）、引进“三类500强”（家），当年累计。"""
    rows = scope.park_rows(data["attraction"], data["parks"])
    rows = rows[rows["period"] == scope.period]
    return rows.merge(data["parks"][["park_id", "park_name", "city_code"]], on="park_id")


def attraction_by_city(data: Data, scope: Scope) -> pd.DataFrame:
    """招商引资分市州：各市州园区签约、开工项目与“三类500强”之和（当年累计）；城市范围内为该市州。"""
    rows = attraction_in_scope(data, scope)
    sums = rows.groupby("city_code")[ATTRACTION_COLUMNS].sum()
    cities = data["cities"][["city_code", "city_name", "city_short"]]
    if scope.city:
        cities = cities[cities["city_code"] == scope.city]
    out = cities.set_index("city_code").join(sums).fillna(0).reset_index()
    return out.sort_values("projects_signed_ytd", ascending=False).reset_index(drop=True)


def attraction_by_park(data: Data, scope: Scope) -> pd.DataFrame:
    """招商引资分园区：范围内各园区签约、开工项目（个）与“三类500强”（家），当年累计，签约多的在前。"""
    rows = attraction_in_scope(data, scope)
    return rows.sort_values("projects_signed_ytd", ascending=False).reset_index(drop=True)


def attraction_by_cluster(data: Data, scope: Scope) -> pd.DataFrame:
    """招商引资按集群分摊（估算）= 各园区招商指标 × 该集群产值占园区工业总产值比重，再按集群求和；其余计入其他产业。

    Clusters with nothing apportioned in the scope are left out; the 其他产业 row is always there.
    """
    rows = attraction_in_scope(data, scope)
    facts = data["park_indicators"]
    park_out = facts[facts["period"] == scope.period].set_index("park_id")["output_ytd"]
    cl = _output_rows(data, scope, scope.period)
    cl = cl.groupby(["park_id", "cluster_id"], as_index=False)["output_ytd"].sum()
    cl["weight"] = cl["output_ytd"] / cl["park_id"].map(park_out).astype(float)
    cl = cl[cl["weight"].notna() & (cl["weight"] > 0)]
    weights = pd.DataFrame(0.0, index=pd.Index(rows["park_id"], dtype=object),
                           columns=list(data["clusters"]["cluster_id"]))
    for park_id, cluster_id, weight in zip(cl["park_id"], cl["cluster_id"], cl["weight"],
                                           strict=True):
        if park_id in weights.index:
            weights.loc[park_id, cluster_id] = float(weight)
    weights[OTHER] = (1.0 - weights.sum(axis=1)).clip(lower=0.0)
    values = rows.set_index(pd.Index(rows["park_id"], dtype=object))[ATTRACTION_COLUMNS]
    out = pd.DataFrame({col: weights.mul(values[col], axis=0).sum() for col in ATTRACTION_COLUMNS})
    names = dict(zip(data["clusters"]["cluster_id"], data["clusters"]["cluster_name"], strict=True))
    tiers = dict(zip(data["clusters"]["cluster_id"], data["clusters"]["tier"], strict=True))
    out.index.name = "cluster_id"
    out = out.reset_index()
    out["cluster_name"] = out["cluster_id"].map(names).fillna(OTHER)
    out["tier"] = out["cluster_id"].map(tiers).fillna("")
    involved = out[ATTRACTION_COLUMNS].sum(axis=1) > 0
    return out[involved | (out["cluster_id"] == OTHER)].reset_index(drop=True)
