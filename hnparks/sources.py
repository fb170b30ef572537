"""Read the human-edited reference sources in data/sources/ (CSV, UTF-8): cities and the national
parks roster. Each year's work points live in data/plans/ (hnparks.plans)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hnparks.paths import sources_dir

# Columns kept as text even when they look numeric (codes must keep their digits).
_TEXT_COLUMNS = {"city_code", "county_code", "city_codes", "center_cities", "task_no_text"}


def read_source(name: str, root: Path | None = None) -> pd.DataFrame:
    """One source table by file stem, e.g. `read_source("cities")`."""
    path = sources_dir(root) / f"{name}.csv"
    frame = pd.read_csv(path, dtype={c: str for c in _TEXT_COLUMNS}, keep_default_na=False)
    return frame.replace({"": None}) if len(frame) else frame


def split_list(value: str | None, sep: str = "、") -> list[str]:
    """Split a '、'-joined list cell into its items (empty cell → [])."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [item.strip() for item in str(value).split(sep) if item.strip()]
