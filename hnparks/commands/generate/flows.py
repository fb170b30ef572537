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
