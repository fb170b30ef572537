"""Excel report templates generated from the schemas and the catalog (openpyxl)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from hnparks.commands.ingest import (
    LABELS,
    REFERENCE_COLUMNS,
    REPORTABLE,
    allowed_years,
    column_labels,
    example_year,
    schema_columns,
)
from hnparks.core.cells import check_message, column_kind
from hnparks.core.text import printable_frame
from hnparks.data.catalog import read_catalog
from hnparks.data.intake import DATA_SHEET, INSTRUCTIONS_SHEET, MAX_BYTES
from hnparks.data.loading import dataset_path
from hnparks.plans.registry import plan_for

_KIND_TEXT = {"str": "文本", "float": "数字", "int": "整数", "bool": "是/否", "date": "日期"}
_EXAMPLES = {"park_id": "P001", "task_id": "三(一)1",
             "item_id": "A01", "project_id": "K001", "problem_id": "E001", "cluster_id": "C01",
             "float": "12.5", "int": "36", "bool": "是"}


def _examples(year: int) -> dict[str, str]:
    """Example cells, dated in the plan year the template is for."""
    return _EXAMPLES | {"period": f"{year}-06", "date": f"{year}-06-30", "year": str(year)}
_NOTES = {  # what a column means, where the label alone does not say it
    "park_id": "见「园区名录」工作表",
    "task_id": "见「任务名录」工作表，如 三(一)1",
    "item_id": "见「评估事项名录」工作表",
    "problem_id": ("每个问题一个编号；同一年度再次报送同一编号即更新该问题（如填写整改完成日期），"
                   "上年未整改完的问题在新年度清单中以同一编号再报一行"),
    "sewage_treatment": "报告期末是否已实现",
    "compliant_discharge": "报告期末是否已实现",
    "online_monitoring": "报告期末是否已实现",
    "circular_transformation": "报告期末是否已实施",
    "env_credit_pilot": "是否为园区环境信用评价试点",
    "plan_approval_year": "园区总体规划最近一次批复的年份",
    "plan_eia_year": "规划环评审查意见印发的年份",
    "category": "",
    "rectified_date": "尚未整改完成的留空",
    "start_date": "尚未启动的留空",
    "completion_date": "尚未完成的留空；有完成日期即计为完成",
    "published_date": "成果尚未公开发布的留空",
    "applicable": "该园区是否需要开展此项评估",
    "progress_pct": "责任单位报送的月末完成进度，0至100",
    "latest_update": "本月最新进展，一两句话",
    "status": "报告期末项目状态",
    "description": "问题的简要描述",
}
_CATEGORY_NOTES = {"env_problems": "如：废水、废气、固废、手续、风险、监测"}
_YEARS_BEFORE = {"plan_approval_year": 5, "plan_eia_year": 4}  # example: so many years before the plan
_REFERENCE_NOTE = "选填，仅供核对：填写后系统检查与园区编号是否一致，不入库。"
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_KEY_FILL = PatternFill("solid", fgColor="FCE4D6")


def _rule_text(name: str, col: str, spec, year: int, root: Path | None = None) -> str:
    parts = [message for message, _ in (check_message(c) for c in spec.checks)
             if message != "格式不符"]
    if col == "period":
        years = "、".join(f"{y}年" for y in sorted(allowed_years(name, root)))
        parts.append(f"年-月，如 {year}-06；限 {years}")
    elif col == "year":
        years = "、".join(f"{y}年" for y in sorted(allowed_years(name, root)))
        parts.append(f"工作要点年度，如 {year}；限 {years}")
    elif col in ("park_id", "task_id", "item_id", "cluster_id") or (
            col == "project_id" and name != "key_projects"):
        parts.append(f"须为名录中已有的编号，如 {_EXAMPLES[col]}")
    if col.endswith("_ytd"):
        parts.append("当年1月至报告期末累计，同一对象逐月不减")
    if column_kind(spec) == "date":
        parts.append(f"日期，如 {year}-06-30")
    if column_kind(spec) == "bool":
        parts.append("填“是”或“否”")
    if spec.nullable:
        parts.append("可空")
    return "；".join(parts)


def _unit(label: str) -> str:
    for unit in ("亿元", "万元/亩", "亩", "家", "个", "宗", "%", "平方公里"):
        if unit in label:
            return unit
    return ""


def _reference_of(name: str) -> tuple[str, str]:
    """The dataset a template's reference list is taken from, and the list's sheet title."""
    if name in ("task_progress", "task_milestones"):
        return "tasks", "任务名录"
    if name == "assessments":
        return "assessment_items", "评估事项名录"
    if name == "project_progress":
        return "key_projects", "项目名录"
    return "parks", "园区名录"


def _reference_sheet(book: Workbook, name: str, root: Path | None, year: int) -> None:
    """A list of the codes the report refers to (park roster, tasks, items or projects; items
    and projects of `year`'s plan)."""
    title = _reference_of(name)[1]
    if name in ("task_progress", "task_milestones"):
        frame = pd.read_parquet(dataset_path("tasks", root))[["task_id", "text",
                                                              "lead_departments"]]
        headers = ["任务编号", "任务原文", "责任单位"]
    elif name == "assessments":
        frame = plan_for(year, root).table("assessment_items")[["item_id", "item_name",
                                                                 "deadline"]]
        headers = ["评估事项编号", "事项名称", "期限"]
    elif name == "project_progress":
        frame = pd.read_parquet(dataset_path("key_projects", root)).query("year == @year")[
            ["project_id", "project_name", "park_id"]]
        headers = ["项目编号", "项目名称", "园区编号"]
    else:
        parks = pd.read_parquet(dataset_path("parks", root))
        cities = pd.read_parquet(dataset_path("cities", root))
        frame = parks.merge(cities, on="city_code")[["park_id", "park_name", "city_code",
                                                     "city_name", "level"]]
        headers = ["园区编号", "园区名称", "所属市州代码", "市州", "级别"]
    sheet = book.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for row in printable_frame(frame).itertuples(index=False):  # a NUL would break the file
        sheet.append([str(v) for v in row])
    for i, width in enumerate([14, 40, 16, 12, 10][: len(headers)], start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"


def build_template(name: str, root: Path | None = None, year: int | None = None) -> bytes:
    """The .xlsx report template of one reportable dataset: data sheet, 填报说明, 名录; its examples
    are dated in `year`'s plan (default: the latest plan)."""
    if name not in REPORTABLE:
        raise KeyError(f"数据集「{name}」没有报表模板")
    year = year or example_year(root)
    examples = _examples(year)
    catalog = read_catalog(root, plan_for(year, root))
    info = catalog[name]
    columns = schema_columns(name)
    labels = column_labels(name, root)
    keys = REPORTABLE[name]
    with_reference = "park_id" in columns and name not in ("key_projects", "parks")
    order = list(columns)
    if with_reference:  # reference columns right after the park code, for the reporter
        at = order.index("park_id") + 1
        order[at:at] = REFERENCE_COLUMNS

    book = Workbook()
    data = book.active
    data.title = DATA_SHEET
    data.append([labels.get(c) or LABELS[c] for c in order])
    for i, col in enumerate(order, start=1):
        cell = data.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.fill = _KEY_FILL if col in keys else _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        letter = get_column_letter(i)
        data.column_dimensions[letter].width = max(12, min(28, 2 * len(cell.value) + 2))
        spec = columns.get(col)
        if spec is None:
            data.column_dimensions[letter].number_format = "@"
            continue
        kind = column_kind(spec)
        allowed = None
        if kind == "bool":
            allowed = ["是", "否"]
        for check in spec.checks:
            if check.name == "isin":
                allowed = list(check.statistics["allowed_values"])
        if allowed:
            rule = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"',
                                  allow_blank=spec.nullable, showErrorMessage=True,
                                  errorTitle="取值不符", error="只能填：" + "、".join(allowed))
            rule.add(f"{letter}2:{letter}2000")
            data.add_data_validation(rule)
        if kind == "str" or col == "period":  # keep codes like 430100 and YYYY-06 as text
            data.column_dimensions[letter].number_format = "@"
        elif kind == "date":
            data.column_dimensions[letter].number_format = "yyyy-mm-dd"
    data.row_dimensions[1].height = 36
    data.freeze_panes = "A2"

    notes = book.create_sheet(INSTRUCTIONS_SHEET)
    intro = [
        [f"{info.title} · 报表模板"],
        ["口径", info.definition],
        ["填报粒度", f"{info.grain}；按「{'、'.join(labels[k] for k in keys)}」识别一行，"
                     "再次报送同一行会替换原数据"],
        ["报送单位", info.owner],
        ["填报要求", (f"在「{DATA_SHEET}」工作表第2行起逐行填写，不改列名、不合并单元格；"
                      "整份文件全部通过校验才导入，任何一处问题都会整份退回并列明行列；"
                      f"可另存为 CSV（UTF-8 或 GBK）；文件不超过 {MAX_BYTES // 1024 // 1024} MB")],
    ]
    reference, sheet_title = _reference_of(name)
    source = catalog[reference]
    if source.illustrative_in(year):  # the list is generated (names, projects): say so
        intro.append(["示意数据", f"「{sheet_title}」工作表取自当前{source.title}，其中含按固定随机种子"
                                  "生成的示意数据，仅供演示填报；编号与名称以园区办正式名录为准"])
    intro += [[], ["列名", "字段", "类型", "单位", "必填", "允许值 / 格式", "说明", "示例"]]
    for row in intro:
        notes.append(row)
    notes["A1"].font = Font(bold=True, size=14)
    for cell in notes[len(intro)]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for col in order:
        spec = columns.get(col)
        label = labels.get(col) or LABELS[col]
        if spec is None:
            notes.append([label, col, "文本", "", "否", "", _REFERENCE_NOTE, ""])
            continue
        kind = column_kind(spec)
        allowed = [c.statistics["allowed_values"] for c in spec.checks if c.name == "isin"]
        example = ((str(year - _YEARS_BEFORE[col]) if col in _YEARS_BEFORE else None)
                   or (allowed[0][0] if allowed else None)
                   or examples.get(col) or examples.get(kind, ""))
        note = _CATEGORY_NOTES.get(name, "") if col == "category" else _NOTES.get(col, "")
        if col in keys:
            what = "主键（不可重复）" if len(keys) == 1 else "主键（与其他主键列一起识别一行）"
            note = "；".join(filter(None, [what, note]))
        notes.append([label, col, _KIND_TEXT[kind], _unit(label),
                      "否" if spec.nullable else "是", _rule_text(name, col, spec, year, root), note,
                      example])
    for letter, width in zip("ABCDEFGH", [30, 22, 8, 10, 6, 40, 40, 14], strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    _reference_sheet(book, name, root, year)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_filename(name: str, root: Path | None = None) -> str:
    title = read_catalog(root)[name].title.replace("“", "").replace("”", "")
    return f"{title}_报表模板_{name}.xlsx"


def write_templates(out_dir: Path, root: Path | None = None,
                    names: list[str] | None = None) -> list[Path]:
    """Write the template of every reportable dataset (or the named ones) into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names or list(REPORTABLE):
        path = out_dir / template_filename(name, root)
        path.write_bytes(build_template(name, root))
        written.append(path)
    return written
