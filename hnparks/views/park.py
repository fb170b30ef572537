"""A park's or a city's profile (园区档案): identity, indicators with YoY and rank, and every list.

Functions take `data`, a mapping from dataset name to its DataFrame, and a `Scope`
(or a period and an id). Nothing here imports Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from hnparks.core import metrics as m
from hnparks.core.periods import period_end, same_period_last_year, year_of
from hnparks.core.scope import Scope
from hnparks.derived.aggregate import by_city, by_park, scope_facts
from hnparks.derived.attainment import specialty_output_in_scope
from hnparks.plans.registry import of_plan_year
from hnparks.views.business import assessment_status

Data = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Indicator:
    """One indicator of the profile: its column, Chinese name, unit and how it is counted."""

    key: str
    label: str
    unit: str
    basis: str
    digits: int = 1


INDICATORS = [
    Indicator("revenue_ytd", "技工贸总收入", "亿元", "1月至报告期末累计"),
    Indicator("tax_ytd", "税收", "亿元", "1月至报告期末累计", 2),
    Indicator("tax_per_mu", "亩均税收", "万元/亩", "累计税收×10000÷期末工业用地面积", 2),
    Indicator("output_ytd", "工业总产值", "亿元", "1月至报告期末累计"),
    Indicator("investment_ytd", "固定资产投资", "亿元", "1月至报告期末累计"),
    Indicator("export_ytd", "出口额", "亿元", "1月至报告期末累计"),
    Indicator("industrial_land_mu", "工业用地面积", "亩", "报告期末时点数", 0),
    Indicator("above_scale_firms", "规上企业数", "家", "报告期末时点数", 0),
    Indicator("hightech_firms", "高新技术企业数", "家", "报告期末时点数", 0),
]
SUMMED = [i.key for i in INDICATORS if i.key != "tax_per_mu"]

LAND_USE = [
    Indicator("turnover_land_mu", "周转用地", "亩", "报告期末存量", 0),
    Indicator("inefficient_land_mu", "低效用地", "亩", "报告期末存量", 0),
    Indicator("inefficient_redeveloped_mu_ytd", "低效用地再开发", "亩", "1月至报告期末累计", 0),
    Indicator("standard_land_parcels_ytd", "标准地出让宗数", "宗", "1月至报告期末累计", 0),
    Indicator("standard_land_mu_ytd", "标准地出让面积", "亩", "1月至报告期末累计", 0),
]

ENV_ITEMS = {
    "sewage_treatment": "工业污水集中处理",
    "compliant_discharge": "达标排放",
    "online_monitoring": "在线监测",
    "circular_transformation": "实施循环化改造",
}


def _with_tax_per_mu(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for suffix in ("", "_ly"):
        frame[f"tax_per_mu{suffix}"] = [
            m.tax_per_mu(t, land) for t, land in
            zip(frame[f"tax_ytd{suffix}"], frame[f"industrial_land_mu{suffix}"], strict=True)]
    return frame


def park_values(data: Data, period: str) -> pd.DataFrame:
    """Every park (144) with each indicator at `period` and a year earlier (`_ly`)."""
    table = by_park(data["park_indicators"], data["parks"], Scope(period), SUMMED)
    return _with_tax_per_mu(table)


def city_values(data: Data, period: str) -> pd.DataFrame:
    """Every city (14) with each indicator summed over its parks, now and a year earlier."""
    table = by_city(data["park_indicators"], data["parks"], data["cities"], period, SUMMED)
    counts = data["parks"].groupby("city_code").size().rename("parks")
    return _with_tax_per_mu(table).merge(counts, left_on="city_code", right_index=True, how="left")


def _rank_of(values: pd.DataFrame, key: str, id_col: str, the_id: str) -> tuple[float, int]:
    ranks = m.rank_desc(values[key])
    hit = ranks[values[id_col] == the_id]
    rank = float(hit.iloc[0]) if len(hit) and pd.notna(hit.iloc[0]) else math.nan
    return rank, int(values[key].notna().sum())


def indicator_table(values: pd.DataFrame, id_col: str, the_id: str,
                    group_col: str | None = None) -> pd.DataFrame:
    """One row per indicator for one park or city: value, last year, YoY, rank overall and in group.

    `values` is `park_values` (ranked among 144 parks and, with group_col='city_code', within the
    park's city) or `city_values` (ranked among 14 cities).
    """
    row = values[values[id_col] == the_id].iloc[0]
    group = values[values[group_col] == row[group_col]] if group_col else None
    out = []
    for ind in INDICATORS:
        rank, n = _rank_of(values, ind.key, id_col, the_id)
        record = {"key": ind.key, "indicator": ind.label, "unit": ind.unit, "basis": ind.basis,
                  "value": row[ind.key], "last_year": row[f"{ind.key}_ly"],
                  "yoy": m.yoy_growth(row[ind.key], row[f"{ind.key}_ly"]),
                  "rank": rank, "rank_of": n}
        if group is not None:
            record["rank_group"], record["rank_group_of"] = _rank_of(group, ind.key, id_col,
                                                                     the_id)
        out.append(record)
    return pd.DataFrame(out)


def park_identity(data: Data, park_id: str) -> dict[str, object]:
    """Name, level, type, city, county, approved area, leading industries and clusters of a park."""
    park = data["parks"].set_index("park_id").loc[park_id]
    cities = data["cities"].set_index("city_code")["city_name"]
    counties = data["counties"].set_index("county_code")["county_name"]
    clusters = data["clusters"].drop_duplicates("cluster_id").set_index("cluster_id")
    raw_ids = park["cluster_ids"] if pd.notna(park["cluster_ids"]) else ""
    cluster_ids = [c for c in str(raw_ids).split(";") if c in clusters.index]
    return {
        "park_id": park_id, "name": park["park_name"], "level": park["level"],
        "type": park["park_type"], "city_code": park["city_code"],
        "city": cities.get(park["city_code"], park["city_code"]),
        "county": counties.get(park["county_code"], park["county_code"]),
        "area_km2": float(park["approved_area_km2"]),
        "industries": park["leading_industries"],
        "clusters": "、".join(clusters.loc[cluster_ids, "cluster_name"]) if cluster_ids else "",
        "name_official": park["name_provenance"] == "official",
    }


def city_identity(data: Data, city_code: str) -> dict[str, object]:
    """A city's name, its parks by level and their total approved area."""
    parks = data["parks"][data["parks"]["city_code"] == city_code]
    name = data["cities"].set_index("city_code").loc[city_code, "city_name"]
    return {"city_code": city_code, "name": name, "parks": len(parks),
            "national": int((parks["level"] == "国家级").sum()),
            "provincial": int((parks["level"] == "省级").sum()),
            "area_km2": float(parks["approved_area_km2"].sum())}


def park_ranking(data: Data, scope: Scope) -> pd.DataFrame:
    """The parks of the scope's city ranked by 技工贸总收入, with YoY, 亩均税收, province rank."""
    values = park_values(data, scope.period)
    values["rank_province"] = m.rank_desc(values["revenue_ytd"])
    mine = values[values["city_code"] == scope.city].copy()
    mine["rank_city"] = m.rank_desc(mine["revenue_ytd"])
    mine["yoy"] = [m.yoy_growth(a, b) for a, b in
                   zip(mine["revenue_ytd"], mine["revenue_ytd_ly"], strict=True)]
    return mine.sort_values(["rank_city", "park_id"]).reset_index(drop=True)


def city_ranking(data: Data, period: str) -> pd.DataFrame:
    """The 14 cities ranked by 技工贸总收入, with YoY, 亩均税收 and number of parks."""
    values = city_values(data, period)
    values["rank"] = m.rank_desc(values["revenue_ytd"])
    values["yoy"] = [m.yoy_growth(a, b) for a, b in
                     zip(values["revenue_ytd"], values["revenue_ytd_ly"], strict=True)]
    return values.sort_values(["rank", "city_code"]).reset_index(drop=True)


def clusters_in_scope(data: Data, scope: Scope) -> pd.DataFrame:
    """Each cluster present in the scope's parks: output YTD now and a year earlier, firms."""
    facts = data["cluster_output"]
    now = scope_facts(facts, data["parks"], scope)
    last = scope_facts(facts, data["parks"], scope, same_period_last_year(scope.period))
    out = now.groupby("cluster_id").agg(output_ytd=("output_ytd", "sum"),
                                        enterprises=("enterprises", "sum"),
                                        parks=("park_id", "nunique"))
    out = out.join(last.groupby("cluster_id")["output_ytd"].sum().rename("output_ly"))
    names = data["clusters"].drop_duplicates("cluster_id").set_index("cluster_id")
    out = out.join(names[["cluster_name", "tier"]]).reset_index()
    out["yoy"] = [m.yoy_growth(a, b) for a, b in
                  zip(out["output_ytd"], out["output_ly"], strict=True)]
    return out.sort_values("output_ytd", ascending=False).reset_index(drop=True)


def specialty_in_scope(data: Data, scope: Scope) -> pd.DataFrame:
    """Specialty parks hosted in the scope: host park, approval date, output YTD, YoY, 百亿级."""
    now = specialty_output_in_scope(data, scope)
    last = specialty_output_in_scope(data, scope, same_period_last_year(scope.period))
    last = last[["specialty_id", "output_ytd"]].rename(columns={"output_ytd": "output_ly"})
    out = now.merge(last, on="specialty_id", how="left")
    out = out.merge(data["parks"][["park_id", "park_name"]], on="park_id", how="left")
    out["yoy"] = [m.yoy_growth(a, b) for a, b in
                  zip(out["output_ytd"], out["output_ly"], strict=True)]
    out["over_100"] = out["output_ytd"] >= 100
    return out.sort_values("output_ytd", ascending=False).reset_index(drop=True)


def env_checklist(data: Data, scope: Scope) -> pd.DataFrame:
    """Per environmental item: parks in scope that have it at the period end, of how many."""
    rows = scope_facts(data["env_status"], data["parks"], scope)
    out = [{"item": label, "done": int(rows[col].sum()), "parks": len(rows),
            "share": float(rows[col].mean()) if len(rows) else math.nan}
           for col, label in ENV_ITEMS.items()]
    green = rows["green_park_status"] == "已创建"
    out.append({"item": "已创建绿色园区", "done": int(green.sum()), "parks": len(rows),
                "share": float(green.mean()) if len(rows) else math.nan})
    return pd.DataFrame(out)


def env_park_status(data: Data, park_id: str, period: str) -> dict[str, object]:
    """A park's environmental status row at the period end (empty when not reported)."""
    rows = data["env_status"]
    hit = rows[(rows["park_id"] == park_id) & (rows["period"] == period)]
    return hit.iloc[0].to_dict() if len(hit) else {}


def env_problems_in_scope(data: Data, scope: Scope) -> pd.DataFrame:
    """Problems found by the period end in the scope's parks, each with its status then
    (`environment.problem_status`, the one rule), overdue first."""
    from hnparks.views.environment import IN_PROGRESS, OVERDUE, RECTIFIED, scope_problems

    end = pd.Timestamp(period_end(scope.period))
    rows = scope_problems(data, scope)
    rows["rectified_date"] = rows["rectified_date"].where(rows["rectified_date"] <= end)
    order = {OVERDUE: 0, IN_PROGRESS: 1, RECTIFIED: 2}
    return rows.sort_values(["status", "deadline"], key=lambda s: s.map(order)
                            if s.name == "status" else s).reset_index(drop=True)


def park_assessments(data: Data, park_id: str, period: str) -> pd.DataFrame:
    """A park's twelve assessment items with their state and dates at the period end."""
    end = pd.Timestamp(period_end(period))
    items = data["assessment_items"][data["assessment_items"]["year"] == year_of(period)]
    rows = of_plan_year(data["assessments"], period)
    rows = rows[rows["park_id"] == park_id].drop(columns="year")
    out = items[["item_id", "item_name", "deadline"]].merge(rows, on="item_id", how="left")
    out["applicable"] = out["applicable"].fillna(False).astype(bool)
    out["state"] = assessment_status(out, end.date())
    for col in ("start_date", "completion_date", "published_date"):
        out[col] = out[col].where(out[col] <= end)
    return out


def city_assessments(data: Data, scope: Scope) -> pd.DataFrame:
    """Per assessment item: parks in scope where it applies, completed by the period end, rate."""
    end = pd.Timestamp(period_end(scope.period))
    items = data["assessment_items"][data["assessment_items"]["year"] == year_of(scope.period)]
    rows = scope.park_rows(of_plan_year(data["assessments"], scope.period), data["parks"])
    rows = rows[rows["applicable"]]
    done = rows[rows["completion_date"] <= end].groupby("item_id").size().rename("completed")
    applicable = rows.groupby("item_id").size().rename("applicable")
    out = items[["item_id", "item_name", "deadline"]].set_index("item_id")
    out = out.join(applicable).join(done).fillna({"applicable": 0, "completed": 0}).reset_index()
    out["rate"] = [m.completion_rate(c, a) for c, a in
                   zip(out["completed"], out["applicable"], strict=True)]
    return out


def key_projects_in_scope(data: Data, scope: Scope) -> pd.DataFrame:
    """“五个100” projects in the scope's parks: status and investment completed at the period."""
    projects = scope.park_rows(of_plan_year(data["key_projects"], scope.period), data["parks"])
    progress = data["project_progress"]
    progress = progress[progress["period"] == scope.period]
    out = projects.merge(progress[["project_id", "status", "completed_investment_ytd"]],
                         on="project_id", how="left")
    out = out.merge(data["parks"][["park_id", "park_name"]], on="park_id", how="left")
    out["plan_rate"] = [m.completion_rate(c, p) for c, p in
                        zip(out["completed_investment_ytd"], out["plan_investment"],
                            strict=True)]
    return out.sort_values("total_investment", ascending=False).reset_index(drop=True)


def land_use_table(data: Data, scope: Scope) -> pd.DataFrame:
    """周转用地、低效用地、标准地 over the scope's parks: now, a year earlier and YoY."""
    facts, parks = data["land_use"], data["parks"]
    now = scope_facts(facts, parks, scope)
    last = scope_facts(facts, parks, scope, same_period_last_year(scope.period))
    out = []
    for ind in LAND_USE:
        value = float(now[ind.key].sum()) if len(now) else math.nan
        ly = float(last[ind.key].sum()) if len(last) else math.nan
        out.append({"indicator": ind.label, "unit": ind.unit, "basis": ind.basis,
                    "value": value, "last_year": ly, "yoy": m.yoy_growth(value, ly)})
    return pd.DataFrame(out)


def enterprises_in_scope(data: Data, scope: Scope) -> pd.DataFrame:
    """Leading firms located in the scope's parks, with their cluster."""
    rows = scope.park_rows(data["enterprises"], data["parks"])
    names = data["clusters"].drop_duplicates("cluster_id")[["cluster_id", "cluster_name"]]
    rows = rows.merge(names, on="cluster_id", how="left")
    return rows.merge(data["parks"][["park_id", "park_name"]], on="park_id", how="left")
