"""The key-task ledger (重点任务台账): status, department filter, scoreboard, Excel export."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pandas as pd

from hnparks.core.formats import fmt, fmt_target
from hnparks.core.periods import year_of
from hnparks.core.tasks import (
    BEHIND,
    LATE,
    OVERDUE,
    SECTION_NUMERALS,
    STATUSES,
    deadline_text,
    departments,
    departments_as_written,
    is_overdue,
    measured_status,
    split_departments,
    task_elapsed,
    task_status,
)
from hnparks.derived.indicator_store import INPUTS
from hnparks.plans.registry import issue_date

# The datasets whose figures the ledger shows: the tasks, their reported progress and milestones,
# and what the indicator store judges the measured tasks by (the page's and the export's 示意).
LEDGER_DATASETS = tuple(dict.fromkeys(["tasks", "task_progress", "task_milestones", *INPUTS]))


def indicator_verdicts(targets: pd.DataFrame, store: pd.DataFrame, period: str) -> pd.DataFrame:
    """Per task that the register measures (a target whose `section` is the task's number): the
    worst light of its targets with data at the province, whether all are met, and a summary.

    Columns: task_id, indicator_light, indicator_met, indicator_text. Tasks whose targets have no
    data (由责任单位报送) are left out, so their reported progress decides.
    """
    columns = ["task_id", "indicator_light", "indicator_met", "indicator_text"]
    rows = store[(store["period"] == period) & (store["level"] == "province")
                 & (store["status"] != "grey")]
    rows = rows.merge(targets[["target_id", "section", "indicator", "unit"]], on="target_id")
    if not len(rows):
        return pd.DataFrame(columns=columns)
    order = {"red": 0, "amber": 1, "green": 2}
    out = []
    for task_id, group in rows.groupby("section", sort=False):
        text = "；".join(f"{r.indicator}{fmt(r.value, r.unit)}（目标{fmt_target(r.target, r.unit)}）"
                        for r in group.itertuples())
        out.append({"task_id": task_id,
                    "indicator_light": min(group["status"], key=order.get),
                    "indicator_met": bool((group["value"] >= group["target"]).all()),
                    "indicator_text": text})
    return pd.DataFrame(out, columns=columns)


def task_ledger(tasks: pd.DataFrame, progress: pd.DataFrame, period: str,
                verdicts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every task of the period's work-plan year with its progress, status and overdue flag.

    Columns: the tasks' own, plus progress_pct, latest_update (at the period; 0 / '尚未报送'
    when the department has not reported), elapsed (0–1), overdue (bool), status, and the
    indicator columns of `indicator_verdicts` (empty for tasks no target measures). Where the
    register measures a task, its indicators decide the status; the reported progress stays
    beside it.
    """
    year = year_of(period)
    rows = tasks[tasks["year"] == year].copy()
    now = progress[progress["period"] == period][["task_id", "progress_pct", "latest_update"]]
    rows = rows.merge(now, on="task_id", how="left")
    reported = rows["progress_pct"].notna()
    rows["progress_pct"] = rows["progress_pct"].astype(float).fillna(0.0)
    rows["latest_update"] = rows["latest_update"].where(reported, "尚未报送")
    start = issue_date(year)
    rows["elapsed"] = [task_elapsed(period, d, start) for d in rows["deadline"]]
    rows["departments_text"] = departments_as_written(rows).to_numpy()
    basis = rows["deadline_basis"] if "deadline_basis" in rows else [""] * len(rows)
    rows["deadline_text"] = [deadline_text(d, b) for d, b in zip(rows["deadline"], basis,
                                                                  strict=True)]
    if verdicts is None:
        verdicts = pd.DataFrame(columns=["task_id", "indicator_light", "indicator_met",
                                         "indicator_text"])
    rows = rows.merge(verdicts, on="task_id", how="left")
    rows["indicator_text"] = rows["indicator_text"].fillna("")
    measured = rows["indicator_light"].notna()
    met = rows["indicator_met"].fillna(False).astype(bool)
    rows["overdue"] = [is_overdue(ok if m_ else p >= 100, period, d)
                       for m_, ok, p, d in zip(measured, met, rows["progress_pct"],
                                               rows["deadline"], strict=True)]
    rows["status"] = [
        measured_status(light, ok, late) if m_ else task_status(p, e, late)
        for m_, light, ok, late, p, e in zip(measured, rows["indicator_light"], met,
                                             rows["overdue"], rows["progress_pct"],
                                             rows["elapsed"], strict=True)]
    rows["indicator_met"] = met.where(measured)
    order = {n: i for i, n in enumerate(SECTION_NUMERALS)}
    rows["_order"] = rows["section_no"].map(order)
    return rows.sort_values(["_order", "task_no"]).drop(columns="_order").reset_index(drop=True)


def ledger_for(data: Mapping[str, pd.DataFrame], period: str) -> pd.DataFrame:
    """The ledger at a month, with the indicator store deciding the tasks the register measures
    (the one ledger the 台账, the slides and the environment page all show), each task with its
    home (the page and section that measures it) and its milestones at the month."""
    from hnparks.derived.indicator_store import store_of
    from hnparks.derived.milestones import with_homes_and_milestones

    verdicts = indicator_verdicts(data["targets"], store_of(data), period)
    ledger = task_ledger(data["tasks"], data["task_progress"], period, verdicts)
    return with_homes_and_milestones(ledger, data, period)


def names_department(lead_departments: pd.Series, department: str) -> pd.Series:
    """True for the tasks whose lead_departments name `department` exactly (not as a substring)."""
    return lead_departments.map(lambda text: department in split_departments(text))


def filter_ledger(ledger: pd.DataFrame, department: str | None = None,
                  statuses: Iterable[str] | None = None,
                  sections: Iterable[str] | None = None) -> pd.DataFrame:
    """The ledger rows for one department (or all), some statuses and some sections (or all)."""
    keep = pd.Series(True, index=ledger.index)
    if department:
        keep &= names_department(ledger["lead_departments"], department)
    statuses = list(statuses or [])
    if statuses:
        keep &= ledger["status"].isin(statuses)
    sections = list(sections or [])
    if sections:
        keep &= ledger["section_no"].isin(sections)
    return ledger[keep]


def status_counts(ledger: pd.DataFrame) -> dict[str, int]:
    """Number of tasks in each status (every status present, zero when none)."""
    counts = ledger["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}


def department_scoreboard(ledger: pd.DataFrame) -> pd.DataFrame:
    """One row per department: tasks it leads or shares, done, on track, late, not started.

    'on track' (推进正常) is 推进中; 未启动 is counted apart; late is 滞后 and overdue 逾期 (two
    statuses, never both); average progress is the plain mean of the tasks' progress. Sorted by
    late plus overdue tasks, then by tasks led, descending.
    """
    rows = []
    for dept in departments(ledger):
        mine = ledger[names_department(ledger["lead_departments"], dept)]
        counts = status_counts(mine)
        rows.append({"department": dept, "tasks": len(mine), "done": counts["已完成"],
                     "on_track": counts["推进中"], "late": counts[LATE],
                     "not_started": counts["未启动"], "overdue": counts[OVERDUE],
                     "avg_progress": float(mine["progress_pct"].mean()) if len(mine) else math.nan})
    columns = ["department", "tasks", "done", "on_track", "late", "not_started", "overdue",
               "avg_progress"]
    board = pd.DataFrame(rows, columns=columns)
    board["_behind"] = board["late"] + board["overdue"]
    board = board.sort_values(["_behind", "tasks"], ascending=False, kind="stable")
    return board.drop(columns="_behind").reset_index(drop=True)


def behind(ledger: pd.DataFrame) -> pd.DataFrame:
    """The tasks a leader is warned about: 滞后 (behind the time-elapsed line) or 逾期 (not done
    by the report of the deadline month)."""
    return ledger[ledger["status"].isin(BEHIND)]
