"""The key-task ledger (重点任务台账): status, department filter, scoreboard, Excel export."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from hnparks import metrics as m
from hnparks.periods import date_label, period_end, period_label
from hnparks.status import linear_elapsed

STATUSES = ["未启动", "推进中", "已完成", "滞后"]
DEPT_SEP = "、"
SECTION_NUMERALS = "一二三四五六七八九十"
# The work points are issued during the year (the plan's issue_date, data/plans/<year>/plan.toml);
# a task's time-elapsed share runs from the month of issue, not from January, so work cannot be
# "late" before it was assigned. Years without a plan run from January.


def issue_date(year: int) -> str:
    """The date the year's work points were issued (YYYY-MM-DD); 1 January when no plan of that
    year is loaded."""
    from hnparks.plans import plan_for

    try:
        return plan_for(year).issue_date
    except (KeyError, FileNotFoundError):
        return f"{year}-01-01"


def split_departments(lead_departments: str) -> list[str]:
    """The departments named in a task's lead_departments ('省发展改革委、省科技厅' → two names)."""
    return [d.strip() for d in str(lead_departments).split(DEPT_SEP) if d.strip()]


def department_text(lead_note: str) -> str:
    """The responsible departments exactly as the document names them, "等" and "等相关部门"
    included ('省生态环境厅、省发展改革委等'): the note without '按职责分工负责' and what follows."""
    return re.sub(r"(按职责分工)?负责.*$", "", str(lead_note)).strip("，, ")


def departments_as_written(tasks: pd.DataFrame) -> pd.Series:
    """task_id → its responsible departments exactly as the document writes them
    (`department_text` of the task's note; the bare list when a task has no note)."""
    notes = tasks["lead_note"] if "lead_note" in tasks else pd.Series(None, index=tasks.index)
    text = [department_text(n) if isinstance(n, str) and n else d
            for n, d in zip(notes, tasks["lead_departments"], strict=True)]
    return pd.Series(text, index=tasks["task_id"].to_numpy())


INFERRED_MARK = "推定"


def deadline_inferred(basis: object) -> bool:
    """True when the document states no deadline and the ledger counts to year end
    (`deadline_basis` '文件未明确…')."""
    return str(basis).startswith("文件未明确")


def deadline_text(deadline: object, basis: object) -> str:
    """'<year>年12月31日（推定）' for a deadline the document does not state, else the date."""
    text = date_label(deadline)
    return f"{text}（{INFERRED_MARK}）" if deadline_inferred(basis) else text


def all_tasks_note(tasks: pd.DataFrame) -> str:
    """The document's note that applies to every task (三(一)1: '各工作均需各市州人民政府、各园区
    管委会参与'), or '' when the plan has none."""
    for note in tasks["lead_note"].dropna():
        hit = re.search(r"各工作均需[^，。）)]*", str(note))
        if hit:
            return hit.group(0)
    return ""


def departments(tasks: pd.DataFrame) -> list[str]:
    """Every department named by any task, in order of first mention in the document."""
    seen: dict[str, None] = {}
    for text in tasks["lead_departments"]:
        for dept in split_departments(text):
            seen.setdefault(dept, None)
    return list(seen)


def task_elapsed(period: str, deadline: str, start: str = "") -> float:
    """任务序时进度 = 自文件印发当月起至报告期的月数 ÷ 自印发当月起至任务期限的月数，0至100%。

    The status engine's deadline rule (`status.linear_elapsed`), started at the issue month."""
    return linear_elapsed(period, deadline, start or f"{period[:4]}-01")


def is_overdue(progress_pct: float, period: str, deadline: str) -> bool:
    """逾期：报告期末已过任务期限而完成进度未达100%。"""
    return period_end(period) > pd.Timestamp(deadline).date() and not progress_pct >= 100


def task_status(progress_pct: float, elapsed: float, overdue: bool,
                amber_band: float = m.AMBER_BAND) -> str:
    """任务状态：进度100%为已完成；逾期或进度落后序时进度5个百分点以上为滞后；进度为0为未启动；其余为推进中。"""
    if progress_pct is None or (isinstance(progress_pct, float) and math.isnan(progress_pct)):
        return "滞后" if overdue else "未启动"
    if progress_pct >= 100:
        return "已完成"
    if overdue or m.status_light(progress_pct / 100, elapsed, amber_band) == "red":
        return "滞后"
    if progress_pct <= 0:
        return "未启动"
    return "推进中"


