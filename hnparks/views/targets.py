"""目标达成 (/targets): city/park attainment of every quantified target, gap attribution.
(The overview's alerts, briefing lines and map values: `hnparks.views.overview`.)

Functions take `data`, a mapping from dataset name to its DataFrame (as in `attainment`).
Revenue figures are 亿元; the 序时 gap of a scope is `target × 序时进度 − 1月至报告期末累计`.
"""

from __future__ import annotations

import math

import pandas as pd

from hnparks.core import metrics as m
from hnparks.core.periods import (
    december_of,
    month_of,
    previous_period,
    same_period_last_year,
    year_of,
)
from hnparks.core.scope import Scope
from hnparks.data.catalog import is_official
from hnparks.derived.aggregate import at_period
from hnparks.derived.attainment import (
    HUNDRED_YI,
    THOUSAND_YI,
    Data,
    specialty_output_in_scope,
)
from hnparks.derived.indicator_store import row_for, rows_for

REVENUE_KEY = "revenue_total"
CANDIDATE_FLOOR = 800.0  # 千亿园区候选：预计全年800–1000亿元
SPECIALTY_NEAR = 80.0  # 接近百亿级：预计全年80–100亿元


def _revenue_row(data: Data, year: int) -> pd.Series:
    targets = data["targets"]
    return targets[(targets["metric_key"] == REVENUE_KEY) & (targets["year"] == year)].iloc[0]


def province_revenue_target(data: Data, period: str) -> float:
    """全省技工贸总收入年度目标（亿元）= 目标台账中的万亿元 × 10000。"""
    return float(_revenue_row(data, year_of(period))["value"]) * 10_000


def _revenue_at(data: Data, period: str) -> pd.DataFrame:
    rows = at_period(data["park_indicators"], period)[["park_id", "revenue_ytd"]]
    return rows.set_index("park_id")["revenue_ytd"]


def _with_gap(out: pd.DataFrame, data: Data, period: str, level: str,
              id_col: str) -> pd.DataFrame:
    """Target, 序时进度 (the seasonal share due by now), completion, gap and light from the
    indicator store; YoY from the facts."""
    stored = rows_for(data, REVENUE_KEY, period, level)
    ids = out[id_col]
    for column, source in (("target", "target"), ("elapsed", "expected_share"),
                           ("completion", "completion"), ("expected", "expected"),
                           ("gap", "gap"), ("light", "status"), ("projection", "projection")):
        out[column] = ids.map(stored[source]).to_numpy() if len(stored) else math.nan
    out["light"] = out["light"].fillna("grey")
    out["yoy"] = out["revenue_ytd"] / out["revenue_ly"] - 1
    return out


def city_revenue(data: Data, period: str) -> pd.DataFrame:
    """各市州技工贸总收入（亿元）：累计、上年同期、分解目标、完成率、序时差距、预计全年。"""
    parks = data["parks"][["park_id", "city_code"]]
    ly_period = same_period_last_year(period)
    frame = parks.assign(
        revenue_ytd=parks["park_id"].map(_revenue_at(data, period)),
        revenue_ly=parks["park_id"].map(_revenue_at(data, ly_period)),
        revenue_ly_total=parks["park_id"].map(_revenue_at(data, december_of(ly_period))),
    )
    summed = frame.groupby("city_code")[["revenue_ytd", "revenue_ly", "revenue_ly_total"]].sum(
        min_count=1)
    out = data["cities"][["city_code", "city_name", "city_short"]].copy()
    out = out.join(summed, on="city_code")
    out = _with_gap(out, data, period, "city", "city_code")
    out["target_share"] = out["target"] / province_revenue_target(data, period)
    out["value_share"] = out["revenue_ytd"] / out["revenue_ytd"].sum()
    out["rank"] = m.rank_desc(out["revenue_ytd"])
    return out.reset_index(drop=True)


def _split_year(data: Data) -> int:
    """The plan year of the city split in view."""
    return int(data["city_target_allocation"]["year"].max())


def _base_year(data: Data) -> int:
    """The year whose revenue shares split the target: the year before the split's plan year."""
    return _split_year(data) - 1


def split_basis(data: Data) -> str:
    """How the province's 技工贸总收入 target came to the cities, for captions and slides:
    the office's official split once loaded, else the illustrative one (示意)."""
    if is_official(data, "city_target_allocation", _split_year(data)):
        return "市州分解目标为园区办导入的正式分解"
    return f"市州分解目标按{_base_year(data)}年各市州技工贸总收入占比推算（示意，待园区办导入正式分解）"


