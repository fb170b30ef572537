"""Exports the office hands on: the task ledger as an Excel workbook (openpyxl)."""

from __future__ import annotations

import io
from collections.abc import Iterable

import pandas as pd

from hnparks.core import metrics as m
from hnparks.core.periods import period_label
from hnparks.core.tasks import section_heading, task_status
from hnparks.core.text import printable, printable_frame

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
    """An .xlsx workbook of the (filtered) ledger: title row, filter row, Chinese headers, rows.
    Text goes in without control characters (openpyxl refuses a workbook holding one)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    table = printable_frame(export_rows(ledger))
    document, filter_text = printable(document), printable(filter_text)
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