def section_heading(section_no: str, section_title: str) -> str:
    """'（一）全面启动市场化改革，激发转型发展活力' as the document writes it."""
    return f"（{section_no}）{section_title}"


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
        text = "；".join(f"{r.indicator}{r.value:,.1f}{r.unit}（目标{r.target:g}{r.unit}）"
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
    year = int(period[:4])
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
    past_deadline = [period_end(period) > pd.Timestamp(d).date() for d in rows["deadline"]]
    rows["overdue"] = [
        (past and not ok) if m_ else is_overdue(p, period, d)
        for m_, ok, past, p, d in zip(measured, met, past_deadline, rows["progress_pct"],
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


def measured_status(light: str, met: bool, overdue: bool) -> str:
    """有量化指标的任务：指标均达到目标为已完成；已过期限未达标或任一指标滞后为滞后；其余为推进中。"""
    if met:
        return "已完成"
    if overdue or light == "red":
        return "滞后"
    return "推进中"


def ledger_for(data: Mapping[str, pd.DataFrame], period: str) -> pd.DataFrame:
    """The ledger at a month, with the indicator store deciding the tasks the register measures
    (the one ledger the 台账, the slides and the environment page all show), each task with its
    home (the page and section that measures it) and its milestones at the month."""
    from hnparks.indicator_store import store_of
    from hnparks.milestones import with_homes_and_milestones

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

    'on track' (推进正常) is 推进中; 未启动 is counted apart; average progress is the plain mean of
    the tasks' progress. Sorted by late tasks, then by tasks led, descending.
    """
    rows = []
    for dept in departments(ledger):
        mine = ledger[names_department(ledger["lead_departments"], dept)]
        counts = status_counts(mine)
        rows.append({"department": dept, "tasks": len(mine), "done": counts["已完成"],
                     "on_track": counts["推进中"], "late": counts["滞后"],
                     "not_started": counts["未启动"], "overdue": int(mine["overdue"].sum()),
                     "avg_progress": float(mine["progress_pct"].mean()) if len(mine) else math.nan})
    columns = ["department", "tasks", "done", "on_track", "late", "not_started", "overdue",
               "avg_progress"]
    board = pd.DataFrame(rows, columns=columns)
    board = board.sort_values(["late", "tasks"], ascending=False, kind="stable")
    return board.reset_index(drop=True)


# ---- Excel export ------------------------------------------------------------------------

EXPORT_COLUMNS = {
    "task_id": "任务编号",
    "section": "所属方面",
    "text": "任务内容",
    "lead_departments": "责任单位",
    "status": "状态",
    "progress_pct": "完成进度（%）",
    "elapsed_pct": "序时进度（%）",
    "deadline": "期限",
    "deadline_basis": "期限依据",
    "overdue": "是否逾期",
    "latest_update": "最新进展",
    "milestones": "里程碑",
    "home": "衡量页面",
}
_WIDTHS = {"任务编号": 10, "所属方面": 24, "任务内容": 60, "责任单位": 30, "状态": 8,
           "完成进度（%）": 10, "序时进度（%）": 10, "期限": 12, "期限依据": 20, "是否逾期": 8,
           "最新进展": 28, "里程碑": 22, "衡量页面": 26}


def export_rows(ledger: pd.DataFrame) -> pd.DataFrame:
    """The ledger as the exported table, with Chinese headers in the office's column order."""
    out = pd.DataFrame({
        "task_id": ledger["task_id"],
        "section": [section_heading(n, t) for n, t in
                    zip(ledger["section_no"], ledger["section_title"], strict=True)],
        "text": ledger["text"],
        "lead_departments": ledger.get("departments_text", ledger["lead_departments"]),
        "status": ledger["status"],
        "progress_pct": ledger["progress_pct"].round(1),
        "elapsed_pct": (ledger["elapsed"] * 100).round(1),
        "deadline": ledger.get("deadline_text", ledger["deadline"]),
        "deadline_basis": ledger["deadline_basis"],
        "overdue": ledger["overdue"].map({True: "是", False: "否"}),
        "latest_update": ledger["latest_update"],
        "milestones": ledger.get("milestone_text", ""),
        "home": ([f"{t} · {s}" for t, s in zip(ledger["home_title"], ledger["home_section"],
                                               strict=True)] if "home_title" in ledger else ""),
    })
    return out.rename(columns=EXPORT_COLUMNS).reset_index(drop=True)


def filter_description(department: str | None, statuses: Iterable[str] | None,
                       sections: Iterable[str] | None) -> str:
    """The filter in words, e.g. '责任单位：省生态环境厅；状态：全部；方面：（四）'."""
    statuses, sections = list(statuses or []), list(sections or [])
    return "；".join([
        f"责任单位：{department or '全部'}",
        f"状态：{'、'.join(statuses) if statuses else '全部'}",
        f"方面：{'、'.join(f'（{s}）' for s in sections) if sections else '全部'}",
    ])


def ledger_excel(ledger: pd.DataFrame, period: str, document: str, filter_text: str) -> bytes:
    """An .xlsx workbook of the (filtered) ledger: title row, filter row, Chinese headers, rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    table = export_rows(ledger)
    wb = Workbook()
    ws = wb.active
    ws.title = "重点任务台账"
    ncols = len(table.columns)
    ws.cell(row=1, column=1, value=f"{document} 重点任务台账（截至{period_label(period)}末）")
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.cell(row=2, column=1, value=f"筛选条件：{filter_text}；共{len(table)}项任务。"
            "状态口径：" + m.definition(task_status))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncols)
    ws.cell(row=2, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 32
    header_fill = PatternFill("solid", fgColor="DDE6F0")
    for j, name in enumerate(table.columns, start=1):
        cell = ws.cell(row=3, column=j, value=name)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(j)].width = _WIDTHS.get(name, 12)
    for i, record in enumerate(table.itertuples(index=False), start=4):
        for j, value in enumerate(record, start=1):
            cell = ws.cell(row=i, column=j, value=value.item() if hasattr(value, "item") else value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B4"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