def park_target_basis(data: Data) -> str:
    """How a park's reference target is set: never official (the document splits nothing to
    parks), and 示意 while the city split itself is."""
    shown = "" if is_official(data, "city_target_allocation", _split_year(data)) else "，示意"
    return f"园区参考目标由所在市州分解目标按园区{_base_year(data)}年收入占比推算（非正式分解{shown}）"


def park_revenue(data: Data, scope: Scope) -> pd.DataFrame:
    """各园区技工贸总收入（亿元）与参考目标（所在市州分解目标按园区上年全年收入占比再分解，示意）。"""
    parks = data["parks"]
    ly_period = same_period_last_year(scope.period)
    out = parks[["park_id", "park_name", "city_code", "level"]].copy()
    out["revenue_ytd"] = out["park_id"].map(_revenue_at(data, scope.period))
    out["revenue_ly"] = out["park_id"].map(_revenue_at(data, ly_period))
    out["revenue_ly_total"] = out["park_id"].map(_revenue_at(data, december_of(ly_period)))
    out = _with_gap(out, data, scope.period, "park", "park_id")
    out["city_short"] = out["city_code"].map(
        data["cities"].set_index("city_code")["city_short"])
    out = scope.select_parks(out)
    out["share"] = out["revenue_ytd"] / out["revenue_ytd"].sum()
    out["rank"] = m.rank_desc(out["revenue_ytd"])
    return out.sort_values("revenue_ytd", ascending=False).reset_index(drop=True)


def revenue_trend(data: Data, scope: Scope) -> pd.DataFrame:
    """逐月累计技工贸总收入（亿元）：本年至报告期、上年全年，及按上年季节性分摊的目标路径。"""
    year = year_of(scope.period)
    facts = scope.park_rows(data["park_indicators"], data["parks"])
    monthly = facts.groupby("period")["revenue_ytd"].sum()
    if scope.level == "park":
        target = park_revenue(data, scope)["target"].sum()
    elif scope.level == "city":
        cities = city_revenue(data, scope.period).set_index("city_code")
        target = float(cities.loc[scope.city, "target"])
    else:
        target = province_revenue_target(data, scope.period)
    ly_total = monthly.get(f"{year - 1}-12", math.nan)
    rows = []
    for month in range(1, 13):
        now, last = f"{year}-{month:02d}", f"{year - 1}-{month:02d}"
        ly = monthly.get(last, math.nan)
        rows.append({
            "month": month,
            "this_year": (monthly.get(now, math.nan) if month <= month_of(scope.period)
                          else math.nan),
            "last_year": ly,
            "target_path": target * ly / ly_total if ly_total else math.nan,
        })
    return pd.DataFrame(rows)


def _gap_units(data: Data, scope: Scope, period: str) -> pd.DataFrame:
    """Cities (province scope) or the city's parks (city/park scope) with key, name and gap."""
    if scope.city is None:
        rows = city_revenue(data, period)
        return pd.DataFrame({"key": rows["city_code"], "name": rows["city_short"],
                             "gap": rows["gap"]})
    rows = park_revenue(data, Scope(period, scope.city))
    return pd.DataFrame({"key": rows["park_id"], "name": rows["park_name"], "gap": rows["gap"]})


def gap_attribution(data: Data, scope: Scope, top: int = 12) -> tuple[pd.DataFrame, float]:
    """各单元对序时差距的贡献（亿元）= 目标 × 序时进度 − 累计；全省按市州，市州按园区（参考目标）。

    Returns the rows (largest first; small parks folded into 其他园区; at province level a
    last row for the allocation's rounding) and the total gap they add up to.
    """
    rows = _gap_units(data, scope, scope.period).sort_values("gap", ascending=False)
    if scope.city is None:
        province = row_for(data, REVENUE_KEY, Scope(scope.period))
        total = math.nan if province is None else float(province["gap"])
        rest = total - rows["gap"].sum()
        rows = pd.concat([rows, pd.DataFrame([{"key": "", "name": "分解取整及季节差异",
                                                "gap": rest}])], ignore_index=True)
        return rows.reset_index(drop=True), float(total)
    total = float(rows["gap"].sum())
    if len(rows) > top:
        rest = rows.iloc[top:]
        rows = pd.concat([rows.iloc[:top], pd.DataFrame([{
            "key": "", "name": f"其他{len(rest)}家园区", "gap": rest["gap"].sum()}])],
            ignore_index=True)
    return rows.reset_index(drop=True), total


def gap_change(data: Data, scope: Scope) -> pd.DataFrame:
    """序时差距较上月的变化（亿元）：正数为差距扩大，负数为缩小；1月无上月可比。"""
    now = _gap_units(data, scope, scope.period).set_index("key")
    prev_period = previous_period(scope.period)
    if year_of(prev_period) != year_of(scope.period):
        now["gap_prev"] = math.nan
    else:
        now["gap_prev"] = _gap_units(data, scope, prev_period).set_index("key")["gap"]
    now["change"] = now["gap"] - now["gap_prev"]
    return now.reset_index().sort_values("change", ascending=False).reset_index(drop=True)


