"""Read reported spreadsheets (.xlsx/.csv), map Chinese headers and validate them whole."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from hnparks.core.cells import (
    CheckResult,
    Problem,
    blank,
    check_message,
    column_kind,
    convert,
    refuse_controls,
)
from hnparks.core.paths import data_dir
from hnparks.core.periods import year_of, years_of
from hnparks.core.schemas import SCHEMAS
from hnparks.core.text import control_chars, one_line
from hnparks.data.catalog import read_catalog
from hnparks.data.intake import (
    DEFAULT,
    MAX_BYTES,
    Deadline,
    FileRejected,
    Formula,
    LimitExceeded,
    Limits,
    Sheet,
    read_report,
)
from hnparks.data.loading import dataset_path, merge_by_key
from hnparks.derived.indicator_store import fingerprint

# Datasets parks and departments report, the key a row is merged by, and who reports it.
REPORTABLE: dict[str, list[str]] = {
    "park_indicators": ["park_id", "period"],
    "env_status": ["park_id", "period"],
    "env_problems": ["year", "problem_id"],
    "assessments": ["year", "park_id", "item_id"],
    "task_progress": ["task_id", "period"],
    "key_projects": ["year", "project_id"],
    "project_progress": ["project_id", "period"],
    "land_use": ["park_id", "period"],
    "reform_progress": ["reform_id", "period"],
    "efficiency_inputs": ["park_id", "period"],
    "task_milestones": ["milestone_id"],
    "park_platforms": ["platform_id"],
    "standard_land_plan": ["year", "city_code"],
    # Rosters and the target split the office itself supplies (a whole list or corrections).
    "parks": ["park_id"],
    "specialty_parks": ["specialty_id"],
    "city_target_allocation": ["year", "target_id", "city_code"],
}
# Columns an import sets itself rather than asking the reporter: a roster the office loads is
# the official roster, so its names are official and confirmed (no 待核).
IMPORT_FILLED: dict[str, dict[str, object]] = {
    "parks": {"name_provenance": "official", "name_verified": True},
}
# Years a report may cover: the year of any loaded plan (data/plans/<year>/); monthly park facts
# (indicators, land, the 亩均效益 inputs) also take the year before (同比基数).
WITH_BASE_YEAR = ("park_indicators", "land_use", "efficiency_inputs")


def allowed_years(name: str, root: Path | None = None) -> set[int]:
    """The years a report of `name` may cover: every loaded plan's year (and, for the monthly
    park facts, the year before each)."""
    from hnparks.plans.registry import plan_years

    years = set(plan_years(root))
    return years | {y - 1 for y in years} if name in WITH_BASE_YEAR else years


def example_year(root: Path | None = None) -> int:
    """The year examples in messages and templates are written in: the latest plan's."""
    from hnparks.plans.registry import latest_plan

    try:
        return latest_plan(root).year
    except FileNotFoundError:
        return date.today().year

# Header labels the catalog does not give (keys and codes); catalog labels win otherwise.
LABELS: dict[str, str] = {
    "park_id": "园区编号",
    "period": "报告期（年-月）",
    "problem_id": "问题编号",
    "project_id": "项目编号",
    "task_id": "任务编号",
    "reform_id": "改革事项编号",
    "specialty_id": "特色产业园编号",
    "item_id": "评估事项编号",
    "cluster_id": "关联集群编号",
    "plan_approval_year": "园区规划批复年份",
    "plan_eia_year": "规划环评审查年份",
    "env_credit_pilot": "环境信用评价试点",
    "planned_start": "计划开工日期",
    "planned_finish": "计划竣工日期",
    "park_name": "园区名称",
    "city_code": "所属市州代码",
}
# Optional reference columns a reporter may keep for readability: checked, then dropped.
REFERENCE_COLUMNS = ["park_name", "city_code"]


# ---- columns and headers -------------------------------------------------------------------

def schema_columns(name: str) -> dict[str, pa.Column]:
    """The columns a report of `name` carries: the schema's, less those the import fills."""
    filled = IMPORT_FILLED.get(name, {})
    return {c: spec for c, spec in SCHEMAS[name].to_schema().columns.items() if c not in filled}


def column_labels(name: str, root: Path | None = None) -> dict[str, str]:
    """Column → Chinese header (with unit) for a dataset, from the catalog and `LABELS`."""
    info = read_catalog(root).get(name)
    from_catalog = info.columns if info else {}
    return {col: LABELS.get(col) or from_catalog.get(col) or col for col in schema_columns(name)}


def _norm(text: str) -> str:
    text = str(text).replace("（", "(").replace("）", ")").replace("\u3000", " ")
    return re.sub(r"\s+", "", text).lower()


