"""The dashboard's stated rules written again, independently, for tests to compare with."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hnparks.data.loading import load_dataset
from hnparks.derived.indicator_store import INPUTS, build_store

ISSUED_MONTH = 3  # 湘园区〔2020〕1号 was issued on 2020-03-03
AMBER = 0.05


def _reported_status(progress_pct: float, deadline: str, period: str) -> str:
    month, due = int(period[5:7]), int(deadline[5:7])
    elapsed = min(max((month - ISSUED_MONTH + 1) / (due - ISSUED_MONTH + 1), 0), 1)
    if progress_pct >= 100:
        return "已完成"
    overdue = pd.Timestamp(period) + pd.offsets.MonthEnd(0) > pd.Timestamp(deadline)
    if overdue or progress_pct / 100 < elapsed - AMBER:
        return "滞后"
    return "未启动" if progress_pct == 0 else "推进中"


def expected_task_statuses(data_dir: Path, period: str) -> dict[str, str]:
    """Each task's status as the 台账 states its rule: tasks the register measures by their
    targets at the province (all met → 已完成; past the deadline unmet, or any target 滞后 → 滞后;
    else 推进中); the others by reported progress against time since the month of issue."""
    data = {name: load_dataset(name, data_dir) for name in INPUTS}
    store = build_store(data)
    province = store[(store["period"] == period) & (store["level"] == "province")
                     & (store["status"] != "grey")]
    province = province.merge(data["targets"][["target_id", "section"]], on="target_id")
    progress = data["task_progress"][data["task_progress"]["period"] == period]
    progress = progress.set_index("task_id")["progress_pct"]
    out = {}
    end = pd.Timestamp(period) + pd.offsets.MonthEnd(0)
    for task in data["tasks"].itertuples():
        measured = province[province["section"] == task.task_id]
        if len(measured):
            met = bool((measured["value"] >= measured["target"]).all())
            late = end > pd.Timestamp(task.deadline) and not met
            red = (measured["status"] == "red").any()
            out[task.task_id] = "已完成" if met else "滞后" if late or red else "推进中"
        else:
            out[task.task_id] = _reported_status(float(progress.get(task.task_id, 0.0)),
                                                 task.deadline, period)
    return out


PENDING = "（待核）"


def shown_park_names(parks: pd.DataFrame) -> pd.Series:
    """park_id → the name a page shows: a public-record name no official roster confirmed
    (name_provenance official, name_verified false) carries （待核）."""
    pending = (parks["name_provenance"] == "official") & ~parks["name_verified"]
    names = parks["park_name"].where(~pending, parks["park_name"] + PENDING)
    return pd.Series(names.to_numpy(), index=parks["park_id"].to_numpy())


def departments_as_document(tasks: pd.DataFrame) -> dict[str, str]:
    """task_id → the departments as the document writes them: the words of the task's note
    before "按职责分工负责" (or "负责"), so "等" and "等相关部门" stay."""
    out = {}
    for task_id, note in zip(tasks["task_id"], tasks["lead_note"], strict=True):
        text = str(note)
        for end in ("按职责分工负责", "负责"):
            if end in text:
                text = text.split(end)[0]
                break
        out[task_id] = text
    return out


def shown_names(parks: pd.DataFrame) -> pd.DataFrame:
    """The roster with each park_name as pages show it (`shown_park_names`)."""
    return parks.assign(park_name=shown_park_names(parks).to_numpy())


# ---- 亩均效益 evaluation and land (issue 17), from the page's stated 口径 -------------------

EFFICIENCY_WEIGHTS = {"tax": 0.4, "rev": 0.2, "energy": 0.2, "rd": 0.2}


def expected_efficiency(data_dir: Path, period: str) -> pd.DataFrame:
    """Per park: 亩均税收 = 税收 × 10000 ÷ 工业用地, 亩均营收 likewise, 单位能耗营收 = 收入 ÷ 能耗,
    研发强度 = 研发 ÷ 收入 × 100; score = Σ weight × percentile among the parks (average rank
    ÷ n × 100); A类 the top ceil(20%) by rank (ties share the better rank), C类 the bottom."""
    ind = load_dataset("park_indicators", data_dir)
    extra = load_dataset("efficiency_inputs", data_dir)
    parks = load_dataset("parks", data_dir)[["park_id", "city_code"]]
    rows = ind[ind["period"] == period].merge(extra[extra["period"] == period],
                                             on=["park_id", "period"]).merge(parks, on="park_id")
    metrics = pd.DataFrame({
        "tax": rows["tax_ytd"] * 10000 / rows["industrial_land_mu"],
        "rev": rows["revenue_ytd"] * 10000 / rows["industrial_land_mu"],
        "energy": rows["revenue_ytd"] / rows["energy_tce_ytd"],
        "rd": rows["rd_expense_ytd"] / rows["revenue_ytd"] * 100,
    })
    n = len(rows)
    score = sum(metrics[k].rank(method="average") / n * 100 * w
                for k, w in EFFICIENCY_WEIGHTS.items()).round(1)
    place = score.rank(ascending=False, method="min")
    cut = -(-n // 5)
    tier = ["A类" if p <= cut else "C类" if p > n - cut else "B类" for p in place]
    return pd.concat([rows[["park_id", "city_code", "tax_ytd", "revenue_ytd",
                            "industrial_land_mu", "energy_tce_ytd", "rd_expense_ytd"]],
                      metrics, pd.DataFrame({"score": score, "rank": place, "tier": tier})],
                     axis=1)


def expected_land(data_dir: Path, period: str) -> pd.DataFrame:
    """Per park: 年初低效用地 (previous December's stock), 本年再开发, 期末尚存, 周转用地, 标准地."""
    land = load_dataset("land_use", data_dir)
    parks = load_dataset("parks", data_dir)[["park_id", "city_code"]]
    start = land[land["period"] == f"{int(period[:4]) - 1}-12"][["park_id", "inefficient_land_mu"]]
    now = land[land["period"] == period]
    return now.merge(start.rename(columns={"inefficient_land_mu": "start"}), on="park_id") \
        .merge(parks, on="park_id")


def expected_export_share(data_dir: Path, period: str, parks: list[str] | None = None) -> float:
    """外向度 (%) = Σ出口额 ÷ Σ技工贸总收入 × 100 over the parks (all when None) at the month."""
    ind = load_dataset("park_indicators", data_dir)
    rows = ind[ind["period"] == period]
    if parks is not None:
        rows = rows[rows["park_id"].isin(parks)]
    return float(rows["export_ytd"].sum() / rows["revenue_ytd"].sum() * 100)
