"""Illustrative progress: regional assessments, task and reform progress, land use."""

from __future__ import annotations

import numpy as np
import pandas as pd

from hnparks.commands.generate.indicators import to_ytd
from hnparks.commands.generate.scale import generated_periods

FAST_CITIES = {"430100": -40, "430200": -30, "430300": -25}  # days earlier than usual
SLOW_CITIES = {"430500": 80, "430800": 150, "433100": 170, "431200": 60}  # days later
# Share of parks for which an item applies (航道通航 only where a navigable channel is near).
APPLICABLE_SHARE = {"A02": 0.85, "A05": 0.35, "A12": 0.9}

TASK_NOTES = [
    (0, "尚未启动"),
    (25, "已制定工作方案，明确责任分工"),
    (50, "已形成初稿，正在征求意见"),
    (75, "已按程序报审，正在修改完善"),
    (99, "已基本完成，正在组织验收或印发"),
    (100, "已完成并印发实施"),
]
REFORM_NOTES = [
    (0, "尚未启动"),
    (30, "已开展调研，形成工作方案"),
    (60, "已在部分园区试行"),
    (99, "已出台文件，正在全面推开"),
    (100, "已落地实施"),
]


def _note(progress: float, notes: list[tuple[int, str]]) -> str:
    return next(text for limit, text in notes if progress <= limit)


def build_assessments(parks: pd.DataFrame, items: pd.DataFrame,
                      rng: np.random.Generator) -> pd.DataFrame:
    """Park × item: applicable, start, completion and publication dates of the regional assessment."""
    rows = []
    for park in parks.itertuples():
        shift = FAST_CITIES.get(park.city_code, 0) + SLOW_CITIES.get(park.city_code, 0)
        park_shift = int(rng.normal(0, 35))
        for item in items.itertuples():
            applicable = rng.random() < APPLICABLE_SHARE.get(item.item_id, 1.0)
            if not applicable:
                rows.append((park.park_id, item.item_id, False, pd.NaT, pd.NaT, pd.NaT))
                continue
            start = pd.Timestamp("2019-07-01") + pd.Timedelta(days=int(rng.integers(0, 150)))
            days = 160 + shift + park_shift + int(rng.normal(0, 40))
            done = start + pd.Timedelta(days=max(days, 30))
            published = done + pd.Timedelta(days=int(rng.integers(5, 60)))
            end = pd.Timestamp("2020-12-31")
            if rng.random() < 0.02:  # stalled: no result within the year
                done = end + pd.Timedelta(days=1)
            rows.append((park.park_id, item.item_id, True, start,
                         done if done <= end else pd.NaT,
                         published if published <= end and done <= end else pd.NaT))
    frame = pd.DataFrame(rows, columns=["park_id", "item_id", "applicable", "start_date",
                                        "completion_date", "published_date"])
    for col in ("start_date", "completion_date", "published_date"):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[ns]")
    return frame


def _progress_curve(rng: np.random.Generator, deadline_month: int, late: bool) -> list[float]:
    """Monthly cumulative progress (%) for 2020; starts after the 3 March issue date."""
    pace = 100 / max(deadline_month - 2, 1) * (float(rng.uniform(0.45, 0.75)) if late
                                               else float(rng.uniform(0.95, 1.3)))
    values, level = [], 0.0
    for month in range(1, 13):
        if month >= 3:
            level = min(100.0, level + pace * float(rng.uniform(0.7, 1.3)))
        values.append(round(level if level < 100 else 100.0, 0))
    return values