def header_map(name: str, root: Path | None = None) -> dict[str, str]:
    """Accepted header spellings → column: the label, the label without its unit, the code."""
    out: dict[str, str] = {}
    labels = column_labels(name, root)
    for col in REFERENCE_COLUMNS:
        labels.setdefault(col, LABELS[col])
    for col, label in labels.items():
        for spelling in (label, re.sub(r"\(.*?\)", "", _norm(label)), col):
            out[_norm(spelling)] = col
    return out


# ---- cell conversion -----------------------------------------------------------------------

def _period(value: object) -> object:
    """Accept YYYY-06, YYYY/6, YYYY年6月 or an Excel date for a 报告期 cell."""
    refuse_controls(value)
    if isinstance(value, datetime | date):
        return f"{value.year:04d}-{value.month:02d}"
    match = re.match(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$", str(value))
    if match:
        return f"{match.group(1)}-{int(match.group(2)):02d}"
    raise ValueError(f"报告期应写成 年-月，如 {example_year()}-06（填的是“{value}”）")


def _format_hint(col: str) -> str:
    return {"park_id": "应为园区编号，如 P001", "period": f"应写成 年-月，如 {example_year()}-06",
            "item_id": "应为评估事项编号，如 A01", "cluster_id": "应为集群编号，如 C01",
            }.get(col, "格式不符")


# ---- the check -----------------------------------------------------------------------------

def _dimension(name: str, root: Path | None) -> pd.DataFrame:
    return pd.read_parquet(dataset_path(name, root))


def _known_ids(name: str, root: Path | None) -> dict[str, set[str]]:
    """Codes a report may refer to, from the curated dimensions."""
    parks = _dimension("parks", root)
    known = {"park_id": set(parks["park_id"]),
             "city_code": set(_dimension("cities", root)["city_code"])}
    if name in ("task_progress", "task_milestones"):
        known["task_id"] = set(_dimension("tasks", root)["task_id"])
    if name == "assessments":
        known["item_id"] = set(_dimension("assessment_items", root)["item_id"])
    if name == "project_progress":
        known["project_id"] = set(_dimension("key_projects", root)["project_id"])
    if name in ("key_projects", "specialty_parks"):
        known["cluster_id"] = set(_dimension("clusters", root)["cluster_id"])
    if name == "reform_progress":
        known["reform_id"] = set(_dimension("reform_items", root)["reform_id"])
    if name == "city_target_allocation":
        known["target_id"] = set(_dimension("targets", root)["target_id"])
    if name == "parks":  # the roster itself: new parks and new names are what it brings
        del known["park_id"]
    return known


_DIMENSION_NAMES = {"park_id": "园区名录", "city_code": "市州名录", "task_id": "重点任务清单",
                    "item_id": "区域评估事项清单", "project_id": "重点项目名录",
                    "cluster_id": "产业集群名录", "reform_id": "改革事项清单",
                    "target_id": "目标台账"}


def check_files(name: str, files: Iterable[tuple[str, bytes]], root: Path | None = None,
                max_bytes: int = MAX_BYTES, limits: Limits | None = None) -> CheckResult:
    """Read and validate report files for one dataset; all rows pass or the files are rejected.
    Each file is held to `limits` (default hnparks.data.intake.DEFAULT with `max_bytes`) before it
    is parsed, and the whole check to its time limit."""
    limits = limits or replace(DEFAULT, max_bytes=max_bytes)
    deadline = Deadline(limits)
    files = list(files)
    try:
        return _check_files(name, files, root, limits, deadline)
    except LimitExceeded as error:  # the time ran out between files or during the checks
        result = CheckResult(dataset=name, files=[f for f, _ in files])
        result.problems.append(Problem("、".join(result.files), "", None, "", str(error)))
        return result


def _check_files(name: str, files: list[tuple[str, bytes]], root: Path | None,
                 limits: Limits, deadline: Deadline) -> CheckResult:
    result = CheckResult(dataset=name, files=[f for f, _ in files])
    if name in REPORTABLE:
        root_dir = root or data_dir()
        result.base = dataset_path(name, root_dir).relative_to(root_dir).as_posix()
    if name not in REPORTABLE:
        result.problems.append(Problem("、".join(result.files), "", None, "",
                                       f"数据集「{name}」不接受报表导入"))
        return result
    columns = schema_columns(name)
    labels = column_labels(name, root)
    labels_all = {**labels, **{c: LABELS[c] for c in REFERENCE_COLUMNS}}
    accepted = header_map(name, root)
    parts = []
    for file, data in files:
        try:
            sheets = read_report(file, data, limits=limits, deadline=deadline)
        except FileRejected as error:
            result.problems.append(Problem(file, "", None, "", str(error)))
            continue
        for sheet in sheets:
            part = _check_sheet(name, sheet, columns, labels_all, accepted, result.problems)
            if part is not None:
                parts.append(part)
    if len(parts) < len(result.files):  # a file or its headers could not be read
        return result
    frame = pd.concat(parts) if parts else pd.DataFrame()
    if frame.empty:
        result.problems.append(Problem("、".join(result.files), "", None, "",
                                       "文件没有数据行（只有表头或全是空行）"))
        return result
    deadline.check()
    _check_dimensions(name, frame, labels_all, root, result.problems)
    deadline.check()
    _check_duplicates(name, frame, labels_all, result.problems)
    if not result.problems:
        _check_ytd(name, frame, labels_all, root, result.problems)
    result.problems.sort(key=lambda p: (p.file, p.sheet, p.row or 0))
    if result.problems:
        return result
    clean = frame[list(columns)].reset_index(drop=True)
    for col, value in IMPORT_FILLED.get(name, {}).items():
        clean[col] = value
    clean = clean[list(SCHEMAS[name].to_schema().columns)]
    try:
        clean = SCHEMAS[name].validate(clean, lazy=True)
    except pa.errors.SchemaErrors as error:  # a rule the cell checks above did not cover
        from hnparks.data.loading import describe_failures

        result.problems.append(Problem("、".join(result.files), "", None, "",
                                       describe_failures(name, error)))
        return result
    deadline.check()
    root = root or data_dir()
    result.inputs = fingerprint(root)
    findings, result.store = _consistency(name, clean, root)
    for finding in findings:
        result.problems.append(Problem("、".join(result.files), "", None, "",
                                       f"与已有数据不一致（{finding.check}）：{finding.message}"))
    if result.problems:
        return result
    result.frame = clean
    return result


def _consistency(name: str, clean: pd.DataFrame, root: Path) -> tuple[list, pd.DataFrame | None]:
    """The cross-dataset checks (hnparks.derived.consistency) on the data as this load would leave it,
    so an official file is held to them too; with the indicator store they built for it."""
    from hnparks.derived.consistency import ERROR, findings_of_load

    current = dataset_path(name, root)
    existing = pd.read_parquet(current) if current.exists() else clean.iloc[:0]
    merged = merge_by_key(existing, clean, REPORTABLE[name])[0]
    findings, store = findings_of_load(name, merged, root)
    # a note (e.g. an implausible growth spread) is worth a look but does not stop a load
    return [f for f in findings if f.severity == ERROR], store


def _check_sheet(name: str, sheet: Sheet, columns: dict[str, pa.Column],
                 labels: dict[str, str], accepted: dict[str, str],
                 problems: list[Problem]) -> pd.DataFrame | None:
    where = (sheet.file, sheet.sheet)
    mapped: dict[str, str] = {}
    before = len(problems)
    for header in sheet.frame.columns:
        if str(header).strip() == "":
            continue
        col = accepted.get(_norm(header))
        if control_chars(str(header)):
            problems.append(Problem(*where, 1, one_line(header, 40),
                                    f"列名含不可见控制字符 {'、'.join(control_chars(str(header)))}"))
        elif col is None:
            problems.append(Problem(*where, 1, str(header), "无法识别的列名，请使用报表模板的列名"))
        elif col in mapped.values():
            problems.append(Problem(*where, 1, str(header), "列名重复"))
        else:
            mapped[header] = col
    missing = [labels[c] for c in columns if c not in mapped.values()]
    if missing:
        problems.append(Problem(*where, 1, "", f"缺少列：{'、'.join(missing)}"))
    if len(problems) > before:
        return None
    raw = sheet.frame[list(mapped)].rename(columns=mapped)
    out = pd.DataFrame(index=raw.index)
    for col in raw.columns:
        spec = columns.get(col)
        kind = column_kind(spec) if spec is not None else "str"
        nullable = spec.nullable if spec is not None else True
        rules = [check_message(c) for c in spec.checks] if spec is not None else []
        year = example_year()
        values = []
        for row, value in raw[col].items():
            if isinstance(value, Formula):
                problems.append(Problem(*where, int(row), labels[col],
                                        f"是公式（{value[:40]}），不是数值；请复制后“选择性粘贴为数值”"
                                        "再上传"))
                values.append(None)
                continue
            if blank(value):
                if not nullable:
                    problems.append(Problem(*where, int(row), labels[col], "不能为空"))
                values.append(None)
                continue
            try:
                converted = _period(value) if col == "period" else convert(value, kind, year)
            except ValueError as error:
                problems.append(Problem(*where, int(row), labels[col], str(error)))
                values.append(None)
                continue
            for message, test in rules:
                if not test(converted):
                    if message == "格式不符":
                        message = _format_hint(col)
                    problems.append(Problem(*where, int(row), labels[col],
                                            f"{message}（填的是“{value}”）"))
            values.append(converted)
        out[col] = values
    out["_file"], out["_sheet"], out["_row"] = sheet.file, sheet.sheet, out.index
    return out


def _check_dimensions(name: str, frame: pd.DataFrame, labels: dict[str, str],
                      root: Path | None, problems: list[Problem]) -> None:
    known = _known_ids(name, root)
    parks = _dimension("parks", root).set_index("park_id")
    years = allowed_years(name, root)
    for _, rec in frame.iterrows():
        where = (rec["_file"], rec["_sheet"], int(rec["_row"]))
        for col, ids in known.items():
            value = rec.get(col)
            if col in frame.columns and not blank(value) and value not in ids:
                problems.append(Problem(*where, labels[col],
                                        f"“{value}”不在{_DIMENSION_NAMES[col]}中"))
        if "period" in frame.columns and not blank(rec["period"]) \
                and year_of(str(rec["period"])) not in years:
            allowed = "、".join(f"{y}年" for y in sorted(years))
            problems.append(Problem(*where, labels["period"],
                                    f"报告期“{rec['period']}”不在工作要点年度（{allowed}）内"))
        if "year" in frame.columns and not blank(rec["year"]) and int(rec["year"]) not in years:
            allowed = "、".join(f"{y}年" for y in sorted(years))
            problems.append(Problem(*where, labels["year"],
                                    f"年度“{rec['year']}”不是工作要点年度（{allowed}）"))
        park = rec.get("park_id")
        # A roster row sets the park's city and name; any other report must match the roster.
        if name != "parks" and not blank(park) and park in parks.index:
            city = rec.get("city_code")
            home = parks.at[park, "city_code"]
            if not blank(city) and city in known["city_code"] and city != home:
                problems.append(Problem(*where, labels["city_code"],
                                        f"园区 {park} 属于市州 {parks.at[park, 'city_code']}，"
                                        f"不是 {city}"))
            pname = rec.get("park_name")
            if not blank(pname) and pname != parks.at[park, "park_name"]:
                problems.append(Problem(*where, labels["park_name"],
                                        f"园区 {park} 的名称应为“{parks.at[park, 'park_name']}”"))


def _check_duplicates(name: str, frame: pd.DataFrame, labels: dict[str, str],
                      problems: list[Problem]) -> None:
    keys = REPORTABLE[name]
    dup = frame[frame.duplicated(keys, keep=False)]
    for _, group in dup.groupby(keys, sort=False):
        first = group.iloc[0]
        key_text = "、".join(f"{labels[k]}={first[k]}" for k in keys)
        for _, rec in group.iloc[1:].iterrows():
            problems.append(Problem(rec["_file"], rec["_sheet"], int(rec["_row"]), "",
                                    f"重复数据：{key_text} 已在第 {int(first['_row'])} 行填报"))


def _check_ytd(name: str, frame: pd.DataFrame, labels: dict[str, str], root: Path | None,
               problems: list[Problem]) -> None:
    """Year-to-date values may not go down month to month for the same park (or project)."""
    ytd = [c for c in frame.columns if c.endswith("_ytd")]
    keys = REPORTABLE[name]
    if not ytd or "period" not in keys:
        return
    entity = [k for k in keys if k != "period"]
    path = dataset_path(name, root)
    existing = pd.read_parquet(path) if path.exists() else frame.iloc[:0]
    new = frame[entity + ["period"] + ytd + ["_file", "_sheet", "_row"]].copy()
    merged = pd.concat([existing.merge(new[entity + ["period"]], how="left", indicator=True)
                        .query("_merge == 'left_only'")[entity + ["period"] + ytd], new])
    merged = merged[merged[entity[0]].isin(new[entity[0]])]
    merged["_year"] = years_of(merged["period"])
    merged = merged.sort_values(entity + ["period"])
    for _, group in merged.groupby(entity + ["_year"], sort=False):
        rows = group.to_dict("records")
        for prev, cur in zip(rows, rows[1:], strict=False):
            for col in ytd:
                if pd.notna(prev[col]) and pd.notna(cur[col]) and cur[col] < prev[col] - 1e-9:
                    at = cur if pd.notna(cur.get("_row")) else prev
                    if pd.isna(at.get("_row")):
                        continue
                    problems.append(Problem(
                        at["_file"], at["_sheet"], int(at["_row"]), labels[col],
                        f"累计值不应逐月减少：{prev['period']} 为 {prev[col]:g}，"
                        f"{cur['period']} 为 {cur[col]:g}"))
