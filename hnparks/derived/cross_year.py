"""The same target across the years' work points (e.g. 技工贸总收入 from one plan to the next)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from hnparks.derived.indicator_store import store_of

Data = Mapping[str, pd.DataFrame]
COLUMNS = ["year", "indicator", "unit", "target", "actual", "as_of", "yoy"]


def target_across_years(data: Data, metric_key: str) -> pd.DataFrame:
    """全省口径，同一指标在各年度工作要点中的目标与实际：实际为该年最新已报月份的值（累计指标为
    1月至该月累计；12月即全年），同比为对上年同期的增减率；首个年度之前一年只有实际（上年全年）。
    Values in the store's unit (亿元 for 技工贸总收入); `unit` is the plan's as written."""
    targets = data["targets"]
    rows = targets[targets["metric_key"] == metric_key].sort_values("year")
    store = store_of(data)
    store = store[(store["metric_key"] == metric_key) & (store["level"] == "province")]
    out = []
    # The store's unit per plan unit (万亿元 → 亿元), from a year with reports: a year without
    # reports yet still shows its target.
    factors = {}
    for target in rows.itertuples():
        goal = store.loc[store["period"].str.startswith(f"{target.year:04d}-"), "target"].dropna()
        if len(goal) and target.value:
            factors.setdefault(target.unit, float(goal.iloc[-1]) / float(target.value))
    for target in rows.itertuples():
        year_rows = store[store["period"].str.startswith(f"{target.year:04d}-")]
        goal = year_rows["target"].dropna()
        if goal.empty and target.unit in factors:
            goal = pd.Series([float(target.value) * factors[target.unit]])
        reported = year_rows[year_rows["value"].notna()]
        latest = reported.sort_values("period").iloc[-1] if len(reported) else None
        if not out and latest is not None and latest["period"].endswith("-12"):
            out.append({"year": target.year - 1, "indicator": target.indicator,
                        "unit": target.unit, "target": None, "actual": latest["last_year"],
                        "as_of": f"{target.year - 1:04d}-12", "yoy": None})
        actual = None if latest is None else latest["value"]
        yoy = (None if latest is None or not latest["last_year"]
               else latest["value"] / latest["last_year"] - 1)
        out.append({"year": target.year, "indicator": target.indicator, "unit": target.unit,
                    "target": goal.iloc[-1] if len(goal) else None,
                    "actual": actual, "as_of": None if latest is None else latest["period"],
                    "yoy": yoy})
    return pd.DataFrame(out, columns=COLUMNS)
