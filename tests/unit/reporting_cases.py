"""Accounts and rows shared by the reporting workflow's tests (issue 25): real identities of
each role, the month of a round (June of the latest plan year) and a park's rows built from the
published parquet, so every expected figure is computed from the data, never typed in."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hnparks.commands.reporting_checks import jump_findings
from hnparks.commands.reporting_common import records, roster
from hnparks.core.access import Identity
from hnparks.core.periods import previous_period
from hnparks.data.loading import dataset_path
from hnparks.plans.registry import latest_plan

DATASET = "park_indicators"
JUNE = f"{latest_plan().year}-06"
ADMIN = Identity("office", "省园区办 张三", "admin")
CITY = Identity("changsha", "长沙市工信局 李四", "city", city="430100")
OTHER_CITY = Identity("zhuzhou", "株洲市工信局 赵六", "city", city="430200")


def park_user(park_id: str) -> Identity:
    return Identity(f"park_{park_id}", f"园区{park_id}填报员", "park", park=park_id)


def published(root: Path) -> pd.DataFrame:
    return pd.read_parquet(dataset_path(DATASET, root))


def row_of(root: Path, park_id: str, period: str = JUNE) -> dict:
    frame = published(root)
    return records(DATASET, frame[(frame["park_id"] == park_id) & (frame["period"] == period)])[0]


def city_parks(root: Path, city: str = "430100") -> list[str]:
    parks = roster(root)
    return list(parks.loc[parks["city_code"] == city, "park_id"])


def one_more_firm(root: Path, park_id: str, more: int = 1) -> dict:
    """The park's published June row with `more` 规上企业 more (a small, unflagged change)."""
    row = row_of(root, park_id)
    return {**row, "above_scale_firms": row["above_scale_firms"] + more}


def clean_park(root: Path, among: list[str]) -> str:
    """The first park whose changed June rows need no note (computed, not assumed)."""
    return next(p for p in among if not jump_findings(DATASET, [one_more_firm(root, p)], root)
                and not jump_findings(DATASET, [one_more_firm(root, p, 2)], root))


def revenue_drop(root: Path, park_id: str) -> dict:
    """June with this month's 技工贸总收入 cut to a fifth of what was published: a jump."""
    row, may = row_of(root, park_id), row_of(root, park_id, previous_period(JUNE))
    return {**row, "revenue_ytd": round(may["revenue_ytd"] +
                                        0.2 * (row["revenue_ytd"] - may["revenue_ytd"]), 2)}


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))
