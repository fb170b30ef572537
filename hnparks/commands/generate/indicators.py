"""Illustrative monthly park indicators (year-to-date), 2019-01..2020-12, calibrated near the targets."""

from __future__ import annotations

import numpy as np
import pandas as pd

from hnparks.commands.generate.flows import (
    SHOCK_2020,
    flow_growth,
    flow_series,
    industry_growth,
    stepped_land,
)
from hnparks.commands.generate.scale import generated_periods

# 2019 monthly shares of the year (Spring Festival low in Jan–Feb, year-end high).
MONTH_SHARE_2019 = np.array(
    [0.065, 0.060, 0.085, 0.080, 0.085, 0.090, 0.080, 0.080, 0.085, 0.085, 0.090, 0.115]
)
# 2020 against the same month of 2019 before growth: the Q1 epidemic dip and the recovery.
COVID_FACTOR_2020 = np.array(SHOCK_2020["output"])

# 2019 技工贸总收入 of the national-level parks (亿元, illustrative, chosen for plausibility).
NATIONAL_REVENUE_2019 = {
    # Twelve near or over 1000亿 in 2019 and 14 over it in 2020, as published (published_figures.csv).
    "长沙经济技术开发区": 2350, "长沙高新技术产业开发区": 2050, "株洲高新技术产业开发区": 1450,
    "浏阳经济技术开发区": 1250, "宁乡经济技术开发区": 1120, "湘潭经济技术开发区": 1060,
    "望城经济技术开发区": 1030, "岳阳经济技术开发区": 1045, "湘潭高新技术产业开发区": 1010,
    "常德经济技术开发区": 1025, "衡阳高新技术产业开发区": 1000, "郴州高新技术产业开发区": 1015,
    "益阳高新技术产业开发区": 900, "娄底经济技术开发区": 950, "常德高新技术产业开发区": 600,
    "怀化高新技术产业开发区": 430, "长沙黄花综合保税区": 320, "岳阳城陵矶综合保税区": 260,
    "湘潭综合保税区": 180, "衡阳综合保税区": 150, "郴州综合保税区": 140,
}
CITY_SCALE = {
    "430100": 1.6, "430200": 1.2, "430300": 1.1, "430400": 1.0, "430500": 0.75,
    "430600": 1.1, "430700": 1.0, "430800": 0.45, "430900": 0.9, "431000": 1.0,
    "431100": 0.75, "431200": 0.7, "431300": 0.9, "433100": 0.5,
}
# 2020 growth by city: most near 10%; Zhangjiajie, Xiangxi and Shaoyang clearly behind.
CITY_GROWTH = {
    "430100": 0.12, "430200": 0.11, "430300": 0.10, "430400": 0.09, "430500": 0.04,
    "430600": 0.10, "430700": 0.09, "430800": 0.00, "430900": 0.09, "431000": 0.10,
    "431100": 0.08, "431200": 0.06, "431300": 0.09, "433100": 0.02,
}
PROVINCE_REVENUE_2019 = 47_800.0  # 亿元
PROVINCE_REVENUE_2020 = 51_850.0  # 亿元: near, not at, the 5.3万亿 target
PROVINCE_TAX_PER_MU_2020 = 12.4  # 万元/亩: near, not at, the 13 万元/亩 target
# 亿元: near the published 上交税金 (data/sources/published_figures.csv), which sets the land
# stock through 亩均税收 above.
PROVINCE_TAX_2020 = 1_712.0
PROVINCIAL_CAP_2019 = 900.0  # 亿元: the largest provincial park's 2019 revenue
TAX_GROWTH_BELOW_REVENUE = 0.02  # 2020 was a tax-cut year: tax grew a little less than revenue
LAND_SHARE_OF_AREA = (0.28, 0.58)  # industrial land's share of a park's approved area
MU_PER_KM2 = 1500.0