def build_task_progress(tasks: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Task × month 2020: progress (%) and the latest update note."""
    late = set(rng.choice(tasks["task_id"], size=5, replace=False))
    rows = []
    for task in tasks.itertuples():
        deadline_month = pd.Timestamp(task.deadline).month
        for month, progress in enumerate(_progress_curve(rng, deadline_month, task.task_id in late),
                                         start=1):
            rows.append((task.task_id, f"2020-{month:02d}", float(progress),
                         _note(progress, TASK_NOTES)))
    return pd.DataFrame(rows, columns=["task_id", "period", "progress_pct", "latest_update"])


MEASURED_CAP = 95.0  # reported progress of a task whose targets are not all met yet


def align_with_indicators(progress: pd.DataFrame, targets: pd.DataFrame,
                          store: pd.DataFrame) -> pd.DataFrame:
    """A task the register measures reports no more than 95% while any of its targets is short
    at the province, and 100% once all are met: the departments' reports agree with the data."""
    rows = store[(store["level"] == "province") & store["value"].notna()]
    rows = rows.merge(targets[["target_id", "section"]], on="target_id")
    met = (rows["value"] >= rows["target"]).groupby([rows["section"], rows["period"]]).all()
    out = progress.copy()
    key = pd.MultiIndex.from_arrays([out["task_id"], out["period"]])
    state = pd.Series(met.reindex(key).to_numpy(), index=out.index)
    short = state.eq(False)
    done = state.eq(True)
    out.loc[short, "progress_pct"] = out.loc[short, "progress_pct"].clip(upper=MEASURED_CAP)
    out.loc[done, "progress_pct"] = 100.0
    changed = short | done
    out.loc[changed, "latest_update"] = [_note(v, TASK_NOTES)
                                         for v in out.loc[changed, "progress_pct"]]
    return out


def build_reform_progress(reforms: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Reform item × month 2020: progress (%) and the latest evidence note."""
    late = set(rng.choice(reforms["reform_id"], size=max(len(reforms) // 5, 1), replace=False))
    rows = []
    for reform in reforms.itertuples():
        for month, progress in enumerate(_progress_curve(rng, 12, reform.reform_id in late), start=1):
            rows.append((reform.reform_id, f"2020-{month:02d}", float(progress),
                         _note(progress, REFORM_NOTES)))
    return pd.DataFrame(rows, columns=["reform_id", "period", "progress_pct", "evidence_note"])


def build_land_use(parks: pd.DataFrame, indicators: pd.DataFrame,
                   rng: np.random.Generator) -> pd.DataFrame:
    """Park × month: 周转用地 and 低效用地 stocks (亩), 低效用地再开发 and 标准地出让 (YTD);
    标准地 sold is part of the industrial land the park added that month."""
    land = indicators.pivot(index="park_id", columns="period", values="industrial_land_mu")
    land = land.reindex(parks["park_id"]).to_numpy()
    n = len(parks)
    turnover = land[:, :1] * rng.uniform(0.02, 0.08, (n, 1)) * (0.995 ** np.arange(24))[None, :]
    inefficient_start = land[:, 0] * rng.uniform(0.03, 0.10, n)
    redeveloped_monthly = inefficient_start[:, None] * rng.uniform(0.0, 0.02, (n, 24))
    redeveloped_ytd = to_ytd(redeveloped_monthly)
    redeveloped_total = redeveloped_monthly.cumsum(axis=1)
    inefficient = np.maximum(inefficient_start[:, None] - redeveloped_total, 0)
    # 标准地 feeds the land that grows: a share of each month's added industrial land was sold as
    # 标准地 (rolled out in 2020; a small pilot share in 2019), never more than was added.
    added = np.diff(land, axis=1, prepend=land[:, :1])
    share = np.concatenate([np.repeat(rng.uniform(0.05, 0.25, (n, 1)), 12, axis=1),
                            np.repeat(rng.uniform(0.35, 0.9, (n, 1)), 12, axis=1)], axis=1)
    mu_monthly = np.floor(np.maximum(added, 0) * share)
    parcels_monthly = np.ceil(mu_monthly / rng.uniform(40, 120, (n, 24))).astype(int)
    periods = generated_periods()
    return pd.DataFrame({
        "park_id": np.repeat(parks["park_id"].to_numpy(), 24),
        "period": np.tile(periods, n),
        "turnover_land_mu": np.round(turnover.ravel(), 0),
        "inefficient_land_mu": np.round(inefficient.ravel(), 0),
        "inefficient_redeveloped_mu_ytd": np.round(redeveloped_ytd.ravel(), 0),
        "standard_land_parcels_ytd": to_ytd(parcels_monthly).ravel().astype(int),
        "standard_land_mu_ytd": np.round(to_ytd(mu_monthly).ravel(), 0),
    })
