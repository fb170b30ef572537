"""Structure in the illustrative flows (issue 26): each park's 2020 growth is drawn around its
city's and its industries' means, separately for every flow (revenue, output, tax, investment,
exports) with its own dispersion; the February–March 2020 stoppage and recovery differ by flow
and by park; industrial land grows in steps (a parcel handed over when a project completes),
not at a flat monthly rate."""

from __future__ import annotations

import numpy as np
import pandas as pd

# 2020 growth of each world-class / emerging cluster's parks against the province's usual pace
# (illustrative, guided by the public picture: construction machinery had a boom year, rail
# transit equipment a flat one).
INDUSTRY_GROWTH = {"C01": 0.08, "C02": -0.04, "C03": 0.02, "C04": 0.04, "C05": -0.01,
                   "C06": 0.03, "C07": 0.03, "C08": -0.02}

# Each flow's 2020 growth = the park's revenue growth + mean + N(0, dispersion).
FLOW_GROWTH = {"output": (-0.005, 0.04), "tax": (-0.02, 0.06), "investment": (-0.03, 0.12),
               "exports": (0.03, 0.15)}

# 2020 against the same month of 2019 (before the year's growth): the stoppage in
# February–March and the recovery, by kind of flow. Rescaled so the year's growth is the draw.
SHOCK_2020 = {
    "output": [0.90, 0.58, 0.86, 0.98, 1.02, 1.04, 1.05, 1.06, 1.07, 1.08, 1.09, 1.10],
    "tax": [0.88, 0.50, 0.78, 0.95, 1.02, 1.05, 1.06, 1.07, 1.08, 1.08, 1.09, 1.10],
    "investment": [0.75, 0.35, 0.80, 0.98, 1.05, 1.08, 1.08, 1.08, 1.08, 1.08, 1.08, 1.10],
    "exports": [0.88, 0.55, 0.80, 0.90, 0.95, 1.00, 1.05, 1.08, 1.10, 1.12, 1.12, 1.15],
}
LAND_GROWTH = (0.015, 0.06)  # a park's industrial land added in a year, share of its stock
LAND_STEPS = (1, 4)  # parcels handed over in a year (months with a step)


def industry_growth(cluster_ids: pd.Series) -> np.ndarray:
    """Each park's industry mean: the average of its clusters' `INDUSTRY_GROWTH` (0 without)."""
    def mean(ids: str) -> float:
        values = [INDUSTRY_GROWTH[c] for c in str(ids or "").split(";") if c in INDUSTRY_GROWTH]
        return float(np.mean(values)) if values else 0.0
    return np.array([mean(ids) for ids in cluster_ids])


def shock_profile(flow: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """(n, 12) 2020 month factors: the flow's stoppage, deeper or milder by park (depth 0.6–1.3)."""
    base = np.array(SHOCK_2020[flow])
    depth = rng.uniform(0.6, 1.3, n)[:, None]
    return 1 - depth * (1 - base[None, :])


def flow_series(monthly_2019: np.ndarray, growth: np.ndarray, flow: str,
                rng: np.random.Generator, noise: float = 0.03) -> np.ndarray:
    """Monthly (not cumulative) values, shape (parks, 24): the given 2019 months, then 2020 with
    the flow's shock, scaled so each park's 2020 total is its 2019 total × (1 + growth)."""
    shock = shock_profile(flow, len(monthly_2019), rng)
    shaped = monthly_2019 * shock * rng.normal(1, noise, monthly_2019.shape)
    scale = monthly_2019.sum(axis=1) * (1 + growth) / shaped.sum(axis=1)
    return np.clip(np.concatenate([monthly_2019, shaped * scale[:, None]], axis=1), 0, None)


def flow_growth(base: np.ndarray, flow: str, rng: np.random.Generator) -> np.ndarray:
    """A flow's 2020 growth per park, around the park's revenue growth `base`."""
    mean, spread = FLOW_GROWTH[flow]
    return np.maximum(base + mean + rng.normal(0, spread, len(base)), -0.6)


def stepped_land(start: np.ndarray, months: int, rng: np.random.Generator) -> np.ndarray:
    """(parks, months) industrial land: each year 1–4 parcels handed over in random months,
    together `LAND_GROWTH` of the stock; flat in between."""
    n = len(start)
    added = np.zeros((n, months))
    for year_start in range(0, months, 12):
        width = min(12, months - year_start)
        share = rng.uniform(*LAND_GROWTH, n) * width / 12
        steps = rng.integers(LAND_STEPS[0], LAND_STEPS[1] + 1, n)
        for i in range(n):
            at = rng.choice(width, size=min(steps[i], width), replace=False) + year_start
            added[i, at] = rng.dirichlet(np.ones(len(at))) * share[i]
    added[:, 0] = 0.0  # the first month is the stock
    return start[:, None] * np.cumprod(1 + added, axis=1)


COMPLETED = "竣工投产"


def completion_months(progress: pd.DataFrame) -> pd.DataFrame:
    """project_id → the first month each project reports 竣工投产 (`period`)."""
    done = progress[progress["status"] == COMPLETED]
    return done.sort_values("period").drop_duplicates("project_id")[["project_id", "period"]]


def tie_land_to_projects(indicators: pd.DataFrame, projects: pd.DataFrame,
                         progress: pd.DataFrame) -> pd.DataFrame:
    """Industrial land that grows when a park's projects complete: in every park with a key
    project first reporting 竣工投产 in a year, that year's added land (December against the
    previous December, unchanged) is handed over in the completion months, in proportion to
    the completing projects' total investment; other parks keep their parcels (projects outside
    “五个100”). Deterministic: no draw."""
    done = completion_months(progress).merge(projects[["project_id", "park_id",
                                                       "total_investment"]], on="project_id")
    done = done[done["period"].isin(set(indicators["period"]))]
    if done.empty:
        return indicators
    land = indicators.pivot(index="park_id", columns="period", values="industrial_land_mu")
    periods = list(land.columns)
    for (park_id, year), group in done.groupby(["park_id", done["period"].str[:4]]):
        months = [p for p in periods if p.startswith(f"{year}-")]
        before = f"{int(year) - 1:04d}-12"
        if before not in land.columns or park_id not in land.index:
            continue
        start, end = land.at[park_id, before], land.at[park_id, months[-1]]
        weight = group.groupby("period")["total_investment"].sum()
        steps = np.floor((end - start) * weight / weight.sum())
        steps.iloc[-1] += (end - start) - steps.sum()  # whole 亩, the year's total kept
        added = pd.Series(0.0, index=months)
        added[steps.index] = steps.to_numpy()
        land.loc[park_id, months] = start + added.cumsum().to_numpy()
    tied = land.stack().rename("industrial_land_mu").reset_index()
    out = indicators.drop(columns="industrial_land_mu").merge(tied, on=["park_id", "period"],
                                                              how="left")
    return out[list(indicators.columns)]
