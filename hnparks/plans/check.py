"""`python -m hnparks plan check <folder>`: is a year's plan folder complete and consistent?

Reads only; every problem is reported in Chinese with the file, the row (the CSV's line, the header
being line 1) and the column, so the office can fix the folder before the dashboard reads it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from hnparks.core.cells import CheckResult, Problem, check_message, column_kind, convert
from hnparks.core.schemas import SCHEMAS
from hnparks.core.tables import read_table
from hnparks.plans.folder import PLAN_FIELDS, PLAN_FILE, PLAN_TABLES

_PERIOD_FIELDS = ("first_period", "last_period", "data_from")
_DATE_FIELDS = ("issue_date", "assessment_deadline")
_FIELD_NAMES = {"year": "年度", "doc_no": "文号", "title": "标题", "issuer": "印发单位",
                "issue_date": "印发日期", "first_period": "首个报告期", "last_period": "最后报告期",
                "data_from": "数据起始月", "assessment_deadline": "评估事项期限"}


class Sections(pa.DataFrameModel):
    section: Series[str] = pa.Field(unique=True)
    title: Series[str]


class Milestones(pa.DataFrameModel):
    year: Series[int]
    milestone_id: Series[str] = pa.Field(str_matches=r"^M\d{2,3}$", unique=True)
    task_id: Series[str]
    milestone: Series[str]
    subject: Series[str] = pa.Field(nullable=True)
    target_id: Series[str] = pa.Field(nullable=True)
    deadline: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$")
    deadline_basis: Series[str]


def _schema(name: str) -> dict[str, pa.Column]:
    model = {"sections": Sections, "milestones": Milestones}.get(name) or SCHEMAS[name]
    return model.to_schema().columns


# Each table's id column (a duplicate is refused).
ID_COLUMNS = {"sections": "section", "targets": "target_id", "tasks": "task_id",
              "assessment_items": "item_id", "reform_items": "reform_id",
              "clusters": "cluster_id", "milestones": "milestone_id"}


def _check_plan_file(folder: Path, problems: list[Problem]) -> dict | None:
    path = folder / PLAN_FILE
    where = (PLAN_FILE, "")
    if not path.is_file():
        problems.append(Problem(*where, None, "", "缺少计划文件 plan.toml（文号、标题、印发日期等）"))
        return None
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        problems.append(Problem(*where, None, "", f"无法读取（{error}）"))
        return None
    out: dict = {}
    for key, kind in PLAN_FIELDS.items():
        label = f"{key}（{_FIELD_NAMES[key]}）"
        value = raw.get(key)
        if value is None or str(value).strip() == "":
            problems.append(Problem(*where, None, label, "缺少此项"))
            continue
        if kind is int and not isinstance(value, int):
            problems.append(Problem(*where, None, label, f"应为年份数字（填的是“{value}”）"))
            continue
        fmt = "%Y-%m" if key in _PERIOD_FIELDS else "%Y-%m-%d" if key in _DATE_FIELDS else None
        if fmt:
            try:
                datetime.strptime(str(value), fmt)
            except ValueError:
                year = raw.get("year") if isinstance(raw.get("year"), int) else "YYYY"
                example = (f"年-月，如 {year}-06" if key in _PERIOD_FIELDS
                           else f"年-月-日，如 {year}-06-30")
                problems.append(Problem(*where, None, label, f"应写成{example}（填的是“{value}”）"))
                continue
        out[key] = value
    year = out.get("year")
    if year is not None:
        if folder.name != str(year):
            problems.append(Problem(*where, None, "year（年度）",
                                    f"年度 {year} 与文件夹名“{folder.name}”不一致"))
        for key in ("first_period", "last_period", "assessment_deadline"):
            if key in out and not str(out[key]).startswith(str(year)):
                problems.append(Problem(*where, None, f"{key}（{_FIELD_NAMES[key]}）",
                                        f"“{out[key]}”不在计划年度 {year} 年内"))
    if "first_period" in out and "last_period" in out and out["first_period"] > out["last_period"]:
        problems.append(Problem(*where, None, "first_period（首个报告期）", "晚于最后报告期"))
    if "data_from" in out and "first_period" in out and out["data_from"] > out["first_period"]:
        problems.append(Problem(*where, None, "data_from（数据起始月）", "晚于首个报告期"))
    return out


def _check_table(folder: Path, name: str, year: int | None,
                 problems: list[Problem]) -> pd.DataFrame | None:
    file = f"{name}.csv"
    path = folder / file
    if not path.is_file():
        problems.append(Problem(file, "", None, "", "缺少此文件"))
        return None
    try:
        frame = read_table(path)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as error:
        problems.append(Problem(file, "", None, "", f"无法读取（应为 UTF-8 编码的 CSV）：{error}"))
        return None
    columns = _schema(name)
    missing = [c for c in columns if c not in frame.columns]
    extra = [c for c in frame.columns if c not in columns]
    if missing:
        problems.append(Problem(file, "", 1, "", f"缺少列：{'、'.join(missing)}"))
    for col in extra:
        problems.append(Problem(file, "", 1, str(col), "无法识别的列名"))
    if missing or extra:
        return None
    plan_year = year if isinstance(year, int) else datetime.now().year  # a date example's year
    for col, spec in columns.items():
        rules = [check_message(c) for c in spec.checks]
        for index, value in frame[col].items():
            row = int(index) + 2
            if value is None or (isinstance(value, float) and pd.isna(value)):
                if not spec.nullable:
                    problems.append(Problem(file, "", row, col, "不能为空"))
                continue
            try:
                converted = convert(value, column_kind(spec), plan_year)
            except ValueError as error:
                problems.append(Problem(file, "", row, col, str(error)))
                continue
            for message, test in rules:
                if not test(converted):
                    problems.append(Problem(file, "", row, col, f"{message}（填的是“{value}”）"))
            if col == "year" and year is not None and converted != year:
                problems.append(Problem(file, "", row, col,
                                        f"年度“{value}”与计划年度 {year} 不一致"))
    key = ID_COLUMNS[name]
    seen: dict[object, int] = {}
    for index, value in frame[key].items():
        if value is None:
            continue
        if value in seen:
            problems.append(Problem(file, "", int(index) + 2, key,
                                    f"编号“{value}”重复（已在第 {seen[value]} 行）"))
        else:
            seen[value] = int(index) + 2
    return frame


def _refs(problems: list[Problem], file: str, frame: pd.DataFrame, col: str,
          known: set[str], what: str, allow: Callable[[object], bool] = lambda v: v is None) -> None:
    """Refuse each row whose `col` names something not in `known` (`what` says what it should be)."""
    for index, value in frame[col].items():
        if not allow(value) and value not in known:
            problems.append(Problem(file, "", int(index) + 2, col, f"“{value}”不是本计划中的{what}"))


def _check_references(tables: dict[str, pd.DataFrame], raw: dict,
                      problems: list[Problem]) -> None:
    sections = set(tables["sections"]["section"]) if "sections" in tables else None
    tasks = set(tables["tasks"]["task_id"]) if "tasks" in tables else None
    targets = set(tables["targets"]["target_id"]) if "targets" in tables else None
    if sections is not None and "tasks" in tables:
        frame = tables["tasks"]
        titles = tables["sections"].set_index("section")["title"].to_dict()
        for index, rec in frame.iterrows():
            section = f"三({rec['section_no']})"
            if section not in sections:
                problems.append(Problem("tasks.csv", "", int(index) + 2, "section_no",
                                        f"章节“{section}”不在 sections.csv 中"))
            elif titles[section] != rec["section_title"]:
                problems.append(Problem("tasks.csv", "", int(index) + 2, "section_title",
                                        f"与 sections.csv 中“{section}”的标题“{titles[section]}”不一致"))
            if rec["task_id"] is not None and not str(rec["task_id"]).startswith(section):
                problems.append(Problem("tasks.csv", "", int(index) + 2, "task_id",
                                        f"任务编号“{rec['task_id']}”应以所属章节“{section}”开头"))
    if sections is not None and tasks is not None:
        if "targets" in tables:
            _refs(problems, "targets.csv", tables["targets"], "section", sections | tasks, "章节或任务")
        if "reform_items" in tables:
            _refs(problems, "reform_items.csv", tables["reform_items"], "section", sections, "章节")
    if tasks is not None:
        for name in ("reform_items", "milestones"):
            if name in tables:
                _refs(problems, f"{name}.csv", tables[name], "task_id", tasks, "任务")
    if targets is not None and "milestones" in tables:
        _refs(problems, "milestones.csv", tables["milestones"], "target_id", targets, "目标")
    deadline = raw.get("assessment_deadline")
    if deadline and "assessment_items" in tables:
        for index, value in tables["assessment_items"]["deadline"].items():
            if value is not None and value != deadline:
                problems.append(Problem("assessment_items.csv", "", int(index) + 2, "deadline",
                                        f"“{value}”与 plan.toml 的评估事项期限 {deadline} 不一致"))


def check_plan(folder: Path) -> CheckResult:
    """Every problem of the plan folder (none: the folder can be used). Reads only."""
    folder = Path(folder)
    problems: list[Problem] = []
    if not folder.is_dir():
        problems.append(Problem(str(folder), "", None, "", "文件夹不存在"))
        return CheckResult("plan", [str(folder)], None, problems)
    raw = _check_plan_file(folder, problems) or {}
    tables = {}
    for name in PLAN_TABLES:
        frame = _check_table(folder, name, raw.get("year"), problems)
        if frame is not None:
            tables[name] = frame
    _check_references(tables, raw, problems)
    counts = pd.DataFrame({"table": list(tables), "rows": [len(f) for f in tables.values()]})
    return CheckResult("plan", [str(folder)], None if problems else counts, problems)


def report(result: CheckResult, folder: Path) -> str:
    """The check's outcome in Chinese, one problem a line."""
    if result.ok:
        counts = "、".join(f"{t} {n} 行" for t, n in zip(result.frame["table"], result.frame["rows"],
                                                       strict=True))
        return f"校验通过：{folder}（{counts}）。"
    lines = [f"计划包未通过校验：发现 {len(result.problems)} 处问题（{folder}），未作任何改动。"]
    lines += [f"- {p.text()}" for p in result.problems]
    return "\n".join(lines)
