"""Illustrative 亩均效益 evaluation inputs (energy use, R&D) and task-milestone dates."""

from __future__ import annotations

import numpy as np
import pandas as pd

# 综合能耗 per 万元 of 技工贸总收入 (吨标准煤/万元): heavier in provincial parks and 工业集中区.
ENERGY_PER_WAN = {"国家级": (0.03, 0.12), "省级": (0.05, 0.30)}
# R&D expenditure as a share of 技工贸总收入: higher in 高新区.
RD_SHARE = {"高新技术产业开发区": (0.012, 0.040)}
RD_SHARE_OTHER = (0.004, 0.020)
ENERGY_SAVING_2020 = 0.96  # 2020 intensity against 2019 (a little more efficient)


def build_efficiency_inputs(parks: pd.DataFrame, indicators: pd.DataFrame,
                            rng: np.random.Generator) -> pd.DataFrame:
    """Park × month (as park_indicators): 综合能耗 (万吨标准煤) and R&D 经费 (亿元), year to
    date, as a park-specific intensity of its 技工贸总收入 (so the cumulation never goes down)."""
    facts = indicators[["park_id", "period", "revenue_ytd"]].merge(
        parks[["park_id", "level", "park_type"]], on="park_id")
    ids = parks["park_id"].to_numpy()
    low = parks["level"].map(lambda lv: ENERGY_PER_WAN.get(lv, ENERGY_PER_WAN["省级"])[0])
    high = parks["level"].map(lambda lv: ENERGY_PER_WAN.get(lv, ENERGY_PER_WAN["省级"])[1])
    energy = pd.Series(rng.uniform(low.to_numpy(), high.to_numpy()), index=ids)
    rd_low, rd_high = zip(*[RD_SHARE.get(t, RD_SHARE_OTHER) for t in parks["park_type"]],
                          strict=True)
    rd = pd.Series(rng.uniform(rd_low, rd_high), index=ids)
    drift = pd.Series(rng.normal(1.0, 0.05, len(ids)), index=ids)  # 2020 R&D against 2019
    is_2020 = facts["period"].str.startswith("2020").to_numpy()
    energy_at = facts["park_id"].map(energy).to_numpy() * np.where(is_2020, ENERGY_SAVING_2020, 1)
    rd_at = facts["park_id"].map(rd).to_numpy() * np.where(
        is_2020, facts["park_id"].map(drift).to_numpy(), 1)
    # 亿元 × 吨/万元 = 万吨 (1 亿元 = 1 万 万元; 1 万吨 = 1 万 吨)
    return pd.DataFrame({
        "park_id": facts["park_id"], "period": facts["period"],
        "energy_tce_ytd": np.round(facts["revenue_ytd"].to_numpy() * energy_at, 3),
        "rd_expense_ytd": np.round(facts["revenue_ytd"].to_numpy() * rd_at, 3),
    }).sort_values(["park_id", "period"]).reset_index(drop=True)


EVIDENCE = {  # what a department would file as 佐证 (illustrative)
    "done": {"T05": "已获国务院批复升级为国家级高新区", "T13": "孵化器已挂牌运营",
             "": "已印发（出台）或办结，佐证材料已报省园区办"},
    "started": {"T05": "申报材料已上报，正在评审", "T13": "已选定场地，正在筹建",
                "": "已启动，正在起草或推进"},
}


def _day_in(period: str, rng: np.random.Generator) -> pd.Timestamp:
    start = pd.Timestamp(f"{period}-01")
    return start + pd.Timedelta(days=int(rng.integers(0, start.days_in_month)))


def build_task_milestones(milestones: pd.DataFrame, progress: pd.DataFrame,
                          rng: np.random.Generator) -> pd.DataFrame:
    """Each milestone of the document with a start and completion date (illustrative) that
    agree with its task's reported progress: the i-th of n milestones starts once the task
    passes (i−1)/n of its work and is done once it reaches i/n (the last one at 100%)."""
    curve = progress.pivot(index="task_id", columns="period", values="progress_pct")
    rows = []
    for task_id, group in milestones.groupby("task_id", sort=False):
        n = len(group)
        months = curve.loc[task_id] if task_id in curve.index else pd.Series(dtype=float)
        for i, ms in enumerate(group.itertuples(), start=1):
            start_at = months[months > 100 * (i - 1) / n]
            done_at = months[months >= (100 if i == n else 100 * i / n)]
            started = _day_in(start_at.index[0], rng) if len(start_at) else pd.NaT
            done = _day_in(done_at.index[0], rng) if len(done_at) else pd.NaT
            if pd.notna(done) and pd.notna(started) and started > done:
                started = done
            key = ms.target_id if isinstance(ms.target_id, str) else ""
            evidence = (EVIDENCE["done"][key] if pd.notna(done)
                        else EVIDENCE["started"][key] if pd.notna(started) else None)
            rows.append({**ms._asdict(), "started_date": started, "completed_date": done,
                         "evidence": evidence})
    out = pd.DataFrame(rows).drop(columns="Index")
    for column in ("started_date", "completed_date"):
        out[column] = pd.to_datetime(out[column]).astype("datetime64[ns]")
    return out
