"""Sums of park-month facts over a scope, by city or by park, with last year's figure beside them."""

from __future__ import annotations

import pandas as pd

from hnparks.core.periods import same_period_last_year
from hnparks.core.scope import Scope


def at_period(facts: pd.DataFrame, period: str) -> pd.DataFrame:
    """Rows of a park × month fact table for one month."""
    return facts[facts["period"] == period]


def scope_facts(facts: pd.DataFrame, parks: pd.DataFrame, scope: Scope,
                period: str | None = None) -> pd.DataFrame:
    """Rows for the parks in scope at `period` (default: the scope's period)."""
    return scope.park_rows(at_period(facts, period or scope.period), parks)


def scope_total(facts: pd.DataFrame, parks: pd.DataFrame, scope: Scope, column: str,
                period: str | None = None) -> float:
    """Sum of one column over the parks in scope at a month (NaN when no park reported)."""
    rows = scope_facts(facts, parks, scope, period)
    return float(rows[column].sum()) if len(rows) else float("nan")


def by_park(facts: pd.DataFrame, parks: pd.DataFrame, scope: Scope,
            columns: list[str]) -> pd.DataFrame:
    """One row per park in scope (name, city, level) with `columns` now and a year earlier.

    Columns of last year's same month are suffixed `_ly`.
    """
    now = scope_facts(facts, parks, scope)[["park_id", *columns]]
    last = scope_facts(facts, parks, scope, same_period_last_year(scope.period))
    last = last[["park_id", *columns]].rename(columns={c: f"{c}_ly" for c in columns})
    roster = scope.select_parks(parks)[["park_id", "park_name", "city_code", "level"]]
    return roster.merge(now, on="park_id", how="left").merge(last, on="park_id", how="left")


def by_city(facts: pd.DataFrame, parks: pd.DataFrame, cities: pd.DataFrame, period: str,
            columns: list[str]) -> pd.DataFrame:
    """One row per city (all 14) with `columns` summed at `period` and a year earlier (`_ly`)."""

    def summed(month: str) -> pd.DataFrame:
        rows = at_period(facts, month).merge(parks[["park_id", "city_code"]], on="park_id")
        return rows.groupby("city_code")[columns].sum(min_count=1)

    now = summed(period)
    last = summed(same_period_last_year(period)).add_suffix("_ly")
    out = cities[["city_code", "city_name", "city_short"]].set_index("city_code")
    return out.join(now).join(last).reset_index()
