"""Land (三(五)2–3): low-efficiency land found, redeveloped and outstanding, turnover land, and
标准地 supplied against each city's plan, with their 口径."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from hnparks.core.periods import january_of, previous_period, year_of
from hnparks.core.scope import Scope
from hnparks.views.efficiency import ratio

Data = Mapping[str, pd.DataFrame]


LAND_SUMS = ["inefficient_start_mu", "inefficient_redeveloped_mu_ytd", "inefficient_land_mu",
             "turnover_land_mu", "standard_land_parcels_ytd", "standard_land_mu_ytd"]


def disposal_rate(redeveloped: object, start_stock: object) -> object:
    """低效用地处置率(%) = 当年低效用地再开发面积(亩，累计) ÷ 年初低效用地存量(亩，上年12月末) × 100。"""
    return ratio(redeveloped, start_stock, 100)


def land_by_park(data: Data, period: str) -> pd.DataFrame:
    """Per park: 年初低效用地 (上年12月末), 本年再开发 (累计), 期末低效用地, 处置率, 周转用地,
    标准地出让宗数与面积 (累计)."""
    land = data["land_use"]
    now = land[land["period"] == period]
    start_period = previous_period(january_of(period))
    start = land.loc[land["period"] == start_period, ["park_id", "inefficient_land_mu"]]
    start = start.rename(columns={"inefficient_land_mu": "inefficient_start_mu"})
    parks = data["parks"][["park_id", "park_name", "city_code", "level"]]
    out = parks.merge(now.drop(columns="period"), on="park_id", how="left")
    out = out.merge(start, on="park_id", how="left")
    out["disposal_rate"] = disposal_rate(out["inefficient_redeveloped_mu_ytd"],
                                         out["inefficient_start_mu"])
    return out


def land_by_city(by_park: pd.DataFrame, cities: pd.DataFrame) -> pd.DataFrame:
    """Per city (all 14): the park figures summed, and the city's 处置率 from the sums."""
    sums = by_park.groupby("city_code")[LAND_SUMS].sum(min_count=1)
    out = cities[["city_code", "city_name"]].set_index("city_code").join(sums).reset_index()
    out["disposal_rate"] = disposal_rate(out["inefficient_redeveloped_mu_ytd"],
                                         out["inefficient_start_mu"])
    return out


def land_summary(by_park: pd.DataFrame) -> dict[str, float]:
    """The land figures over a set of parks, with the 处置率 from the sums."""
    sums = by_park[LAND_SUMS].sum(min_count=1)
    out = {k: float(v) for k, v in sums.items()}
    out["disposal_rate"] = disposal_rate(out["inefficient_redeveloped_mu_ytd"],
                                         out["inefficient_start_mu"])
    return out


def plan_completion(supplied_mu: object, plan_mu: object) -> object:
    """标准地供应计划完成率(%) = 1月至报告期末标准地出让面积(亩) ÷ 当年标准地供应计划(亩) × 100。"""
    return ratio(supplied_mu, plan_mu, 100)


def standard_land_by_city(data: Data, period: str) -> pd.DataFrame:
    """Per city (all 14): the year's 标准地 plan, parcels and area supplied so far, completion."""
    plan = data["standard_land_plan"]
    plan = plan[plan["year"] == year_of(period)].set_index("city_code")["plan_mu"]
    land = land_by_city(land_by_park(data, period), data["cities"]).set_index("city_code")
    out = land[["city_name", "standard_land_parcels_ytd", "standard_land_mu_ytd"]].copy()
    out["plan_mu"] = plan.reindex(out.index)
    out["completion"] = plan_completion(out["standard_land_mu_ytd"], out["plan_mu"])
    return out.reset_index()


def standard_land_summary(by_city: pd.DataFrame, scope: Scope) -> dict[str, float]:
    """The plan, supply and completion for the province or a city (a park: its city's plan)."""
    rows = by_city
    if scope.city or scope.park:
        city = scope.city
        if city is None:
            return {"plan_mu": math.nan, "standard_land_mu_ytd": math.nan, "completion": math.nan}
        rows = by_city[by_city["city_code"] == city]
    sums = rows[["plan_mu", "standard_land_mu_ytd", "standard_land_parcels_ytd"]].sum(min_count=1)
    return {"plan_mu": float(sums["plan_mu"]), "standard_land_mu_ytd": float(sums["standard_land_mu_ytd"]),
            "standard_land_parcels_ytd": float(sums["standard_land_parcels_ytd"]),
            "completion": plan_completion(sums["standard_land_mu_ytd"], sums["plan_mu"])}