def thousand_yi_parks(data: Data, scope: Scope) -> pd.DataFrame:
    """千亿园区：累计已达1000亿元、预计全年达到（按上年季节性推算），及预计800–1000亿元的候选。"""
    parks = park_revenue(data, scope)
    parks = parks[(parks["revenue_ytd"] >= THOUSAND_YI) | (parks["projection"] >= CANDIDATE_FLOOR)]
    parks = parks.copy()
    parks["status"] = [
        "已达千亿" if ytd >= THOUSAND_YI else "预计达千亿" if proj >= THOUSAND_YI else "候选"
        for ytd, proj in zip(parks["revenue_ytd"], parks["projection"], strict=True)]
    parks["gap_to_1000"] = (THOUSAND_YI - parks["projection"]).clip(lower=0)
    return parks.sort_values("projection", ascending=False).reset_index(drop=True)


def tax_per_mu_parks(data: Data, scope: Scope) -> pd.DataFrame:
    """各园区亩均税收（万元/亩）：累计税收 ÷ 期末工业用地；全年预计按上年季节性推算。"""
    facts = data["park_indicators"]
    ly_period = same_period_last_year(scope.period)

    def per_mu(period: str) -> pd.Series:
        rows = at_period(facts, period).set_index("park_id")
        return rows["tax_ytd"] * 10_000 / rows["industrial_land_mu"].where(
            rows["industrial_land_mu"] > 0)

    out = scope.select_parks(data["parks"])[["park_id", "park_name", "city_code"]].copy()
    out = out.merge(data["cities"][["city_code", "city_short"]], on="city_code", how="left")
    out["tax_per_mu"] = out["park_id"].map(per_mu(scope.period))
    ly, ly_total = per_mu(ly_period), per_mu(december_of(ly_period))
    out["projection"] = [m.project_year_end(v, ly.get(p), ly_total.get(p))
                         for p, v in zip(out["park_id"], out["tax_per_mu"], strict=True)]
    return out.sort_values("projection", ascending=False).reset_index(drop=True)


def tax_per_mu_cities(data: Data, period: str) -> pd.DataFrame:
    """各市州亩均税收（万元/亩）= 园区累计税收之和 × 10000 ÷ 期末工业用地之和；全年按季节性预计。"""
    def per_mu(month: str) -> pd.Series:
        rows = at_period(data["park_indicators"], month).merge(
            data["parks"][["park_id", "city_code"]], on="park_id")
        summed = rows.groupby("city_code")[["tax_ytd", "industrial_land_mu"]].sum()
        return pd.Series([m.tax_per_mu(t, land) for t, land in
                          zip(summed["tax_ytd"], summed["industrial_land_mu"], strict=True)],
                         index=summed.index, dtype=float)

    ly_period = same_period_last_year(period)
    now, ly, ly_total = per_mu(period), per_mu(ly_period), per_mu(december_of(ly_period))
    out = data["cities"][["city_code", "city_name", "city_short"]].copy()
    out["tax_per_mu"] = out["city_code"].map(now)
    out["projection"] = [m.project_year_end(now.get(c), ly.get(c), ly_total.get(c))
                         for c in out["city_code"]]
    return out.sort_values("tax_per_mu", ascending=False).reset_index(drop=True)


def specialty_parks(data: Data, scope: Scope) -> pd.DataFrame:
    """特色产业园主导产业产值（亿元）：累计、预计全年（按上年季节性），是否已达/预计达百亿级。"""
    now = specialty_output_in_scope(data, scope)
    ly_period = same_period_last_year(scope.period)
    ly = specialty_output_in_scope(data, scope, ly_period).set_index("specialty_id")["output_ytd"]
    ly_total = specialty_output_in_scope(data, scope, december_of(ly_period)).set_index(
        "specialty_id")["output_ytd"]
    out = now.merge(data["parks"][["park_id", "park_name", "city_code"]], on="park_id", how="left")
    out = out.merge(data["cities"][["city_code", "city_short"]], on="city_code", how="left")
    out["projection"] = [m.project_year_end(v, ly.get(s), ly_total.get(s))
                         for s, v in zip(out["specialty_id"], out["output_ytd"], strict=True)]
    out["status"] = [
        "已达百亿" if v >= HUNDRED_YI else "预计达百亿" if p >= HUNDRED_YI
        else "接近百亿" if p >= SPECIALTY_NEAR else ""
        for v, p in zip(out["output_ytd"], out["projection"], strict=True)]
    return out.sort_values("projection", ascending=False).reset_index(drop=True)
