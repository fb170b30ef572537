"""Exports the office hands on: the task ledger as an Excel workbook (openpyxl)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from hnparks.core import metrics as m
from hnparks.core.periods import period_label, year_of
from hnparks.core.tasks import section_heading, task_status
from hnparks.core.text import neutralise_formula, printable, printable_frame
from hnparks.data.catalog import DatasetInfo, illustrative_notice, illustrative_titles
from hnparks.views.document import Document, Paragraph
from hnparks.views.tasks import LEDGER_DATASETS

OFFICIAL_LINE = "数据来源：官方报表（任务、责任单位摘自文件；进度、里程碑与指标为园区办导入的报送数据）。"

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


def ledger_notice(catalog: Mapping[str, DatasetInfo], period: str) -> str:
    """The ledger export's provenance line at `period`: the 示意 sentence naming the datasets
    whose figures of that year are illustrative, or the official-source line when none is."""
    titles = illustrative_titles(catalog, LEDGER_DATASETS, year_of(period))
    return illustrative_notice(titles) or OFFICIAL_LINE


def ledger_excel(ledger: pd.DataFrame, period: str, document: str, filter_text: str, *,
                 notice: str) -> bytes:
    """An .xlsx workbook of the (filtered) ledger: title row, provenance row (`notice`, from
    `ledger_notice`), filter row, Chinese headers, rows. Text goes in without control characters
    (openpyxl refuses a workbook holding one)."""
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
    ws.cell(row=2, column=1, value=notice)
    ws.cell(row=2, column=1).font = Font(bold=True)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncols)
    ws.cell(row=3, column=1, value=f"筛选条件：{filter_text}；共{len(table)}项任务。"
            "状态口径：" + m.definition(task_status))
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=ncols)
    for row in (2, 3):
        ws.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 32
    header_fill = PatternFill("solid", fgColor="DDE6F0")
    for j, name in enumerate(table.columns, start=1):
        cell = ws.cell(row=4, column=j, value=name)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(j)].width = _WIDTHS.get(name, 12)
    for i, record in enumerate(table.itertuples(index=False), start=5):
        for j, value in enumerate(record, start=1):
            cell = ws.cell(row=i, column=j, value=value.item() if hasattr(value, "item") else value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B5"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _sheet_value(text: str) -> object:
    """A table cell for a spreadsheet: '1,234.5' and '12' as numbers (sums and sorting work),
    other text formula-safe."""
    plain = text.replace(",", "")
    if re.fullmatch(r"-?\d+", plain):
        return int(plain)
    if re.fullmatch(r"-?\d+\.\d+", plain):
        return float(plain)
    return neutralise_formula(text)


def document_excel(document: Document) -> bytes:
    """A document's tables as a workbook: a first sheet with its title, paragraphs and notes
    (the method, the 示意 statement), then one sheet per table; text cells formula-safe."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "说明"
    ws.append([document.title])
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    for block in document.blocks:
        if isinstance(block, Paragraph):
            ws.append([neutralise_formula(block.text)])
    for note in document.notes:
        ws.append([neutralise_formula(note)])
    ws.column_dimensions["A"].width = 120
    for table in document.tables:
        sheet = wb.create_sheet(table.title[:31])
        sheet.append([neutralise_formula(c) for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
        for row in table.rows:
            sheet.append([_sheet_value(v) for v in row])
        for j, name in enumerate(table.columns, start=1):
            longest = max([len(name), *(len(r[j - 1]) for r in table.rows)])
            sheet.column_dimensions[get_column_letter(j)].width = min(4 + longest * 2, 40)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
