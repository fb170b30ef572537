"""Human-edited CSV tables (plan folders, data/sources/): UTF-8, code columns kept as text (codes
must keep their digits), empty cells as None."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

TEXT_COLUMNS = {"city_code", "county_code", "city_codes", "center_cities", "task_no_text",
                "home_city_codes", "period", "stat_code"}


def read_table(path: Path) -> pd.DataFrame:
    """One CSV table with code columns kept as text and empty cells as None."""
    frame = pd.read_csv(path, dtype={c: str for c in TEXT_COLUMNS}, keep_default_na=False)
    return frame.replace({"": None}) if len(frame) else frame
