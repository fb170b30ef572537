"""亩均效益 evaluation (三(五)1): the metrics with their 口径, scores, tiers, movers and lists."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from hnparks.core.periods import same_period_last_year

Data = Mapping[str, pd.DataFrame]
TIERS = ["A类", "B类", "C类"]
TIER_NAMES = {"A类": "A类（先进）", "B类": "B类（中等）", "C类": "C类（待提升）"}
TIER_SHARE = 0.2  # the top and bottom fifth of the parks evaluated
# Illustrative weights: the document asks for an evaluation system but sets no weights.
WEIGHTS = {"tax_per_mu": 0.4, "revenue_per_mu": 0.2, "revenue_per_energy": 0.2,
           "rd_intensity": 0.2}
METRIC_NAMES = {"tax_per_mu": "亩均税收", "revenue_per_mu": "亩均营收",
                "revenue_per_energy": "单位能耗营收", "rd_intensity": "研发投入强度"}
METRIC_UNITS = {"tax_per_mu": "万元/亩", "revenue_per_mu": "万元/亩",
                "revenue_per_energy": "万元/吨标准煤", "rd_intensity": "%"}
SUMS = ["tax_ytd", "revenue_ytd", "industrial_land_mu", "energy_tce_ytd", "rd_expense_ytd"]


def ratio(part: object, whole: object, factor: float = 1.0) -> object:
    """part × factor ÷ whole, NaN where the base is zero or missing (scalars or Series)."""
    if isinstance(whole, pd.Series):
        return part * factor / whole.where(whole > 0)
    return math.nan if not whole or pd.isna(whole) or whole <= 0 else part * factor / whole


def tax_per_mu(tax_yi: object, land_mu: object) -> object:
    """亩均税收(万元/亩) = 税收(亿元，当年累计) × 10000 ÷ 工业用地面积(亩，期末)；无工业用地不计算。"""
    return ratio(tax_yi, land_mu, 10_000)


def revenue_per_mu(revenue_yi: object, land_mu: object) -> object:
    """亩均营收(万元/亩) = 技工贸总收入(亿元，当年累计) × 10000 ÷ 工业用地面积(亩，期末)。"""
    return ratio(revenue_yi, land_mu, 10_000)


def revenue_per_energy(revenue_yi: object, energy_tce: object) -> object:
    """单位能耗营收(万元/吨标准煤) = 技工贸总收入(亿元) ÷ 综合能源消费量(万吨标准煤)，均为当年累计。"""
    return ratio(revenue_yi, energy_tce)


def rd_intensity(rd_yi: object, revenue_yi: object) -> object:
    """研发投入强度(%) = 研发经费支出(亿元) ÷ 技工贸总收入(亿元) × 100，均为当年累计。"""
    return ratio(rd_yi, revenue_yi, 100)


def composite_score(metrics: pd.DataFrame) -> pd.Series:
    """综合得分(0–100)=四项指标在全省园区中的百分位加权：亩均税收40%，亩均营收、单位能耗营收、研发投入强度各20%。

    The weights are illustrative (the document sets none); a park missing a metric is not
    evaluated."""
    pct = pd.DataFrame({k: metrics[k].rank(pct=True) * 100 for k in WEIGHTS})
    score = sum(pct[k] * w for k, w in WEIGHTS.items())
    return score.where(pct.notna().all(axis=1)).round(1)


def tier(rank: pd.Series, evaluated: int) -> pd.Series:
    """分档：综合得分居全省参评园区前20%（向上取整）为A类（先进），后20%为C类（待提升），其余为B类。"""
    cut = math.ceil(evaluated * TIER_SHARE)
    out = pd.Series(np.where(rank <= cut, "A类", np.where(rank > evaluated - cut, "C类", "B类")),
                    index=rank.index)
    return out.where(rank.notna())


def _evaluate(facts: pd.DataFrame) -> pd.DataFrame:
    out = facts.copy()
    out["tax_per_mu"] = tax_per_mu(out["tax_ytd"], out["industrial_land_mu"])
    out["revenue_per_mu"] = revenue_per_mu(out["revenue_ytd"], out["industrial_land_mu"])
    out["revenue_per_energy"] = revenue_per_energy(out["revenue_ytd"], out["energy_tce_ytd"])
    out["rd_intensity"] = rd_intensity(out["rd_expense_ytd"], out["revenue_ytd"])
    out["score"] = composite_score(out)
    out["rank"] = out["score"].rank(ascending=False, method="min")
    out["tier"] = tier(out["rank"], int(out["score"].notna().sum()))
    return out


def _facts(data: Data, period: str) -> pd.DataFrame:
    ind = data["park_indicators"]
    inputs = data["efficiency_inputs"]
    rows = ind.loc[ind["period"] == period, ["park_id", "tax_ytd", "revenue_ytd",
                                             "industrial_land_mu"]]
    extra = inputs.loc[inputs["period"] == period, ["park_id", "energy_tce_ytd",
                                                    "rd_expense_ytd"]]
    return rows.merge(extra, on="park_id", how="left")


def evaluation(data: Data, period: str) -> pd.DataFrame:
    """Every park evaluated at `period` against every other (the province-wide ranking), with
    the same evaluation a year earlier: columns of `_evaluate` plus `*_ly`, `rank_change`
    (positive = moved up) and `move` ('升档', '降档', '持平' or '')."""
    parks = data["parks"][["park_id", "park_name", "city_code", "level"]]
    now = _evaluate(_facts(data, period))
    last = _evaluate(_facts(data, same_period_last_year(period)))
    keep = ["park_id", *WEIGHTS, "score", "rank", "tier"]
    out = parks.merge(now, on="park_id", how="left").merge(
        last[keep].rename(columns={c: f"{c}_ly" for c in keep if c != "park_id"}),
        on="park_id", how="left")
    out["rank_change"] = out["rank_ly"] - out["rank"]
    order = {t: i for i, t in enumerate(TIERS)}
    step = out["tier_ly"].map(order) - out["tier"].map(order)
    out["move"] = np.select([step > 0, step < 0, step == 0], ["升档", "降档", "持平"], "")
    return out.sort_values(["rank", "park_id"], na_position="last").reset_index(drop=True)


def scope_summary(table: pd.DataFrame) -> dict[str, float]:
    """The four metrics over a set of parks (sums first, then the ratio) and its tier counts."""
    sums = table[SUMS].sum(min_count=1)
    out = {
        "tax_per_mu": tax_per_mu(sums["tax_ytd"], sums["industrial_land_mu"]),
        "revenue_per_mu": revenue_per_mu(sums["revenue_ytd"], sums["industrial_land_mu"]),
        "revenue_per_energy": revenue_per_energy(sums["revenue_ytd"], sums["energy_tce_ytd"]),
        "rd_intensity": rd_intensity(sums["rd_expense_ytd"], sums["revenue_ytd"]),
        "parks": float(len(table)), "evaluated": float(table["score"].notna().sum()),
    }
    for t in TIERS:
        out[t] = float((table["tier"] == t).sum())
    return out


def tier_distribution(table: pd.DataFrame, cities: pd.DataFrame) -> pd.DataFrame:
    """Per city (all 14, document order): parks in each tier, parks evaluated, A类 share (%)."""
    counts = pd.crosstab(table["city_code"], table["tier"]).reindex(columns=TIERS, fill_value=0)
    out = cities[["city_code", "city_name"]].set_index("city_code").join(counts).fillna(0)
    out[TIERS] = out[TIERS].astype(int)
    out["evaluated"] = out[TIERS].sum(axis=1)
    out["a_share"] = (out["A类"] / out["evaluated"].where(out["evaluated"] > 0) * 100).round(1)
    return out.reset_index()


def movers(table: pd.DataFrame, direction: str, n: int = 10) -> pd.DataFrame:
    """Parks that changed tier since the same month last year ('升档' or '降档'), the biggest
    rank change first."""
    rows = table[table["move"] == direction]
    ascending = direction == "降档"
    return rows.sort_values(["rank_change", "rank"], ascending=[ascending, True]).head(n)


def tier_list(table: pd.DataFrame, tier_name: str) -> pd.DataFrame:
    """The parks of one tier by rank (A类 = 先进园区名单, C类 = the parks to improve)."""
    return table[table["tier"] == tier_name].sort_values("rank")
