"""Read the human-edited reference sources in data/sources/ (CSV, UTF-8): cities and the national
parks roster. Each year's work points live in data/plans/ (hnparks.plans.registry)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hnparks.core.paths import sources_dir
from hnparks.core.tables import read_table


def read_source(name: str, root: Path | None = None) -> pd.DataFrame:
    """One source table by file stem, e.g. `read_source("cities")`."""
    return read_table(sources_dir(root) / f"{name}.csv")


def split_list(value: str | None, sep: str = "、") -> list[str]:
    """Split a '、'-joined list cell into its items (empty cell → [])."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [item.strip() for item in str(value).split(sep) if item.strip()]
