"""Scale is a parameter: how many parks and months to generate, and what follows from it.

The defaults (144 parks, 24 months = 2019-01..2020-12) reproduce the committed data exactly;
anything else is a synthetic data set for benchmarking (e.g. 3,000 parks × 120 months).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hnparks.core.periods import month_of, period_range, year_of

DEFAULT_PARKS = 144
DEFAULT_MONTHS = 24  # 2019-01..2020-12: the plan year and the year before
# The generator's months (seed settings): the plan year (hnparks.commands.generate.PLAN_YEAR) and the year before.
FIRST_PERIOD = "2019-01"
LAST_PERIOD = "2020-12"
HISTORY_GROWTH = 0.08  # illustrative yearly growth used to extend the series backwards


def scaled_count(count: int, n_parks: int) -> int:
    """A count tuned for 144 parks, scaled to `n_parks` (unchanged at the default)."""
    if n_parks == DEFAULT_PARKS:
        return count
    return max(1, round(count * n_parks / DEFAULT_PARKS))


def id_width(count: int, minimum: int) -> int:
    """Digits of a zero-padded id for `count` items: at least `minimum`, more when needed."""
    return max(minimum, len(str(count)))


def first_period(months: int, last: str = LAST_PERIOD) -> str:
    """The first month when `months` months are counted back to the plan year's December."""
    if months < 1:
        raise ValueError("months must be at least 1")
    year, month = year_of(last), month_of(last)
    index = year * 12 + (month - 1) - (months - 1)
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def backfill_history(frame: pd.DataFrame, months: int, rng: np.random.Generator) -> pd.DataFrame:
    """Extend a park-month (or entity-month) frame whose earliest year is 2019 back to `months`
    months before the plan year's end, by deflating 2019 (one factor per entity and year, so
    year-to-date columns stay monotonic within each year); then cut to exactly `months`."""
    first = first_period(months)
    base_year = year_of(frame["period"].min())
    if first >= frame["period"].min():
        return frame[frame["period"] >= first].reset_index(drop=True)
    numeric = [c for c in frame.columns if c != "period" and pd.api.types.is_numeric_dtype(frame[c])
               and not pd.api.types.is_bool_dtype(frame[c])]
    keys = [c for c in frame.columns if c not in numeric and c != "period"]
    template = frame[frame["period"].str.startswith(str(base_year))]
    entity = template.groupby(keys, sort=False).ngroup().to_numpy()
    parts = []
    for back in range(1, base_year - year_of(first) + 1):
        year = base_year - back
        factor = (1 + HISTORY_GROWTH) ** -back * rng.lognormal(0, 0.04, entity.max() + 1)
        part = template.copy()
        part["period"] = f"{year:04d}" + part["period"].str[4:]
        for col in numeric:
            values = part[col].to_numpy() * factor[entity]
            if pd.api.types.is_integer_dtype(frame[col]):
                part[col] = np.round(values).astype(frame[col].dtype)
            else:
                part[col] = np.round(values, 2)
        parts.append(part)
    out = pd.concat([*reversed(parts), frame], ignore_index=True)
    out = out[out["period"] >= first]
    return out.sort_values([*keys, "period"], kind="stable").reset_index(drop=True)


def periods_for(months: int) -> list[str]:
    """The months of a data set of `months` months ending in the plan year's December."""
    return period_range(first_period(months), LAST_PERIOD)


def generated_periods() -> list[str]:
    """The committed data's months (FIRST_PERIOD … LAST_PERIOD)."""
    return period_range(FIRST_PERIOD, LAST_PERIOD)