def annual_revenue_2019(parks: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Each park's 2019 revenue (亿元): national presets, provincial lognormal by city scale."""
    provincial = parks["level"] != "国家级"
    base = rng.lognormal(mean=np.log(200), sigma=0.55, size=len(parks))
    base *= parks["city_code"].map(CITY_SCALE).to_numpy()
    base = np.minimum(base, 960)
    national = parks["park_name"].map(NATIONAL_REVENUE_2019).astype(float).to_numpy()
    revenue = np.where(provincial, base, national)
    remaining = PROVINCE_REVENUE_2019 - revenue[~provincial].sum()
    # Scale the provincial parks to the provincial total, keeping every one below the cap (a
    # county-level provincial park does not outgrow the national ones).
    for _ in range(20):
        revenue[provincial] *= remaining / revenue[provincial].sum()
        revenue[provincial] = np.minimum(revenue[provincial], PROVINCIAL_CAP_2019)
    return revenue


def monthly_series(annual_2019: np.ndarray, growth: np.ndarray, rng: np.random.Generator,
                   noise: float = 0.03) -> np.ndarray:
    """Monthly (not cumulative) values, shape (parks, 24): 2019 then 2020."""
    n = len(annual_2019)
    y2019 = annual_2019[:, None] * MONTH_SHARE_2019[None, :]
    y2019 = y2019 * rng.normal(1, noise, (n, 12))
    y2020 = y2019 * (1 + growth[:, None]) * COVID_FACTOR_2020[None, :]
    y2020 = y2020 * rng.normal(1, noise, (n, 12))
    return np.clip(np.concatenate([y2019, y2020], axis=1), 0, None)


def to_ytd(monthly: np.ndarray) -> np.ndarray:
    """Cumulate months within each year (columns 0–11 are 2019, 12–23 are 2020)."""
    return np.concatenate([monthly[:, :12].cumsum(axis=1), monthly[:, 12:].cumsum(axis=1)], axis=1)


def build_park_indicators(parks: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Park × month: 技工贸总收入, 税收, 工业总产值, 固定资产投资, 出口额 (YTD) and stocks.
    Every flow grows at its own rate around the park's city and industry means
    (hnparks.commands.generate.flows), with the 2020 stoppage; totals land near the published
    2020 figures (data/sources/published_figures.csv)."""
    n = len(parks)
    national = (parks["level"] == "国家级").to_numpy()
    bonded = (parks["park_type"] == "综合保税区").to_numpy()
    revenue_2019 = annual_revenue_2019(parks, rng)
    growth = (parks["city_code"].map(CITY_GROWTH).to_numpy()
              + industry_growth(parks["cluster_ids"]) + rng.normal(0, 0.035, n))
    revenue = monthly_series(revenue_2019, growth, rng)
    revenue[:, 12:] *= PROVINCE_REVENUE_2020 / revenue[:, 12:].sum()
    base = revenue[:, 12:].sum(axis=1) / revenue[:, :12].sum(axis=1) - 1

    def flow(name: str, ratio: np.ndarray) -> np.ndarray:
        monthly_2019 = revenue[:, :12] * ratio[:, None] * rng.normal(1, 0.03, (n, 12))
        return flow_series(monthly_2019, flow_growth(base, name, rng), name, rng)

    # Large and national parks use land more intensively and pay more tax per 亿元, so they
    # lead 亩均税收 more often than small county parks.
    size = (revenue_2019 / np.median(revenue_2019)) ** 0.2
    tax = flow("tax", np.where(national, 0.036, 0.030) * size * rng.lognormal(0, 0.12, n))
    tax[:, 12:] *= PROVINCE_TAX_2020 / tax[:, 12:].sum()
    revenue_growth = revenue[:, 12:].sum() / revenue[:, :12].sum()
    tax[:, :12] *= tax[:, 12:].sum() / tax[:, :12].sum() / (revenue_growth - TAX_GROWTH_BELOW_REVENUE)
    revenue_per_mu = np.where(national, 380.0, 330.0) * size * rng.lognormal(0, 0.15, n)  # 万元/亩
    land = stepped_land(revenue_2019 * 1e4 / revenue_per_mu, 24, rng)
    land *= PROVINCE_TAX_2020 * 1e4 / PROVINCE_TAX_PER_MU_2020 / land[:, 23].sum()

    output = flow("output", 0.72 * rng.lognormal(0, 0.08, n))
    investment = flow("investment", 0.12 * rng.lognormal(0, 0.3, n))
    export_share = np.where(bonded, 0.45, 0.05) * rng.lognormal(0, 0.4, n)
    exports = flow("exports", np.minimum(export_share, 0.8))
    firms_start = np.maximum(revenue_2019 / (3.0 * rng.lognormal(0, 0.2, n)), 5)
    firms = firms_start[:, None] * (1.004 ** np.arange(24))[None, :]
    hightech_share = np.where(parks["park_type"].str.contains("高新"), 0.42, 0.26)
    hightech = firms * (hightech_share * rng.uniform(0.8, 1.2, n))[:, None]

    periods = generated_periods()
    frame = pd.DataFrame({
        "park_id": np.repeat(parks["park_id"].to_numpy(), 24),
        "period": np.tile(periods, n),
        "revenue_ytd": to_ytd(revenue).ravel(),
        "tax_ytd": to_ytd(tax).ravel(),
        "output_ytd": to_ytd(output).ravel(),
        "investment_ytd": to_ytd(investment).ravel(),
        "export_ytd": to_ytd(exports).ravel(),
        "industrial_land_mu": land.ravel(),
        "above_scale_firms": np.round(firms).astype(int).ravel(),
        "hightech_firms": np.round(hightech).astype(int).ravel(),
    })
    money = ["revenue_ytd", "tax_ytd", "output_ytd", "investment_ytd", "export_ytd"]
    frame[money] = frame[money].round(2)
    frame["industrial_land_mu"] = frame["industrial_land_mu"].round(0)
    return frame


def fit_approved_area(parks: pd.DataFrame, indicators: pd.DataFrame,
                      rng: np.random.Generator) -> pd.DataFrame:
    """Illustrative approved areas large enough for the industrial land generated: industrial
    land ends at a park-specific share (`LAND_SHARE_OF_AREA`, a realistic spread) of the approved
    area where the roster's area is too small (km², 1 km² = 1500 亩)."""
    land = indicators.groupby("park_id")["industrial_land_mu"].max()
    share = rng.uniform(*LAND_SHARE_OF_AREA, len(parks))
    needed = parks["park_id"].map(land).to_numpy() / MU_PER_KM2 / share
    out = parks.copy()
    out["approved_area_km2"] = np.maximum(out["approved_area_km2"], np.ceil(needed * 100) / 100)
    return out
