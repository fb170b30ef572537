"""Task milestones (里程碑): their status at a month, and where each task is measured (its home)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from hnparks.core.periods import period_end, year_of
from hnparks.core.status import due
from hnparks.core.tasks import DONE, NOT_STARTED, ON_TRACK, OVERDUE

MILESTONE_STATUSES = [DONE, ON_TRACK, NOT_STARTED, OVERDUE]
# The page (url path) and section heading that measures each task. A task no view measures
# with numbers has its home in the ledger's milestone list.
TASK_HOMES: dict[str, tuple[str, str]] = {
    "三(一)1": ("business", "改革事项清单"),
    "三(一)2": ("business", "改革事项清单"),
    "三(二)1": ("tasks", "任务里程碑"),
    "三(二)2": ("tasks", "任务里程碑"),
    "三(二)3": ("tasks", "任务里程碑"),
    "三(三)1": ("opening", "“五个100”与国家级高新区创建"),
    "三(三)2": ("clusters", "八大产业集群"),
    "三(三)3": ("targets", "目标台账"),
    "三(三)4": ("opening", "园区产业外向度"),
    "三(三)5": ("tasks", "任务里程碑"),
    "三(四)1": ("environment", "“三线一单”与园区环境信用评价"),
    "三(四)2": ("environment", "工业污水集中处理、达标排放、在线监测全覆盖"),
    "三(四)3": ("environment", "环境影响跟踪评价"),
    "三(四)4": ("environment", "循环化改造与绿色园区"),
    "三(五)1": ("efficiency", "亩均效益综合评价"),
    "三(五)2": ("efficiency", "低效用地与周转用地"),
    "三(五)3": ("efficiency", "标准地出让"),
    "三(六)1": ("tasks", "任务里程碑"),
    "三(六)2": ("opening", "创新平台与智慧园区"),
    "三(六)3": ("opening", "科技企业孵化器"),
    "三(七)1": ("business", "区域评估"),
    "三(七)2": ("business", "改革事项清单"),
    "三(七)3": ("business", "改革事项清单"),
    "三(七)4": ("business", "改革事项清单"),
}
PAGE_TITLES = {"business": "营商环境改革", "tasks": "重点任务台账", "clusters": "产业集群",
               "targets": "目标达成", "environment": "生态环境整治", "efficiency": "亩均效益与用地",
               "opening": "开放与创新"}


def milestone_status(started: object, completed: object, deadline: object, period: str) -> str:
    """里程碑状态：完成日期（佐证日期）不晚于报告期末的为已完成；期限所在月及以后仍未完成的为逾期；已启动的为推进中；其余为未启动。"""
    end = pd.Timestamp(period_end(period))
    if pd.notna(completed) and pd.Timestamp(completed) <= end:
        return DONE
    if due(period, deadline):
        return OVERDUE
    if pd.notna(started) and pd.Timestamp(started) <= end:
        return ON_TRACK
    return NOT_STARTED


def evidence_date(started: object, completed: object) -> object:
    """佐证日期：有完成日期的里程碑，其佐证（如“已获批复”）属于完成日期；未完成的，其进展说明属于启动日期。"""
    return completed if pd.notna(completed) else started


def milestones_at(milestones: pd.DataFrame, period: str) -> pd.DataFrame:
    """The work-plan year's milestones with their status at the end of `period`; a date after
    the period is blanked and evidence is shown only from the month of its date
    (`evidence_date`): in June, an approval dated October is neither done nor evidenced."""
    rows = milestones[milestones["year"] == year_of(period)].copy()
    rows["status"] = [milestone_status(s, c, d, period) for s, c, d in
                      zip(rows["started_date"], rows["completed_date"], rows["deadline"],
                          strict=True)]
    end = pd.Timestamp(period_end(period))
    dated = pd.Series([evidence_date(s, c) for s, c in
                       zip(rows["started_date"], rows["completed_date"], strict=True)],
                      index=rows.index, dtype="datetime64[ns]")
    rows.loc[~(dated <= end), "evidence"] = None
    rows.loc[rows["completed_date"] > end, "completed_date"] = pd.NaT
    rows.loc[rows["started_date"] > end, "started_date"] = pd.NaT
    rows["label"] = [f"{m}（{s}）" if isinstance(s, str) and s else m
                     for m, s in zip(rows["milestone"], rows["subject"], strict=True)]
    return rows.reset_index(drop=True)


def task_homes(task_ids: pd.Series) -> pd.DataFrame:
    """Per task: home_page (url path), home_title (page title) and home_section."""
    pages = [TASK_HOMES.get(t, ("tasks", "任务里程碑")) for t in task_ids]
    return pd.DataFrame({"task_id": list(task_ids), "home_page": [p for p, _ in pages],
                         "home_title": [PAGE_TITLES[p] for p, _ in pages],
                         "home_section": [s for _, s in pages]})


def milestone_summary(milestones: pd.DataFrame, period: str) -> pd.DataFrame:
    """Per task: milestones (count), milestones_done, milestones_late (逾期) and milestone_text
    ('里程碑 2/3 已完成，1 项逾期')."""
    rows = milestones_at(milestones, period)
    columns = ["task_id", "milestones", "milestones_done", "milestones_late", "milestone_text"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    grouped = rows.groupby("task_id", sort=False)["status"]
    out = pd.DataFrame({"milestones": grouped.size(),
                        "milestones_done": grouped.apply(lambda s: int((s == "已完成").sum())),
                        "milestones_late": grouped.apply(lambda s: int((s == OVERDUE).sum()))})
    out["milestone_text"] = [f"里程碑 {d}/{n} 已完成" + (f"，{late} 项逾期" if late else "")
                             for n, d, late in zip(out["milestones"], out["milestones_done"],
                                                   out["milestones_late"], strict=True)]
    return out.reset_index()[columns]


def with_homes_and_milestones(ledger: pd.DataFrame, data: Mapping[str, pd.DataFrame],
                              period: str) -> pd.DataFrame:
    """The ledger with each task's home and milestone summary (tasks without milestones get 0)."""
    out = ledger.merge(task_homes(ledger["task_id"]), on="task_id", how="left")
    try:
        milestones = data["task_milestones"]
    except KeyError:  # a data directory from before milestones were recorded
        milestones = None
    if milestones is None:
        summary = pd.DataFrame(columns=["task_id", "milestones", "milestones_done",
                                        "milestones_late", "milestone_text"])
    else:
        summary = milestone_summary(milestones, period)
    out = out.merge(summary, on="task_id", how="left")
    for column in ("milestones", "milestones_done", "milestones_late"):
        out[column] = out[column].fillna(0).astype(int)
    out["milestone_text"] = out["milestone_text"].fillna("")
    return out
