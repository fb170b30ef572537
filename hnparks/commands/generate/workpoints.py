"""Illustrative data for the rest of the work points: 亩均效益 inputs (energy, R&D), task-milestone
dates, bases and platforms in parks, and the cities' 标准地 plans."""

from __future__ import annotations

import numpy as np
import pandas as pd

# 综合能耗 per 万元 of 技工贸总收入 (吨标准煤/万元): heavier in provincial parks and 工业集中区.
ENERGY_PER_WAN = {"国家级": (0.03, 0.12), "省级": (0.05, 0.30)}
# R&D expenditure as a share of 技工贸总收入: higher in 高新区.
RD_SHARE = {"高新技术产业开发区": (0.012, 0.040)}
RD_SHARE_OTHER = (0.004, 0.020)
ENERGY_SAVING_2020 = 0.96  # 2020 intensity against 2019 (a little more efficient) …
ENERGY_SAVING_SPREAD = 0.06  # … by park, so energy grows at its own rate (lognormal sigma)


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
    saving = pd.Series(rng.lognormal(np.log(ENERGY_SAVING_2020), ENERGY_SAVING_SPREAD, len(ids)),
                       index=ids)
    is_2020 = facts["period"].str.startswith("2020").to_numpy()
    energy_at = facts["park_id"].map(energy).to_numpy() * np.where(
        is_2020, facts["park_id"].map(saving).to_numpy(), 1)
    rd_at = facts["park_id"].map(rd).to_numpy() * np.where(
        is_2020, facts["park_id"].map(drift).to_numpy(), 1)
    # 亿元 × 吨/万元 = 万吨 (1 亿元 = 1 万 万元; 1 万吨 = 1 万 吨)
    return pd.DataFrame({
        "park_id": facts["park_id"], "period": facts["period"],
        "energy_tce_ytd": np.round(facts["revenue_ytd"].to_numpy() * energy_at, 3),
        "rd_expense_ytd": np.round(facts["revenue_ytd"].to_numpy() * rd_at, 3),
    }).sort_values(["park_id", "period"]).reset_index(drop=True)


EVIDENCE = {  # what a department would file as 佐证 (illustrative)
    "done": {"T05": "已获批复", "T13": "孵化器已挂牌运营",
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


# Platforms and bases the document asks parks to build (三(三)4, 三(六)2, 三(六)3), with how
# many a province of 144 parks might have (illustrative) and whether large parks get more.
PLATFORM_KINDS = {
    "外贸转型升级基地": 30, "企业区域总部": 45, "采购中心": 15, "结算中心": 12, "研发中心": 60,
    "工业互联网平台": 30, "产业创新服务综合体": 20, "潇湘科技要素大市场分市场（工作站）": 16,
    "知识产权综合服务分中心": 20,
}


def build_park_platforms(parks: pd.DataFrame, indicators: pd.DataFrame,
                         rng: np.random.Generator) -> pd.DataFrame:
    """Bases, functional headquarters and innovation platforms recognised in parks, each with
    its recognition date (2017–2020); larger parks hold more (illustrative)."""
    size = indicators[indicators["period"] == "2019-12"].set_index("park_id")["revenue_ytd"]
    weight = size.reindex(parks["park_id"]).fillna(size.min()).to_numpy() ** 0.8
    weight = weight / weight.sum()
    start, end = pd.Timestamp("2017-01-01"), pd.Timestamp("2020-12-31")
    days = (end - start).days
    rows = []
    for kind, count in PLATFORM_KINDS.items():
        hosts = rng.choice(len(parks), size=count, p=weight)
        for host in hosts:
            # about a third recognised during the plan year
            offset = int(rng.integers(days - 365, days + 1)) if rng.random() < 0.35 \
                else int(rng.integers(0, days - 365))
            rows.append({"park_id": parks["park_id"].iloc[host], "kind": kind,
                         "recognised_date": start + pd.Timedelta(days=offset)})
    out = pd.DataFrame(rows).sort_values(["recognised_date", "park_id"], kind="stable")
    names = parks.set_index("park_id")["park_name"]
    out["platform_id"] = [f"B{i:03d}" for i in range(1, len(out) + 1)]
    out["platform_name"] = [f"{names[p]}{k}（示意）" for p, k in zip(out["park_id"], out["kind"],
                                                                    strict=True)]
    out["recognised_date"] = out["recognised_date"].astype("datetime64[ns]")
    return out[["platform_id", "park_id", "kind", "platform_name", "recognised_date"]] \
        .reset_index(drop=True)


def build_standard_land_plan(parks: pd.DataFrame, land_use: pd.DataFrame,
                             rng: np.random.Generator) -> pd.DataFrame:
    """Each city's planned 标准地 supply for the plan year (亩): near what its parks supplied,
    some cities ahead of plan and some behind (illustrative)."""
    december = land_use[land_use["period"] == "2020-12"].merge(parks[["park_id", "city_code"]],
                                                               on="park_id")
    supplied = december.groupby("city_code")["standard_land_mu_ytd"].sum()
    plan = supplied * rng.uniform(0.85, 1.3, len(supplied))
    return pd.DataFrame({"year": 2020, "city_code": supplied.index,
                         "plan_mu": (plan / 50).round().to_numpy() * 50})
